import type { ArmSummary, Comparison, ExperimentResults } from '../data-access/api-types';
import type { IntervalRow } from './interval-chart.component';

/** An SRM p-value below this means the arms' sizes do not match their weights: the experiment's randomisation is suspect. */
export const SRM_ALPHA = 0.01;

const METRIC_NAMES: Record<string, string> = {
  like_rate: 'Like rate',
  skip_rate: 'Skip rate',
  rating: 'Rating (1-5)',
  listen_through: 'Listen-through',
  mood_shift_valence: 'Mood shift: valence',
  mood_shift_arousal: 'Mood shift: arousal',
  sam_valence_change: 'SAM change: valence',
  sam_arousal_change: 'SAM change: arousal',
  sam_dominance_change: 'SAM change: dominance',
};

export function metricName(metric: string): string {
  return METRIC_NAMES[metric] ?? metric.replace(/_/g, ' ');
}

/** The y range a metric's chart shows at least: rates 0..1, ratings 1..5, changes around 0. */
export function metricRange(metric: string): [number, number] {
  if (metric.endsWith('_rate') || metric === 'listen_through') return [0, 1];
  if (metric === 'rating') return [1, 5];
  return [-0.1, 0.1];
}

export interface MetricView {
  metric: string;
  name: string;
  range: [number, number];
  rows: (IntervalRow & { n: number; sd: number })[];
}

/** Per metric, each arm's mean with a normal-approximation 95% CI (mean ± 1.96·sd/√n); n < 2 has no width. */
export function metricViews(results: ExperimentResults): MetricView[] {
  const metrics = [...new Set(Object.values(results.arms).flatMap((m) => Object.keys(m)))];
  return metrics.map((metric) => ({
    metric,
    name: metricName(metric),
    range: metricRange(metric),
    rows: Object.entries(results.arms)
      .filter(([, m]) => m[metric])
      .map(([arm, m]) => armRow(arm, m[metric])),
  }));
}

function armRow(arm: string, s: ArmSummary): MetricView['rows'][number] {
  const half = s.n > 1 ? (1.96 * s.sd) / Math.sqrt(s.n) : 0;
  return { label: arm, mid: s.mean, low: s.mean - half, high: s.mean + half, n: s.n, sd: s.sd };
}

/** Chance to beat control as bars from 0, one per arm and metric. */
export function chanceRows(comparisons: readonly Comparison[]): IntervalRow[] {
  return comparisons.map((c) => ({
    label: `${c.arm}: ${metricName(c.metric)}`,
    low: 0,
    high: c.chanceToBeat,
    mid: c.chanceToBeat,
  }));
}

/** Why there is no comparison with the control arm yet, in words. */
export function noComparisonText(results: ExperimentResults, control: string | null): string {
  const arm = control ? ` (${control})` : '';
  switch (results.comparisonsOmitted?.reason) {
    case 'control-has-no-data':
      return `The comparison needs data in the control arm${arm}: the arms above are summarised on their own until it has some.`;
    case 'other-arms-have-no-data':
      return `Only the control arm${arm} has data yet: the comparison needs data in another arm too.`;
    default:
      return 'No comparison yet: the control arm and another arm need data on a metric first.';
  }
}

export function srmMismatch(results: ExperimentResults): boolean {
  return results.srm !== null && results.srm.p < SRM_ALPHA;
}
