import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { AffectSample } from './entities/affect-sample.entity';
import { AuditEntry } from './entities/audit-entry.entity';
import { ConsentFormVersion } from './entities/consent-form-version.entity';
import { ConsentRecord } from './entities/consent-record.entity';
import { Feedback } from './entities/feedback.entity';
import { Participant } from './entities/participant.entity';
import { Recommendation } from './entities/recommendation.entity';
import { SelfReport } from './entities/self-report.entity';
import { Session } from './entities/session.entity';

export interface RetentionOptions {
  now?: Date;
  /** Demo sessions belong to no study, so no consent form sets their retention. */
  demoRetentionDays: number;
  /** Sessions whose row stays whatever its age (the live ones of the calling server); their old rows still go. */
  isLive?: (sessionId: string) => boolean;
}

export interface RetentionDeleted {
  samples: number;
  exposures: number;
  feedback: number;
  selfReports: number;
  sessions: number;
}

/** What one run deleted, per study (null: demo sessions) and retention period. */
export interface RetentionReport {
  at: string;
  groups: { studyId: string | null; retentionDays: number; cutoff: string; deleted: RetentionDeleted }[];
}

const DAY_MS = 24 * 3600_000;
/** Keeps every IN (...) list well below the placeholder limits of SQLite and MySQL. */
const CHUNK = 500;

/**
 * Deletes what a study's consent form promised to keep only for `retentionDays`: affect
 * samples, exposures (with their feedback), feedback and self-reports older than that, and
 * sessions that ended before it (or, never ended, started before it and have nothing left). Each participant is held to the form version they last
 * consented to (else the study's newest form). Kept: participants (a random id and their join
 * code), the consent log (the proof of consent), assignments, withdrawals and the audit trail,
 * which gets one 'retention.purge' entry per study with counts only.
 */
export async function purgeExpired(db: DataSource, opts: RetentionOptions): Promise<RetentionReport> {
  const now = opts.now ?? new Date();
  const groups = await retentionGroups(db, opts.demoRetentionDays);
  const report: RetentionReport = { at: now.toISOString(), groups: [] };
  for (const { studyId, retentionDays, participantIds } of groups) {
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    const deleted: RetentionDeleted = { samples: 0, exposures: 0, feedback: 0, selfReports: 0, sessions: 0 };
    for (const pids of chunks(participantIds)) {
      const sessions = await db
        .getRepository(Session)
        .find({ where: { participantId: In(pids) }, select: { id: true, startedAt: true, endedAt: true } });
      for (const batch of chunks(sessions)) {
        const isLive = opts.isLive ?? (() => false);
        await db.transaction(async (tx) => add(deleted, await purgeSessions(tx, batch, cutoff, isLive)));
      }
    }
    if (Object.values(deleted).some((n) => n > 0)) {
      await db.getRepository(AuditEntry).insert({
        actorType: 'system',
        actorId: 'retention',
        action: 'retention.purge',
        targetType: studyId ? 'study' : 'demo',
        targetId: studyId ?? 'demo',
        details: { retentionDays, cutoff: cutoff.toISOString(), deleted },
        at: now,
      });
    }
    report.groups.push({ studyId, retentionDays, cutoff: cutoff.toISOString(), deleted });
  }
  return report;
}

