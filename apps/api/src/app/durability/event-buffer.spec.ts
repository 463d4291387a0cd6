import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferedEvent, EventBuffer } from './event-buffer';

const event = (n: number): BufferedEvent => ({
  kind: 'feedback',
  clientEventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  row: { n },
  acceptedAt: new Date(Date.UTC(2026, 10, 21, 9, 0, n)).toISOString(),
});

describe('EventBuffer', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'attune-buffer-'));
    file = join(dir, 'nested', 'event-buffer.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps appended events across a restart, oldest first', async () => {
    const a = new EventBuffer(file, 10);
    await a.open();
    for (const n of [1, 2, 3]) expect(await a.append(event(n))).toBe('appended');
    await a.close();

    const b = new EventBuffer(file, 10);
    expect(await b.open()).toEqual({ recovered: 3, torn: 0 });
    expect(b.peek(10).map((e) => e.row['n'])).toEqual([1, 2, 3]);
    expect(b.oldestAt).toBe(event(1).acceptedAt);
    await b.close();
  });

  it('stores an id once and refuses events beyond its capacity', async () => {
    const buffer = new EventBuffer(file, 2);
    await buffer.open();
    expect(await buffer.append(event(1))).toBe('appended');
    expect(await buffer.append(event(1))).toBe('duplicate');
    expect(await buffer.append(event(2))).toBe('appended');
    expect(await buffer.append(event(3))).toBe('full');
    expect(buffer.pending).toBe(2);
    expect(buffer.find(event(2).clientEventId)?.row).toEqual({ n: 2 });
    await buffer.close();
  });

  it('drops a drained prefix from the file, and frees the room', async () => {
    const buffer = new EventBuffer(file, 3);
    await buffer.open();
    await Promise.all([1, 2, 3].map((n) => buffer.append(event(n))));
    await buffer.shift(2);
    expect(buffer.find(event(1).clientEventId)).toBeUndefined();
    expect(await buffer.append(event(4))).toBe('appended');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).row.n)).toEqual([3, 4]);
    await buffer.close();
  });

  it('drops a torn last line (a crash mid-append, never acknowledged)', async () => {
    const a = new EventBuffer(file, 10);
    await a.open();
    await a.append(event(1));
    await a.close();
    appendFileSync(file, '{"kind":"feedback","clientEv');

    const b = new EventBuffer(file, 10);
    expect(await b.open()).toEqual({ recovered: 1, torn: 1 });
    await b.append(event(2));
    await b.close();
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).row.n),
    ).toEqual([1, 2]);
  });
});
