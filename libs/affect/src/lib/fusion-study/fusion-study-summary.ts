import type { Emotion } from '@attune/protocol';
import { fusionConfig, type Pool } from '@attune/fusion';
import {
  runFusionStudy,
  STUDY_MODALITIES,
  STUDY_PROTOCOL,
  type FusionStudyOptions,
  type FusionStudyResult,
  type StudyModality,
} from './fusion-study';
import type { HeldOutSet } from './held-out';

/** Mean, minimum and maximum of one figure over seeds. */
export interface SeedStats {
  mean: number;
  min: number;
  max: number;
}

export interface ConditionSummary {
  accuracy: SeedStats;
  macroF1: SeedStats;
  /** Wilson 95% interval of the accuracy at the seed where it was lowest. */
  ci95AtMin: [number, number];
  perSeed: number[];
}

export interface CheckSummary {
  /** Held at every seed: fusion > reference (`fusion`) or >= reference (degraded conditions). */
  holds: boolean;
  seedsHeld: number;
  seeds: number;
  /** The reference (best single modality available, raw or calibrated) at each seed. */
  references: string[];
  /** Accuracy of fusion in this condition and of its reference, over seeds. */
  fusion: SeedStats;
  reference: SeedStats;
  /** fusion - reference accuracy over seeds. */
  margin: SeedStats;
}

export interface FusionStudySummary {
  study: 'fusion';
  protocol: string;
  labels: Emotion[];
  seeds: number[];
  triplesPerClass: number;
  triples: number;
  /** The fusion rule's settings (set a priori, not tuned on this study). */
  fusion: { pool: Pool; corruptionPrior: number; corruptionSwitch: number };
  sources: Record<
    StudyModality,
    { modelId: string; source: string; heldOut: number; calibration: number; test: number }
  >;
  /** What calibration found per model (over seeds). */
  calibration: Record<StudyModality, { scale: SeedStats; argmaxBonus: SeedStats; macroF1OnCalibrationHalf: SeedStats }>;
  conditions: Record<string, ConditionSummary>;
  acceptance: {
    beatsBestSingle: boolean;
    degradesGracefully: boolean;
    perCondition: Record<string, CheckSummary>;
  };
  /** The same checks for the ablations (other rules on the same triples); not part of the acceptance. */
  ablationChecks: Record<string, CheckSummary>;
}

/** The study at each seed, summarised: per condition mean/min over seeds and the acceptance checks. */
export function runFusionStudySeeds(
  sets: Record<StudyModality, HeldOutSet>,
  options: Omit<FusionStudyOptions, 'seed'> & { seeds: readonly number[] },
): FusionStudySummary {
  if (options.seeds.length === 0) throw new Error('fusion study: no seeds');
  const runs = options.seeds.map((seed) => runFusionStudy(sets, { ...options, seed }));
  return summarise(runs, sets, options.triplesPerClass, options.fusion);
}

export function summarise(
  runs: readonly FusionStudyResult[],
  sets: Record<StudyModality, HeldOutSet>,
  triplesPerClass: number,
  fusion: FusionStudyOptions['fusion'] = {},
): FusionStudySummary {
  const first = runs[0];
  const { pool, corruptionPrior, corruptionSwitch } = fusionConfig({ pool: 'bayes', ...fusion });
  const conditions = Object.fromEntries(
    Object.keys(first.conditions).map((name) => {
      const scores = runs.map((r) => r.conditions[name]);
      const lowest = scores.reduce((lo, s) => (s.accuracy < lo.accuracy ? s : lo), scores[0]);
      return [
        name,
        {
          accuracy: stats(scores.map((s) => s.accuracy)),
          macroF1: stats(scores.map((s) => s.macroF1)),
          ci95AtMin: lowest.ci95,
          perSeed: scores.map((s) => s.accuracy),
        },
      ];
    }),
  );
  const perCondition = summariseChecks(runs, (r) => r.checks);
  const ablationChecks = summariseChecks(runs, (r) => r.ablationChecks);
  const degraded = Object.entries(perCondition).filter(([name]) => name !== 'fusion');
  return {
    study: 'fusion',
    protocol: STUDY_PROTOCOL,
    labels: first.labels,
    seeds: runs.map((r) => r.seed),
    triplesPerClass,
    triples: first.triples,
    fusion: { pool, corruptionPrior, corruptionSwitch },
    sources: Object.fromEntries(
      STUDY_MODALITIES.map((m) => [
        m,
        {
          ...first.sources[m],
          heldOut: sets[m].predictions.length,
        },
      ]),
    ) as FusionStudySummary['sources'],
    calibration: Object.fromEntries(
      STUDY_MODALITIES.map((m) => [
        m,
        {
          scale: stats(runs.map((r) => r.calibration[m].scale)),
          argmaxBonus: stats(runs.map((r) => r.calibration[m].argmaxBonus)),
          macroF1OnCalibrationHalf: stats(runs.map((r) => r.calibration[m].macroF1)),
        },
      ]),
    ) as FusionStudySummary['calibration'],
    conditions,
    acceptance: {
      beatsBestSingle: perCondition['fusion']?.holds ?? false,
      degradesGracefully: degraded.every(([, c]) => c.holds),
      perCondition,
    },
    ablationChecks,
  };
}

function summariseChecks(
  runs: readonly FusionStudyResult[],
  checksOf: (r: FusionStudyResult) => readonly FusionStudyResult['checks'][number][],
): Record<string, CheckSummary> {
  return Object.fromEntries(
    checksOf(runs[0]).map(({ name }) => {
      const checks = runs.map((r) => checksOf(r).find((c) => c.name === name)).filter((c) => c !== undefined);
      const seedsHeld = checks.filter((c) => c.pass).length;
      return [
        name,
        {
          holds: seedsHeld === runs.length,
          seedsHeld,
          seeds: runs.length,
          references: checks.map((c) => c.referenceName),
          fusion: stats(checks.map((c) => c.fusion)),
          reference: stats(checks.map((c) => c.reference)),
          margin: stats(checks.map((c) => c.margin)),
        },
      ];
    }),
  );
}

function stats(values: readonly number[]): SeedStats {
  return {
    mean: values.reduce((s, v) => s + v, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