async function purgeSessions(
  tx: EntityManager,
  sessions: Pick<Session, 'id' | 'startedAt' | 'endedAt'>[],
  cutoff: Date,
  isLive: (sessionId: string) => boolean,
): Promise<RetentionDeleted> {
  const ids = sessions.map((s) => s.id);
  const bySession = { sessionId: In(ids) };
  const old = LessThan(cutoff);
  const oldExposures = (
    await tx.getRepository(Recommendation).find({ where: { ...bySession, shownAt: old }, select: { id: true } })
  ).map((r) => r.id);
  // Feedback of an exposure that goes with it, however recent (explicit: no reliance on FK cascades).
  let feedback = oldExposures.length
    ? ((await tx.getRepository(Feedback).delete({ recommendationId: In(oldExposures) })).affected ?? 0)
    : 0;
  feedback += (await tx.getRepository(Feedback).delete({ ...bySession, createdAt: old })).affected ?? 0;
  const exposures = oldExposures.length
    ? ((await tx.getRepository(Recommendation).delete({ id: In(oldExposures) })).affected ?? 0)
    : 0;
  const samples = (await tx.getRepository(AffectSample).delete({ ...bySession, at: old })).affected ?? 0;
  const selfReports = (await tx.getRepository(SelfReport).delete({ ...bySession, createdAt: old })).affected ?? 0;
  // A session that ended before the cutoff goes whole. One that never ended (its server died)
  // and started before it goes once nothing recorded in it is left.
  // A live session's row stays whatever its age: the server is still writing to it.
  const candidates = sessions.filter((s) => !isLive(s.id));
  const ended = candidates.filter((s) => s.endedAt && s.endedAt.getTime() < cutoff.getTime()).map((s) => s.id);
  for (const s of candidates) {
    if (s.endedAt || s.startedAt.getTime() >= cutoff.getTime()) continue;
    const left = await Promise.all(
      [AffectSample, Recommendation, Feedback, SelfReport].map((entity) =>
        tx.getRepository(entity).existsBy({ sessionId: s.id }),
      ),
    );
    if (!left.some(Boolean)) ended.push(s.id);
  }
  let gone = 0;
  if (ended.length) {
    const rest = { sessionId: In(ended) };
    feedback += (await tx.getRepository(Feedback).delete(rest)).affected ?? 0;
    await tx.getRepository(Recommendation).delete(rest);
    await tx.getRepository(AffectSample).delete(rest);
    await tx.getRepository(SelfReport).delete(rest);
    gone = (await tx.getRepository(Session).delete({ id: In(ended) })).affected ?? 0;
  }
  return { samples, exposures, feedback, selfReports, sessions: gone };
}

/** Participants grouped by study and the retention days that bind them. */
async function retentionGroups(
  db: DataSource,
  demoRetentionDays: number,
): Promise<{ studyId: string | null; retentionDays: number; participantIds: string[] }[]> {
  const participants = await db.getRepository(Participant).find({ select: { id: true, studyId: true } });
  const forms = await db
    .getRepository(ConsentFormVersion)
    .find({ select: { id: true, studyId: true, version: true, retentionDays: true } });
  const formDays = new Map(forms.map((f) => [f.id, f.retentionDays]));
  const newestForm = new Map<string, ConsentFormVersion>();
  for (const f of forms) if ((newestForm.get(f.studyId)?.version ?? -1) < f.version) newestForm.set(f.studyId, f);
  // Ascending ids: the last record seen per participant is their latest consent.
  const records = await db
    .getRepository(ConsentRecord)
    .find({ select: { participantId: true, formVersionId: true }, order: { id: 'ASC' } });
  const consentedForm = new Map(records.map((r) => [r.participantId, r.formVersionId]));
  const groups = new Map<string, { studyId: string | null; retentionDays: number; participantIds: string[] }>();
  for (const p of participants) {
    const days = p.studyId
      ? (formDays.get(consentedForm.get(p.id) ?? '') ?? newestForm.get(p.studyId)?.retentionDays)
      : demoRetentionDays;
    // A study participant with no consent and a study without any form: nothing was promised, nothing recorded.
    if (days === undefined) continue;
    const key = `${p.studyId ?? ''}:${days}`;
    const g = groups.get(key) ?? { studyId: p.studyId, retentionDays: days, participantIds: [] };
    g.participantIds.push(p.id);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function add(total: RetentionDeleted, more: RetentionDeleted): void {
  for (const k of Object.keys(total) as (keyof RetentionDeleted)[]) total[k] += more[k];
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
