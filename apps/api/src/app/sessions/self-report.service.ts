import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { SelfReport } from '@attune/persistence';
import { Ack, ackError, ackOk, SelfReportPayload } from '@attune/protocol';
import { LiveSession } from './live-session';

/** SAM self-reports before/after a session; stored before the ack, idempotent on the client event id. */
@Injectable()
export class SelfReportService {
  private readonly reports: Repository<SelfReport>;

  constructor(db: DataSource) {
    this.reports = db.getRepository(SelfReport);
  }

  async store(live: LiveSession, p: SelfReportPayload): Promise<Ack<{ selfReportId: string; duplicate: boolean }>> {
    const retry = async () => {
      const existing = await this.reports.findOneBy({ clientEventId: p.clientEventId });
      if (!existing) return null;
      if (existing.sessionId !== live.id)
        return ackError('INVALID_PAYLOAD', `clientEventId ${p.clientEventId} was already used`);
      return ackOk({ selfReportId: existing.id, duplicate: true });
    };
    const earlier = await retry();
    if (earlier) return earlier;
    const id = randomUUID();
    try {
      await this.reports.insert({ id, ...p, sessionId: live.id, createdAt: new Date() });
    } catch (err) {
      const raced = err instanceof QueryFailedError ? await retry() : null;
      if (raced) return raced;
      throw err;
    }
    return ackOk({ selfReportId: id, duplicate: false });
  }
}
