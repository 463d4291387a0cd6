import { chanceToBeatControl } from './bayesian';
import { bootstrapMeanDiffCi } from './bootstrap';
import { holmAdjust } from './holm';
import { mannWhitneyU } from './mann-whitney';
import type { Observation } from './observations-csv';
import { sampleRatioMismatch } from './srm';
import { ArmSummary, statsOf, summarize } from './sufficient-stats';
import { welchTest } from './welch';

export interface AnalysisOptions {
  control: string;
  /** allocation weight per arm (any positive scale); must name every arm in the data */
  weights: Readonly<Record<string, number>>;
  /** bootstrap resamples; 0 skips the bootstrap; default 2000 */
  bootstrapResamples?: number;
  /** bootstrap seed; default 1 */
  seed?: number;
  /** average each participant's values of a metric first, so participants are the unit; default false */
  perParticipant?: boolean;
}

export interface Comparison {
  arm: string;
  control: string;
  metric: string;
  diff: number;
  ciLow: number;
  ciHigh: number;
  pWelch: number;
  pMannWhitney: number;
  chanceToBeat: number;
  /** Holm-adjusted pWelch across the arms compared with control on this metric */
  pHolm: number;
  /** Holm-adjusted pMannWhitney, likewise */
  pMannWhitneyHolm: number;
  se: number;
  df: number;
  bootstrapCiLow: number | null;
  bootstrapCiHigh: number | null;
}

export interface ExperimentAnalysis {
  arms: Record<string, Record<string, ArmSummary>>;
  comparisons: Comparison[];
  srm: { chi2: number; p: number; df: number; participants: Record<string, number>; expected: Record<string, number> };
  warnings: string[];
}

export class AnalysisInputError extends Error {}

/**
 * Per arm and metric n/mean/sd only, with no control needed: what can be said while the control
 * arm has no data yet. Same grouping (and `perParticipant` averaging) as `analyzeExperiment`.
 */
export function describeArms(
  rows: readonly Observation[],
  options: Pick<AnalysisOptions, 'perParticipant'> = {},
): ExperimentAnalysis['arms'] {
  return summariesOf(groupRows(rows, options.perParticipant ?? false).values);
}

/**
 * Everything `attune analyze` reports, from plain rows: per arm and metric n/mean/sd; each
 * non-control arm against control on each metric (Welch CI and p, Mann-Whitney p, bootstrap CI,
 * chance to beat control, Holm across arms); and the SRM check on distinct participants per arm.
 * Arms and metrics keep the order in which they first appear in the data.
 */
