import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapMeanDiffCi, percentile } from './bootstrap';
import { createRng } from './rng';
import { statsOf } from './sufficient-stats';
import { welchTest } from './welch';

// reference/reference-values.json: "percentile" is np.percentile(sorted, [2.5, 50, 97.5]);
// "bootstrap large" is scipy.stats.bootstrap(..., method='percentile', n_resamples=20000,
// rng=np.random.default_rng(1)) on the mean difference. SciPy's generator differs from ours, so
// that comparison allows Monte-Carlo error; everything else is exact.
const { data, values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));

describe('percentile bootstrap of the mean difference', () => {
  it('interpolates percentiles like NumPy', () => {
    const sorted = [...data.uneq_treatment].sort((a, b) => a - b);
    const [p025, p50, p975] = REF['percentile'].expected;
    expect(percentile(sorted, 0.025)).toBeCloseTo(p025, 12);
    expect(percentile(sorted, 0.5)).toBeCloseTo(p50, 12);
    expect(percentile(sorted, 0.975)).toBeCloseTo(p975, 12);
  });

  it('agrees with scipy.stats.bootstrap within Monte-Carlo error', () => {
    const e = REF['bootstrap large'].expected;
    const r = bootstrapMeanDiffCi(data.large_treatment, data.large_control, { resamples: 20000, seed: 7 });
    // the percentile endpoints' Monte-Carlo sd at 20000 resamples is about 0.005 here
    expect(Math.abs(r.low - e.low)).toBeLessThan(0.02);
    expect(Math.abs(r.high - e.high)).toBeLessThan(0.02);
  });

  it('is close to the Welch interval on a large sample', () => {
    const r = bootstrapMeanDiffCi(data.large_treatment, data.large_control, { resamples: 5000, seed: 3 });
    const w = welchTest(statsOf(data.large_treatment), statsOf(data.large_control));
    expect(Math.abs(r.low - w.ciLow)).toBeLessThan(0.03);
    expect(Math.abs(r.high - w.ciHigh)).toBeLessThan(0.03);
  });

  it('is reproducible under a seed and changes with it', () => {
    const a = bootstrapMeanDiffCi(data.uneq_treatment, data.uneq_control, { seed: 11 });
    expect(bootstrapMeanDiffCi(data.uneq_treatment, data.uneq_control, { seed: 11 })).toEqual(a);
    expect(bootstrapMeanDiffCi(data.uneq_treatment, data.uneq_control, { seed: 12 })).not.toEqual(a);
    expect(a.resamples).toBe(2000);
  });

  it('covers the true difference about 95% of the time (seeded simulation)', () => {
    const rng = createRng(2026);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    let covered = 0;
    const trials = 300;
    for (let i = 0; i < trials; i++) {
      const t = Array.from({ length: 60 }, () => 1 + 2 * normal());
      const c = Array.from({ length: 40 }, () => normal());
      const r = bootstrapMeanDiffCi(t, c, { resamples: 400, seed: i });
      if (r.low < 1 && 1 < r.high) covered++;
    }
    // binomial sd at 300 trials is 1.3 points; percentile intervals run a little narrow
    expect(covered / trials).toBeGreaterThan(0.9);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it('gives NaN for an empty arm', () => {
    expect(Number.isNaN(bootstrapMeanDiffCi([], [1, 2]).low)).toBe(true);
  });
});
