import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  AffectSample,
  ConsentRecord,
  Feedback,
  Participant,
  Recommendation,
  SelfReport,
  Session,
} from '@attune/persistence';
import { EMOTIONS } from '@attune/protocol';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { StudyAccessService } from '../studies/study-access.service';

export const EXPORT_TABLES = [
  'participants',
  'consent',
  'sessions',
  'samples',
  'exposures',
  'feedback',
  'self-reports',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
type Row = Record<string, string | number | boolean | null>;

export interface ExportResult {
  columns: string[];
  rows: Row[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A study's data as tidy tables (one observation per row, one variable per column) that
 * pandas and R read directly. Pseudonymous: participants appear only by their random id —
 * never by join code (a credential: whoever holds it can act as the participant), and no
 * researcher e-mail or free text typed by a participant is exported.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly db: DataSource,
    private readonly access: StudyAccessService,
  ) {}

  async table(researcher: AuthenticatedResearcher, studyId: string, table: ExportTable): Promise<ExportResult> {
    await this.access.require(researcher, studyId);
    const participants = await this.db
      .getRepository(Participant)
      .find({ where: { studyId }, order: { createdAt: 'ASC' } });
    const pids = participants.map((p) => p.id);
    const sessions = pids.length
      ? await this.db.getRepository(Session).find({ where: { participantId: In(pids) }, order: { startedAt: 'ASC' } })
      : [];
    const sids = sessions.map((s) => s.id);
    const participantOf = new Map(sessions.map((s) => [s.id, s.participantId]));
    const bySession = (rows: { sessionId: string }[]) =>
      rows.map((r) => ({ participant_id: participantOf.get(r.sessionId)!, session_id: r.sessionId }));
    switch (table) {
      case 'participants':
        return rowsOf(participants.map((p) => ({ participant_id: p.id, created_at: iso(p.createdAt) })));
      case 'consent': {
        const records = pids.length
          ? await this.db
              .getRepository(ConsentRecord)
              .find({ where: { participantId: In(pids) }, order: { id: 'ASC' } })
          : [];
        return rowsOf(
          records.flatMap((r) =>
            Object.entries(r.choices).map(([choice, granted]) => ({
              participant_id: r.participantId,
              form_version: r.formVersion,
              choice,
              granted,
              recorded_at: iso(r.createdAt),
            })),
          ),
        );
      }
      case 'sessions':
        return rowsOf(
          sessions.map((s) => ({
            participant_id: s.participantId,
            session_id: s.id,
            strategy: s.strategy,
            arm_id: s.armId,
            started_at: iso(s.startedAt),
            ended_at: iso(s.endedAt),
          })),
        );
      case 'samples': {
        const samples = sids.length
          ? await this.db.getRepository(AffectSample).find({ where: { sessionId: In(sids) }, order: { at: 'ASC' } })
          : [];
        const ids = bySession(samples);
        // Long format: one row per sample and emotion probability.
        return rowsOf(
          samples.flatMap((s, i) =>
            EMOTIONS.map((emotion) => ({
              ...ids[i],
              at: iso(s.at),
              modality: s.modality,
              model_id: s.modelId,
              label: s.label,
              confidence: s.confidence,
              valence: s.valence,
              arousal: s.arousal,
              emotion,
              probability: s.distribution[emotion] ?? 0,
            })),
          ),
        );
      }
      case 'exposures': {
        const recs = sids.length
          ? await this.db
              .getRepository(Recommendation)
              .find({ where: { sessionId: In(sids) }, order: { shownAt: 'ASC' } })
          : [];
        const ids = bySession(recs);
        return rowsOf(
          recs.map((r, i) => ({
            ...ids[i],
            exposure_id: r.id,
            shown_at: iso(r.shownAt),
            played_at: iso(r.playedAt),
            track_id: r.trackId,
            strategy: r.strategy,
            arm_id: r.armId,
            trigger: r.trigger,
            mood_label: r.moodLabel,
            mood_confidence: r.moodConfidence,
            mood_valence: r.moodValence,
            mood_arousal: r.moodArousal,
            explanation: r.explanation,
          })),
        );
      }
      case 'feedback': {
        const rows = sids.length
          ? await this.db.getRepository(Feedback).find({ where: { sessionId: In(sids) }, order: { createdAt: 'ASC' } })
          : [];
        const ids = bySession(rows);
        return rowsOf(
          rows.map((f, i) => ({
            ...ids[i],
            exposure_id: f.recommendationId,
            kind: f.kind,
            value: f.value,
            listened_sec: f.listenedSec,
            at: iso(f.createdAt),
          })),
        );
      }
      case 'self-reports': {
        const rows = sids.length
          ? await this.db
              .getRepository(SelfReport)
              .find({ where: { sessionId: In(sids) }, order: { createdAt: 'ASC' } })
          : [];
        const ids = bySession(rows);
        return rowsOf(
          rows.flatMap((r, i) =>
            (['valence', 'arousal', 'dominance'] as const).map((scale) => ({
              ...ids[i],
              phase: r.phase,
              scale,
              value: r[scale],
              at: iso(r.createdAt),
            })),
          ),
        );
      }
    }
  }
}

function rowsOf(rows: Row[]): ExportResult {
  return { columns: rows.length ? Object.keys(rows[0]) : [], rows };
}