export function analyzeExperiment(rows: readonly Observation[], options: AnalysisOptions): ExperimentAnalysis {
  const { control, weights, bootstrapResamples = 2000, seed = 1, perParticipant = false } = options;
  const { values, participants, armsOf, metrics } = groupRows(rows, perParticipant);

  const arms = [...values.keys()];
  if (!values.has(control)) {
    throw new AnalysisInputError(`control arm "${control}" has no rows (arms in the data: ${arms.join(', ') || 'none'})`);
  }
  const unweighted = arms.filter((a) => !Object.prototype.hasOwnProperty.call(weights, a));
  if (unweighted.length > 0) {
    throw new AnalysisInputError(`no weight for arm(s) ${unweighted.join(', ')} (weights given: ${Object.keys(weights).join(', ')})`);
  }
  const weightedArms = Object.keys(weights);
  for (const a of weightedArms) {
    if (!(weights[a] > 0) || !Number.isFinite(weights[a])) throw new AnalysisInputError(`weight of arm "${a}" must be a positive number`);
  }

  const warnings: string[] = [];
  for (const [participant, inArms] of armsOf) {
    if (inArms.size > 1) warnings.push(`participant ${participant} appears in arms ${[...inArms].join(', ')}`);
  }
  const missingArms = weightedArms.filter((a) => !values.has(a));
  if (missingArms.length > 0) warnings.push(`no rows for weighted arm(s) ${missingArms.join(', ')} (counted as 0 in the SRM check)`);

  const summaries = summariesOf(values);

  const comparisons: Comparison[] = [];
  for (const metric of metrics) {
    const c = values.get(control)?.get(metric);
    if (!c) {
      warnings.push(`control arm has no "${metric}" rows; that metric is not compared`);
      continue;
    }
    const block: Comparison[] = [];
    for (const arm of arms) {
      if (arm === control) continue;
      const t = values.get(arm)?.get(metric);
      if (!t) {
        warnings.push(`arm "${arm}" has no "${metric}" rows; that comparison is left out`);
        continue;
      }
      const welch = welchTest(statsOf(t), statsOf(c));
      const boot = bootstrapResamples > 0 ? bootstrapMeanDiffCi(t, c, { resamples: bootstrapResamples, seed }) : null;
      block.push({
        arm,
        control,
        metric,
        diff: welch.diff,
        ciLow: welch.ciLow,
        ciHigh: welch.ciHigh,
        pWelch: welch.p,
        pMannWhitney: mannWhitneyU(t, c).p,
        chanceToBeat: chanceToBeatControl(statsOf(t), statsOf(c)).chanceToBeat,
        pHolm: NaN,
        pMannWhitneyHolm: NaN,
        se: welch.se,
        df: welch.df,
        bootstrapCiLow: boot ? boot.low : null,
        bootstrapCiHigh: boot ? boot.high : null,
      });
    }
    const holm = holmAdjust(block.map((b) => b.pWelch));
    const holmMw = holmAdjust(block.map((b) => b.pMannWhitney));
    block.forEach((b, i) => {
      b.pHolm = holm[i];
      b.pMannWhitneyHolm = holmMw[i];
    });
    comparisons.push(...block);
  }

  const srmArms = [...arms, ...missingArms];
  const counts = srmArms.map((a) => participants.get(a)?.size ?? 0);
  const srm = sampleRatioMismatch(counts, srmArms.map((a) => weights[a]));
  return {
    arms: summaries,
    comparisons,
    srm: {
      chi2: srm.chi2,
      p: srm.p,
      df: srm.df,
      participants: Object.fromEntries(srmArms.map((a, i) => [a, counts[i]])),
      expected: Object.fromEntries(srmArms.map((a, i) => [a, srm.expected[i]])),
    },
    warnings,
  };
}

function groupRows(rows: readonly Observation[], perParticipant: boolean) {
  const values = new Map<string, Map<string, number[]>>();
  const participants = new Map<string, Set<string>>();
  const armsOf = new Map<string, Set<string>>();
  const metrics = new Set<string>();
  for (const { participantId, arm, metric, value } of rows) {
    getOrAdd(getOrAdd(values, arm, () => new Map<string, number[]>()), metric, () => []).push(value);
    getOrAdd(participants, arm, () => new Set()).add(participantId);
    getOrAdd(armsOf, participantId, () => new Set()).add(arm);
    metrics.add(metric);
  }
  if (perParticipant) collapsePerParticipant(rows, values);
  return { values, participants, armsOf, metrics };
}

function summariesOf(values: Map<string, Map<string, number[]>>): ExperimentAnalysis['arms'] {
  // fromEntries, not assignment: an arm or metric may be called "__proto__"
  return Object.fromEntries(
    [...values].map(([arm, byMetric]) => [arm, Object.fromEntries([...byMetric].map(([m, xs]) => [m, summarize(statsOf(xs))]))]),
  );
}

function collapsePerParticipant(rows: readonly Observation[], values: Map<string, Map<string, number[]>>): void {
  const sums = new Map<string, { arm: string; metric: string; sum: number; n: number }>();
  for (const { participantId, arm, metric, value } of rows) {
    const key = JSON.stringify([arm, metric, participantId]);
    const s = sums.get(key) ?? { arm, metric, sum: 0, n: 0 };
    s.sum += value;
    s.n += 1;
    sums.set(key, s);
  }
  for (const byMetric of values.values()) for (const metric of byMetric.keys()) byMetric.set(metric, []);
  for (const { arm, metric, sum, n } of sums.values()) values.get(arm)?.get(metric)?.push(sum / n);
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
