import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One participant event accepted while the database was away: the row to insert, as JSON. */
export interface BufferedEvent {
  kind: string;
  clientEventId: string;
  row: Record<string, unknown>;
  /** ISO time the server accepted it. */
  acceptedAt: string;
}

/**
 * A bounded, append-only JSON-lines file of accepted events, oldest first. An append is
 * fsync'ed before it resolves, so an acknowledged event survives a crash. Draining drops a
 * prefix by rewriting the rest to a new file and renaming it over the old one; a crash in
 * between replays events already written, which the unique client event ids make harmless.
 */
export class EventBuffer {
  private readonly entries: BufferedEvent[] = [];
  private readonly byId = new Map<string, BufferedEvent>();
  private handle: FileHandle | null = null;
  /** File operations run one at a time, in call order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    readonly capacity: number,
  ) {}

  /** Loads what an earlier run left behind; a torn last line (never acknowledged) is dropped. */
  async open(): Promise<{ recovered: number; torn: number }> {
    await mkdir(dirname(this.file), { recursive: true });
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    let torn = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.remember(JSON.parse(line) as BufferedEvent);
      } catch {
        torn++;
      }
    }
    if (torn) await this.rewrite();
    this.handle = await open(this.file, 'a');
    return { recovered: this.entries.length, torn };
  }

  get pending(): number {
    return this.entries.length;
  }

  get oldestAt(): string | null {
    return this.entries[0]?.acceptedAt ?? null;
  }

  find(clientEventId: string): BufferedEvent | undefined {
    return this.byId.get(clientEventId);
  }

  /** The oldest `n` events, without removing them. */
  peek(n: number): BufferedEvent[] {
    return this.entries.slice(0, n);
  }

  /**
   * Appends and fsyncs. 'full' when the buffer holds `capacity` events; 'duplicate' when the
   * id is already buffered (a re-sent event).
   */
  append(event: BufferedEvent): Promise<'appended' | 'duplicate' | 'full'> {
    return this.serial(async () => {
      if (this.byId.has(event.clientEventId)) return 'duplicate';
      if (this.entries.length >= this.capacity) return 'full';
      if (!this.handle) throw new Error('event buffer is not open');
      await this.handle.write(`${JSON.stringify(event)}\n`);
      await this.handle.datasync();
      this.remember(event);
      return 'appended';
    });
  }

  /** Drops the oldest `n` events (they are in the database now). */
  shift(n: number): Promise<void> {
    return this.serial(async () => {
      if (n <= 0) return;
      for (const e of this.entries.splice(0, n)) this.byId.delete(e.clientEventId);
      await this.handle?.close();
      await this.rewrite();
      this.handle = await open(this.file, 'a');
    });
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  private remember(event: BufferedEvent): void {
    if (this.byId.has(event.clientEventId)) return;
    this.entries.push(event);
    this.byId.set(event.clientEventId, event);
  }

  /** Writes the remaining events to a temporary file, fsyncs it and renames it over the buffer. */
  private async rewrite(): Promise<void> {
    const tmp = `${this.file}.tmp`;
    const out = await open(tmp, 'w');
    try {
      if (this.entries.length) await out.write(this.entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, this.file);
    // The rename itself is durable once the directory entry is synced.
    const dir = await open(dirname(this.file), 'r');
    try {
      await dir.sync();
    } catch {
      // Some filesystems refuse fsync on a directory; the rename is still atomic.
    } finally {
      await dir.close();
    }
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
