import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { SelfReport } from '@attune/persistence';
import { Ack, ackError, ackOk, SelfReportPayload, SelfReportStored } from '@attune/protocol';
import { isConnectionError } from '../durability/db-errors';
import { DurableEventsService } from '../durability/durable-events.service';
import { LiveSession } from './live-session';

/**
 * SAM self-reports before/after a session; stored before the ack, idempotent on the client
 * event id. With the database away they go to the durable buffer (ack `buffered`).
 */
@Injectable()
export class SelfReportService {
  private readonly reports: Repository<SelfReport>;

  constructor(
    db: DataSource,
    private readonly durable: DurableEventsService,
  ) {
    this.reports = db.getRepository(SelfReport);
  }

  async store(live: LiveSession, p: SelfReportPayload): Promise<Ack<SelfReportStored>> {
    const buffered = this.durable.pendingRow('self-report', p.clientEventId);
    if (buffered) return this.answerRetry(live, p, buffered as { id: string; sessionId: string }, true);
    try {
      return await this.storeNow(live, p);
    } catch (err) {
      if (!isConnectionError(err)) throw err;
    }
    const row = { id: randomUUID(), ...p, sessionId: live.id, createdAt: new Date().toISOString() };
    const kept = await this.durable.keep('self-report', p.clientEventId, row);
    if (kept === 'full')
      return ackError('UNAVAILABLE', 'the database is unavailable and the buffer is full; retry later');
    if (kept === 'duplicate') {
      const first = this.durable.pendingRow('self-report', p.clientEventId) as { id: string; sessionId: string };
      return this.answerRetry(live, p, first, true);
    }
    return ackOk({ selfReportId: row.id, duplicate: false, buffered: true });
  }

  private async storeNow(live: LiveSession, p: SelfReportPayload): Promise<Ack<SelfReportStored>> {
    const retry = async () => {
      const existing = await this.reports.findOneBy({ clientEventId: p.clientEventId });
      return existing && this.answerRetry(live, p, existing, false);
    };
    const earlier = await retry();
    if (earlier) return earlier;
    const id = randomUUID();
    try {
      await this.reports.insert({ id, ...p, sessionId: live.id, createdAt: new Date() });
    } catch (err) {
      const raced = err instanceof QueryFailedError && !isConnectionError(err) ? await retry() : null;
      if (raced) return raced;
      throw err;
    }
    return ackOk({ selfReportId: id, duplicate: false });
  }

  private answerRetry(
    live: LiveSession,
    p: SelfReportPayload,
    existing: { id: string; sessionId: string },
    buffered: boolean,
  ): Ack<SelfReportStored> {
    if (existing.sessionId !== live.id)
      return ackError('INVALID_PAYLOAD', `clientEventId ${p.clientEventId} was already used`);
    return ackOk({ selfReportId: existing.id, duplicate: true, ...(buffered && { buffered }) });
  }
}
