/**
 * Sufficient statistics of one sample, as an immutable value: samples combine by adding their
 * statistics (per-day or per-shard aggregates can be merged without the raw values), and every
 * mean-based test here needs nothing more.
 */
export interface SufficientStats {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

export const EMPTY_STATS: SufficientStats = Object.freeze({ n: 0, sum: 0, sumSquares: 0 });

export function sufficientStats(n: number, sum: number, sumSquares: number): SufficientStats {
  return Object.freeze({ n, sum, sumSquares });
}

export function statsOf(values: readonly number[]): SufficientStats {
  let sum = 0;
  let sumSquares = 0;
  for (const v of values) {
    sum += v;
    sumSquares += v * v;
  }
  return sufficientStats(values.length, sum, sumSquares);
}

export function addStats(a: SufficientStats, b: SufficientStats): SufficientStats {
  return sufficientStats(a.n + b.n, a.sum + b.sum, a.sumSquares + b.sumSquares);
}

/** Mean; NaN for an empty sample. */
export function mean(s: SufficientStats): number {
  return s.n > 0 ? s.sum / s.n : NaN;
}

/**
 * Sample variance with Bessel's correction (ddof = 1); NaN when n < 2. Computed as
 * (Σx² − (Σx)²/n)/(n − 1), clamped at 0 against rounding: fine for metrics on a human scale
 * (ratings, rates, valence); values with a huge mean and tiny spread should be centred first.
 */
export function variance(s: SufficientStats): number {
  if (s.n < 2) return NaN;
  return Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1));
}

export function standardDeviation(s: SufficientStats): number {
  return Math.sqrt(variance(s));
}

/** Variance of the sample mean, s²/n. */
export function varianceOfMean(s: SufficientStats): number {
  return variance(s) / s.n;
}

export interface ArmSummary {
  n: number;
  mean: number;
  sd: number;
}

export function summarize(s: SufficientStats): ArmSummary {
  return { n: s.n, mean: mean(s), sd: standardDeviation(s) };
}
