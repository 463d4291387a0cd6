import { chiSquareSf } from './distributions';

export interface SrmResult {
  chi2: number;
  df: number;
  p: number;
  /** expected counts, in the order of the observed ones */
  expected: number[];
}

/**
 * Sample-ratio-mismatch check: Pearson chi-square goodness of fit of the observed counts per arm
 * against the configured allocation weights (normalised to sum to 1), df = arms − 1
 * (scipy.stats.chisquare(observed, f_exp=total·weights)). A small p (GrowthBook warns below
 * 0.001) means assignment or exposure logging is broken, and the comparisons are not to be trusted.
 */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[]): SrmResult {
  if (observed.length !== weights.length) throw new Error('SRM: one weight per arm is needed');
  if (weights.some((w) => !(w > 0))) throw new Error('SRM: weights must be positive');
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  let chi2 = 0;
  for (let i = 0; i < observed.length; i++) chi2 += (observed[i] - expected[i]) ** 2 / expected[i];
  const df = observed.length - 1;
  return { chi2, df, p: df > 0 && total > 0 ? chiSquareSf(chi2, df) : NaN, expected };
}
