import { InjectionToken } from '@angular/core';
import {
  PARTICIPANT_EVENTS,
  RETRYABLE_ERROR_CODES,
  type Ack,
  type FeedbackPayload,
  type SelfReportPayload,
} from '@attune/protocol';

/** The participant events that must reach the database: each carries its client event id. */
export type OutboxEvent =
  | { event: typeof PARTICIPANT_EVENTS.feedback; payload: FeedbackPayload }
  | { event: typeof PARTICIPANT_EVENTS.selfReport; payload: SelfReportPayload };

/** One unacknowledged event, keyed by its client event id, for the session it belongs to. */
export type OutboxEntry = OutboxEvent & { id: string; sessionId: string; queuedAt: number };

/** Emits one event and resolves its ack (a lost connection resolves a retryable error, never rejects). */
export type OutboxSend = (entry: OutboxEvent) => Promise<Ack<unknown>>;

/** Where unacknowledged events wait: IndexedDB in the browser (survives reloads), memory elsewhere. */
export interface OutboxStore {
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
  all(): Promise<OutboxEntry[]>;
}

const STORE = 'events';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export class IndexedDbOutboxStore implements OutboxStore {
  private db: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly idb: IDBFactory,
    private readonly name = 'attune-outbox',
  ) {}

  async put(entry: OutboxEntry): Promise<void> {
    await this.run('readwrite', (s) => s.put(entry));
  }

  async delete(id: string): Promise<void> {
    await this.run('readwrite', (s) => s.delete(id));
  }

  async all(): Promise<OutboxEntry[]> {
    return this.run('readonly', (s) => s.getAll() as IDBRequest<OutboxEntry[]>);
  }

  private async run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    const tx = db.transaction(STORE, mode);
    const result = done(op(tx.objectStore(STORE)));
    // Resolve only once the transaction committed: then a reload cannot lose the write.
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = this.idb.open(this.name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  }
}

export class MemoryOutboxStore implements OutboxStore {
  private readonly entries = new Map<string, OutboxEntry>();

  async put(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.id, entry);
  }

  async delete(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async all(): Promise<OutboxEntry[]> {
    return [...this.entries.values()];
  }
}

/**
 * Participant events that are never lost: an event is stored before it is sent and removed
 * only when the server acknowledged it (stored, or safe in its durable buffer) or refused it
 * for good (a non-retryable error). Whatever is left is sent again, in order, after every
 * (re)connect and after a page reload, once the session is resumed. Re-sending is safe: the
 * server stores each client event id once and answers a repeat as a duplicate.
 */
export class EventOutbox {
  constructor(private readonly store: OutboxStore) {}

  /** Keeps the event, then sends it once now; it stays queued unless the answer is final. */
  async send(entry: OutboxEntry, send: OutboxSend): Promise<Ack<unknown>> {
    await this.store.put(entry);
    return this.deliver(entry, send);
  }

  /**
   * Sends the session's queued events, oldest first, one at a time; stops at the first one
   * that could not be delivered (the server is still unreachable). Resolves how many remain.
   */
  async flush(sessionId: string, send: OutboxSend): Promise<number> {
    const queued = await this.pending(sessionId);
    for (const [i, entry] of queued.entries()) {
      const ack = await this.deliver(entry, send);
      if (!ack.ok && RETRYABLE_ERROR_CODES.includes(ack.error.code)) return queued.length - i;
    }
    return 0;
  }

  /** Queued events, oldest first; of one session when given. */
  async pending(sessionId?: string): Promise<OutboxEntry[]> {
    const all = await this.store.all();
    return all.filter((e) => !sessionId || e.sessionId === sessionId).sort((a, b) => a.queuedAt - b.queuedAt);
  }

  /** Forgets a session's events: it can no longer be resumed, so nothing can deliver them. */
  async discardSession(sessionId: string): Promise<number> {
    const queued = await this.pending(sessionId);
    for (const e of queued) await this.store.delete(e.id);
    return queued.length;
  }

  private async deliver(entry: OutboxEntry, send: OutboxSend): Promise<Ack<unknown>> {
    const ack = await send({ event: entry.event, payload: entry.payload } as OutboxEvent);
    if (ack.ok || !RETRYABLE_ERROR_CODES.includes(ack.error.code)) await this.store.delete(entry.id);
    return ack;
  }
}

export const EVENT_OUTBOX = new InjectionToken<EventOutbox>('EVENT_OUTBOX', {
  providedIn: 'root',
  factory: () =>
    new EventOutbox(typeof indexedDB === 'undefined' ? new MemoryOutboxStore() : new IndexedDbOutboxStore(indexedDB)),
});
