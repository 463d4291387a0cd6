import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Feedback, SelfReport } from '@attune/persistence';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { isConnectionError } from './db-errors';
import { BufferedEvent, EventBuffer } from './event-buffer';

/** The participant events that may wait in the buffer, and the table each one goes to. */
const TARGETS = { feedback: Feedback, 'self-report': SelfReport } satisfies Record<string, EntityTarget<ObjectLiteral>>;
export type DurableKind = keyof typeof TARGETS;

const BATCH = 100;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

export interface BufferStatus {
  pending: number;
  capacity: number;
  oldestAt: string | null;
}

/**
 * Keeps participant events that were accepted while the database was unreachable in a
 * durable file (DATA_DIR/event-buffer.jsonl) and writes them to the database, oldest first,
 * once it answers again. Writes are idempotent on the client event id, so replaying after a
 * crash, or an event that also arrives directly, never makes a second row. An event the
 * database refuses for good (e.g. its session was withdrawn meanwhile) goes to
 * event-buffer.rejected.jsonl, never silently away.
 */
@Injectable()
export class DurableEventsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(DurableEventsService.name);
  private readonly buffer: EventBuffer;
  private readonly rejectedFile: string;
  private draining: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: MetricsService,
  ) {
    const buffer = (this.buffer = new EventBuffer(
      join(config.dataDir, 'event-buffer.jsonl'),
      config.eventBufferCapacity,
    ));
    this.rejectedFile = join(config.dataDir, 'event-buffer.rejected.jsonl');
    new Gauge({
      name: 'attune_event_buffer_pending',
      help: 'Participant events accepted while the database was away, not yet written to it',
      registers: [metrics.registry],
      collect() {
        this.set(buffer.pending);
      },
    });
    this.outcomes = new Counter({
      name: 'attune_event_buffer_total',
      help: 'Buffered participant events by outcome: buffered, full (refused), written, rejected (by the database)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
  }

  async onModuleInit(): Promise<void> {
    const { recovered, torn } = await this.buffer.open();
    if (torn) this.logger.warn(`dropped ${torn} torn line(s) of ${this.buffer.file} (never acknowledged)`);
    if (recovered) this.logger.warn(`${recovered} buffered participant event(s) from an earlier run; writing them now`);
    this.kick();
  }

  status(): BufferStatus {
    return { pending: this.buffer.pending, capacity: this.buffer.capacity, oldestAt: this.buffer.oldestAt };
  }

  /** The buffered row of an event that has not reached the database yet. */
  pendingRow(kind: DurableKind, clientEventId: string): Record<string, unknown> | undefined {
    const e = this.buffer.find(clientEventId);
    return e?.kind === kind ? e.row : undefined;
  }

  /**
   * Keeps a row for later (the database just failed with a connection error). Resolves once
   * the row is on disk; 'full' means it was not kept and the client must retry later.
   */
  async keep(kind: DurableKind, clientEventId: string, row: Record<string, unknown>) {
    const result = await this.buffer.append({ kind, clientEventId, row, acceptedAt: new Date().toISOString() });
    if (result !== 'duplicate') this.outcomes.inc({ outcome: result === 'full' ? 'full' : 'buffered' });
    if (result === 'full') this.logger.error(`event buffer full (${this.buffer.capacity}); refusing ${kind} events`);
    this.kick();
    return result;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.draining;
    // One last pass while the database is still open; whatever stays is on disk for the next start.
    if (this.buffer.pending) await this.drainBatches().catch(() => false);
    if (this.buffer.pending) this.logger.warn(`${this.buffer.pending} buffered event(s) kept in ${this.buffer.file}`);
    await this.buffer.close();
  }

  private kick(): void {
    if (this.draining || this.stopped || !this.buffer.pending) return;
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
    });
  }

  private async drainLoop(): Promise<void> {
    let delay = FIRST_RETRY_MS;
    while (!this.stopped && this.buffer.pending) {
      if (await this.drainBatches()) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
    if (this.buffer.pending === 0) this.logger.log('event buffer drained');
  }

  /** Writes batches until the buffer is empty (true) or the database is away again (false). */
  private async drainBatches(): Promise<boolean> {
    while (this.buffer.pending) {
      let written = 0;
      let reachable = true;
      for (const event of this.buffer.peek(BATCH)) {
        try {
          await this.write(event);
          this.outcomes.inc({ outcome: 'written' });
          written++;
        } catch (err) {
          if (isConnectionError(err)) {
            reachable = false;
            break;
          }
          await this.reject(event, err as Error);
          this.outcomes.inc({ outcome: 'rejected' });
          written++;
        }
      }
      await this.buffer.shift(written);
      if (!reachable) return false;
    }
    return true;
  }

  /** Inserts one buffered row; a row already there (same client event id) counts as written. */
  private async write(event: BufferedEvent): Promise<void> {
    const repo = this.db.getRepository(TARGETS[event.kind as DurableKind]);
    const row = { ...event.row, createdAt: new Date(event.row['createdAt'] as string) };
    try {
      await repo.insert(row);
    } catch (err) {
      if (isConnectionError(err)) throw err;
      if (await repo.existsBy({ clientEventId: event.clientEventId })) return;
      throw err;
    }
  }

  private async reject(event: BufferedEvent, err: Error): Promise<void> {
    this.logger.error(`buffered ${event.kind} ${event.clientEventId} refused by the database: ${err.message}`);
    await appendFile(this.rejectedFile, `${JSON.stringify({ ...event, error: err.message })}\n`);
  }
}
