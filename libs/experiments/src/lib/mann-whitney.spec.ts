import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mannWhitneyU } from './mann-whitney';

// reference/reference-values.json, "mannwhitney <pair>": scipy.stats.mannwhitneyu(treatment,
// control, alternative='two-sided', method='asymptotic', use_continuity=True).
const { data, values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));

describe('Mann-Whitney U against SciPy', () => {
  // ties: 33 ratings on a 1..5 scale; flat: every value equal (SciPy reports p = 1)
  it.each(['uneq', 'ties', 'tiny', 'large', 'flat'])('%s', (pair) => {
    const e = REF[`mannwhitney ${pair}`].expected;
    const r = mannWhitneyU(data[`${pair}_treatment`], data[`${pair}_control`]);
    expect(r.u).toBe(e.u);
    expect(r.p / e.p).toBeCloseTo(1, 10);
  });

  it('does not depend on the order of the values, and is symmetric in the arms', () => {
    const t = [...data.ties_treatment].reverse();
    const c = [...data.ties_control].sort();
    const e = REF['mannwhitney ties'].expected;
    expect(mannWhitneyU(t, c).p / e.p).toBeCloseTo(1, 12);
    expect(mannWhitneyU(c, t).p / e.p).toBeCloseTo(1, 12);
  });
});
