import { deserialize, serialize } from 'node:v8';
import { IDBFactory } from 'fake-indexeddb';
import { PARTICIPANT_EVENTS, type Ack } from '@attune/protocol';
import { EventOutbox, IndexedDbOutboxStore, type OutboxEntry, type OutboxSend } from './event-outbox';

// jsdom lacks structuredClone, which IndexedDB (and fake-indexeddb) clone values with.
globalThis.structuredClone ??= ((value: unknown) => deserialize(serialize(value))) as typeof structuredClone;

const SESSION = '11111111-1111-4111-8111-111111111111';
const REC = '22222222-2222-4222-8222-222222222222';

let n = 0;
function feedback(sessionId = SESSION): OutboxEntry {
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return {
    id,
    sessionId,
    queuedAt: n,
    event: PARTICIPANT_EVENTS.feedback,
    payload: { clientEventId: id, recommendationId: REC, kind: 'like' },
  };
}

const ok: Ack<unknown> = { ok: true, data: { duplicate: false } };
const err = (code: 'INTERNAL' | 'UNAVAILABLE' | 'INVALID_PAYLOAD' | 'NOT_FOUND'): Ack<unknown> => ({
  ok: false,
  error: { code, message: code },
});

describe('EventOutbox (IndexedDB)', () => {
  let idb: IDBFactory;
  const outbox = () => new EventOutbox(new IndexedDbOutboxStore(idb));
  beforeEach(() => {
    idb = new IDBFactory();
  });

  it('forgets an event once the server acknowledged it', async () => {
    const box = outbox();
    const send = jest.fn<ReturnType<OutboxSend>, Parameters<OutboxSend>>().mockResolvedValue(ok);
    const e = feedback();
    expect(await box.send(e, send)).toEqual(ok);
    expect(send).toHaveBeenCalledWith({ event: 'feedback', payload: e.payload });
    expect(await box.pending()).toEqual([]);
  });

  it('keeps an unanswered event across a reload and re-sends it after the reconnect', async () => {
    const e = feedback();
    await outbox().send(e, async () => err('INTERNAL'));

    const reloaded = outbox();
    expect((await reloaded.pending(SESSION)).map((x) => x.id)).toEqual([e.id]);
    const send = jest.fn<ReturnType<OutboxSend>, Parameters<OutboxSend>>().mockResolvedValue(ok);
    expect(await reloaded.flush(SESSION, send)).toBe(0);
    expect(send).toHaveBeenCalledWith({ event: 'feedback', payload: e.payload });
    expect(await reloaded.pending()).toEqual([]);
  });

  it('drops an event the server refused for good, keeps one it could not take now', async () => {
    const box = outbox();
    const refused = feedback();
    const later = feedback();
    await box.send(refused, async () => err('INVALID_PAYLOAD'));
    await box.send(later, async () => err('UNAVAILABLE'));
    expect((await box.pending()).map((x) => x.id)).toEqual([later.id]);
  });

  it('flushes one session oldest first and stops while the server is unreachable', async () => {
    const box = outbox();
    const [a, b, c] = [feedback(), feedback(), feedback()];
    const other = feedback('33333333-3333-4333-8333-333333333333');
    for (const e of [c, other, a, b]) await box.send(e, async () => err('INTERNAL'));

    const sent: string[] = [];
    const flaky: OutboxSend = async ({ payload }) => {
      sent.push(payload.clientEventId);
      return sent.length === 2 ? err('INTERNAL') : ok;
    };
    expect(await box.flush(SESSION, flaky)).toBe(2);
    expect(sent).toEqual([a.id, b.id]);
    expect((await box.pending(SESSION)).map((x) => x.id)).toEqual([b.id, c.id]);

    expect(await box.flush(SESSION, async () => ok)).toBe(0);
    expect((await box.pending()).map((x) => x.id)).toEqual([other.id]);
  });

  it('discards the events of a session that can no longer be resumed', async () => {
    const box = outbox();
    await box.send(feedback(), async () => err('INTERNAL'));
    expect(await box.discardSession(SESSION)).toBe(1);
    expect(await box.pending()).toEqual([]);
  });
});
