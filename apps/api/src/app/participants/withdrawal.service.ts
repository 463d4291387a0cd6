import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  AffectSample,
  Assignment,
  AuditEntry,
  ConsentRecord,
  Feedback,
  Participant,
  Recommendation,
  SelfReport,
  Session,
  Withdrawal,
} from '@attune/persistence';
import { SessionService } from '../sessions/session.service';

export interface WithdrawalActor {
  type: 'researcher' | 'participant';
  id: string;
}

/**
 * Deletes everything recorded about a participant — sessions, samples, exposures, feedback,
 * self-reports, assignments, consent log — in one transaction, keeping only the withdrawal
 * record and an audit entry. Explicit deletes, not only FK cascades, so it holds on every database.
 */
@Injectable()
export class WithdrawalService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionService,
  ) {}

  async withdraw(participant: Participant, actor: WithdrawalActor): Promise<Withdrawal> {
    const withdrawal = await this.db.transaction(async (tx) => {
      const sessionIds = (
        await tx.getRepository(Session).find({ where: { participantId: participant.id }, select: { id: true } })
      ).map((s) => s.id);
      if (sessionIds.length) {
        const bySession = { sessionId: In(sessionIds) };
        await tx.getRepository(Feedback).delete(bySession);
        await tx.getRepository(Recommendation).delete(bySession);
        await tx.getRepository(AffectSample).delete(bySession);
        await tx.getRepository(SelfReport).delete(bySession);
        await tx.getRepository(Session).delete({ id: In(sessionIds) });
      }
      await tx.getRepository(Assignment).delete({ participantId: participant.id });
      await tx.getRepository(ConsentRecord).delete({ participantId: participant.id });
      await tx.getRepository(Participant).delete({ id: participant.id });
      const row = await tx.getRepository(Withdrawal).save({
        id: randomUUID(),
        studyId: participant.studyId!,
        participantId: participant.id,
        participantCode: participant.code,
        withdrawnAt: new Date(),
      });
      await tx.getRepository(AuditEntry).insert({
        actorType: actor.type,
        actorId: actor.id,
        action: 'participant.withdraw',
        targetType: 'participant',
        targetId: participant.id,
        details: { studyId: participant.studyId ?? undefined, sessionsDeleted: sessionIds.length },
        at: row.withdrawnAt,
      });
      return row;
    });
    this.sessions.forgetParticipant(participant.id);
    return withdrawal;
  }
}
