import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { statsOf } from './sufficient-stats';
import { welchTest } from './welch';

// reference/reference-values.json, "welch <pair>": scipy.stats.ttest_ind(treatment, control,
// equal_var=False) with .df and .confidence_interval(0.95) (see reference/make-reference.py).
const { data, values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));

describe('Welch t test against SciPy', () => {
  // uneq: unequal variances and n (12 vs 20); ties: integer ratings; tiny: 3 vs 2 values; large: 180 vs 240
  it.each(['uneq', 'ties', 'tiny', 'large'])('%s', (pair) => {
    const e = REF[`welch ${pair}`].expected;
    const r = welchTest(statsOf(data[`${pair}_treatment`]), statsOf(data[`${pair}_control`]));
    expect(r.diff).toBeCloseTo(e.diff, 12);
    expect(r.t).toBeCloseTo(e.t, 10);
    expect(r.df).toBeCloseTo(e.df, 10);
    expect(r.p / e.p).toBeCloseTo(1, 9);
    expect(r.ciLow).toBeCloseTo(e.ciLow, 10);
    expect(r.ciHigh).toBeCloseTo(e.ciHigh, 10);
  });

  it('is antisymmetric in the arms', () => {
    const a = statsOf(data.uneq_treatment);
    const b = statsOf(data.uneq_control);
    const ab = welchTest(a, b);
    const ba = welchTest(b, a);
    expect(ba.diff).toBeCloseTo(-ab.diff, 14);
    expect(ba.ciLow).toBeCloseTo(-ab.ciHigh, 12);
    expect(ba.p).toBeCloseTo(ab.p, 14);
  });

  it('gives NaN, not a fake certainty, without spread or with one value', () => {
    expect(Number.isNaN(welchTest(statsOf([3, 3, 3]), statsOf([3, 3])).p)).toBe(true);
    expect(Number.isNaN(welchTest(statsOf([1]), statsOf([1, 2, 3])).ciLow)).toBe(true);
  });
});
