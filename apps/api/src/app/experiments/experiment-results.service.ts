import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  AffectSample,
  Assignment,
  ExperimentArm,
  Feedback,
  Recommendation,
  SelfReport,
  Session,
} from '@attune/persistence';
import {
  analyzeExperiment,
  AnalysisInputError,
  describeArms,
  ExperimentAnalysis,
  exposureObservations,
  MoodPoint,
  Observation,
  sampleRatioMismatch,
  selfReportObservations,
  SrmResult,
} from '@attune/experiments';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { ExperimentsService } from './experiments.service';

/**
 * Why `comparisons` is empty: no data at all, none in the control arm (the other arms are still
 * summarised in `arms`), or data in the control arm only.
 */
export type ComparisonsOmittedReason = 'no-data' | 'control-has-no-data' | 'other-arms-have-no-data';

export interface ExperimentResults extends Omit<ExperimentAnalysis, 'srm'> {
  experiment: string;
  /** Assigned participants per arm (not only those with exposures). */
  assigned: Record<string, number>;
  srm: SrmResult | null;
  /** Exposures whose playback began (the unit of the metrics). */
  exposures: number;
  /** Recommendations sent, played or not. */
  sent: number;
  /** Set when no arm could be compared with the control; `arms` still holds every arm with data. */
  comparisonsOmitted: { reason: ComparisonsOmittedReason; message: string } | null;
}

/**
 * Per-arm metrics of an experiment from what was logged: exposures, their feedback, the mood
 * around them and SAM self-reports; participants are the unit of analysis.
 */
@Injectable()
export class ExperimentResultsService {
  constructor(
    private readonly db: DataSource,
    private readonly experiments: ExperimentsService,
  ) {}

  async results(
    researcher: AuthenticatedResearcher,
    studyId: string,
    id: string,
    control?: string,
  ): Promise<ExperimentResults> {
    const experiment = await this.experiments.get(researcher, studyId, id);
    const arms = await this.db.getRepository(ExperimentArm).findBy({ experimentId: id });
    const keyOf = new Map(arms.map((a) => [a.id, a.key]));
    const controlKey = control ?? arms.map((a) => a.key).sort()[0];
    if (!keyOf.size || ![...keyOf.values()].includes(controlKey))
      throw new BadRequestException(`no arm "${controlKey}"`);

    const assignments = await this.db.getRepository(Assignment).findBy({ experimentId: id });
    const assigned = Object.fromEntries(arms.map((a) => [a.key, assignments.filter((x) => x.armId === a.id).length]));
    const sessions = await this.db.getRepository(Session).findBy({ armId: In([...keyOf.keys()]) });
    const participantOf = new Map(sessions.map((s) => [s.id, s.participantId]));
    const sessionIds = sessions.map((s) => s.id);
    const [exposures, feedback, samples, reports] = sessionIds.length
      ? await Promise.all([
          this.db
            .getRepository(Recommendation)
            .find({ where: { sessionId: In(sessionIds) }, order: { shownAt: 'ASC' } }),
          this.db.getRepository(Feedback).findBy({ sessionId: In(sessionIds) }),
          this.db.getRepository(AffectSample).find({ where: { sessionId: In(sessionIds) }, order: { at: 'ASC' } }),
          this.db.getRepository(SelfReport).findBy({ sessionId: In(sessionIds) }),
        ])
      : [[], [], [], []];

    // The fused state where a session has one, else its face estimates.
    const moodBySession = new Map<string, MoodPoint[]>();
    for (const sessionId of sessionIds) {
      const own = samples.filter((x) => x.sessionId === sessionId);
      const fused = own.filter((x) => x.modality === 'fused');
      const chosen = fused.length ? fused : own.filter((x) => x.modality === 'face');
      moodBySession.set(
        sessionId,
        chosen.map((x) => ({ at: x.at.getTime(), valence: x.valence, arousal: x.arousal })),
      );
    }
    const rows: Observation[] = [];
    // An exposure counts once playback began in the participant's browser, not when it was sent.
    const played = exposures.filter((e) => e.playedAt && e.armId && keyOf.has(e.armId));
    for (const e of played) {
      rows.push(
        ...exposureObservations(
          {
            participantId: participantOf.get(e.sessionId)!,
            arm: keyOf.get(e.armId!)!,
            shownAt: e.playedAt!.getTime(),
            feedback: feedback
              .filter((f) => f.recommendationId === e.id)
              .map((f) => ({ kind: f.kind, value: f.value })),
          },
          moodBySession.get(e.sessionId) ?? [],
        ),
      );
    }
    const armOfSession = new Map(sessions.map((s) => [s.id, keyOf.get(s.armId!)!]));
    for (const sessionId of new Set(reports.map((r) => r.sessionId))) {
      const before = reports.find((r) => r.sessionId === sessionId && r.phase === 'before');
      const after = reports.find((r) => r.sessionId === sessionId && r.phase === 'after');
      if (before && after) {
        rows.push(
          ...selfReportObservations({
            participantId: participantOf.get(sessionId)!,
            arm: armOfSession.get(sessionId)!,
            before,
            after,
          }),
        );
      }
    }
    const weights = Object.fromEntries(arms.map((a) => [a.key, a.weight]));
    const keys = arms.map((a) => a.key);
    const total = keys.reduce((s, k) => s + assigned[k], 0);
    return {
      ...this.analyze(rows, controlKey, weights),
      experiment: experiment.name,
      assigned,
      srm:
        total > 0
          ? sampleRatioMismatch(
              keys.map((k) => assigned[k]),
              keys.map((k) => weights[k]),
            )
          : null,
      exposures: played.length,
      sent: exposures.length,
    };
  }

  /** The full analysis when the control arm has data; otherwise each arm's summary and the reason. */
  private analyze(
    rows: Observation[],
    control: string,
    weights: Record<string, number>,
  ): Pick<ExperimentResults, 'arms' | 'comparisons' | 'warnings' | 'comparisonsOmitted'> {
    if (!rows.length)
      return {
        arms: {},
        comparisons: [],
        warnings: ['not enough data for a comparison yet'],
        comparisonsOmitted: { reason: 'no-data', message: 'no arm has data yet' },
      };
    const omitted = (reason: ComparisonsOmittedReason, message: string) => ({
      arms: describeArms(rows, { perParticipant: true }),
      comparisons: [],
      warnings: [],
      comparisonsOmitted: { reason, message },
    });
    if (!rows.some((r) => r.arm === control))
      return omitted('control-has-no-data', `comparisons need data in the control arm "${control}"`);
    try {
      // Its SRM (participants with data) is replaced by the caller's (participants assigned).
      const analysis = analyzeExperiment(rows, { control, weights, perParticipant: true });
      const alone = !rows.some((r) => r.arm !== control);
      return {
        ...analysis,
        comparisonsOmitted: alone
          ? { reason: 'other-arms-have-no-data', message: `only the control arm "${control}" has data yet` }
          : null,
      };
    } catch (err) {
      if (!(err instanceof AnalysisInputError)) throw err;
      return omitted('no-data', err.message);
    }
  }
}
