import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noncentralTCdf } from './noncentral-t';
import { powerForSampleSize, sampleSizePerArm } from './power';

// reference/reference-values.json (see make-reference.py), statsmodels' formulas restated with
// SciPy since statsmodels is not installed here:
//   "t_power(d, n, alpha, ratio)" / "t_n(d, power, alpha, ratio)": TTestIndPower.power /
//     solve_power with scipy.stats.t and scipy.stats.nct, and scipy.optimize.brentq;
//   "normal_power(…)" / "normal_n(…)": NormalIndPower with scipy.stats.norm;
//   "nct.cdf(t, df, nc)": scipy.stats.nct.cdf.
const { values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));
const ref = (name: string) => REF[name].expected as number;
/** The reference entries whose names start with `prefix`, with their arguments parsed from the name. */
const entries = (prefix: string, arity = 4) =>
  Object.keys(REF)
    .filter((name) => name.startsWith(`${prefix}(`) && name.split(',').length === arity)
    .map((name) => ({ name, args: name.slice(prefix.length + 1, -1).split(', ').map(Number), expected: ref(name) }));

describe('noncentral t', () => {
  it('has its reference cases', () => expect(entries('nct.cdf', 3)).toHaveLength(11));

  it.each(entries('nct.cdf', 3))('$name', ({ args: [t, df, nc], expected }) => {
    expect(noncentralTCdf(t, df, nc)).toBeCloseTo(expected, 12);
  });
});

describe('power and sample size', () => {
  it('has its reference cases', () => {
    expect([entries('t_power'), entries('normal_power'), entries('t_n'), entries('normal_n')].map((e) => e.length)).toEqual([3, 3, 5, 4]);
  });

  // the same designs in raw units: sd 2, mde 2d
  it.each(entries('t_power'))('$name', ({ args: [d, n, alpha, ratio], expected }) => {
    expect(powerForSampleSize({ alpha, sd: 2, mde: 2 * d, ratio, n })).toBeCloseTo(expected, 10);
  });

  it.each(entries('normal_power'))('$name', ({ args: [d, n, alpha, ratio], expected }) => {
    expect(powerForSampleSize({ alpha, sd: 2, mde: 2 * d, ratio, n, method: 'z' })).toBeCloseTo(expected, 12);
  });

  it.each(entries('t_n'))('$name', ({ args: [d, power, alpha, ratio], expected }) => {
    const r = sampleSizePerArm({ alpha, power, sd: 1.5, mde: -1.5 * d, ratio });
    expect(r.exact).toBeCloseTo(expected, 7);
    expect(r.control).toBe(Math.ceil(expected));
    expect(r.treatment).toBe(Math.ceil(ratio * expected));
  });

  it.each(entries('normal_n'))('$name', ({ args: [d, power, alpha, ratio], expected }) => {
    const r = sampleSizePerArm({ alpha, power, sd: 1.5, mde: -1.5 * d, ratio, method: 'z' });
    expect(r.exact).toBeCloseTo(expected, 8);
    expect(r.control).toBe(Math.ceil(expected));
    expect(r.treatment).toBe(Math.ceil(ratio * expected));
  });

  it('rounds up to the familiar numbers', () => {
    // d = 0.5, alpha 0.05, power 0.8: 64 per arm by the t test (G*Power), 63 by the z formula
    expect(sampleSizePerArm({ sd: 1, mde: 0.5 }).control).toBe(64);
    expect(sampleSizePerArm({ sd: 1, mde: 0.5, method: 'z' }).control).toBe(63);
  });

  it('inverts: the recruited n reaches the power, one fewer does not', () => {
    for (const method of ['t', 'z'] as const) {
      const r = sampleSizePerArm({ sd: 10, mde: 3, power: 0.85, method });
      expect(powerForSampleSize({ sd: 10, mde: 3, n: r.control, method })).toBeGreaterThanOrEqual(0.85);
      expect(powerForSampleSize({ sd: 10, mde: 3, n: r.control - 1, method })).toBeLessThan(0.85);
    }
  });

  it('z is slightly optimistic against t, by one to two participants per arm', () => {
    for (const [d, n] of [['0.5', 64], ['1.0', 17], ['0.8', 26]] as const) {
      const tPower = ref(`t_power(${d}, ${n})`);
      expect(powerForSampleSize({ sd: 1, mde: Number(d), n })).toBeCloseTo(tPower, 10);
      expect(powerForSampleSize({ sd: 1, mde: Number(d), n, method: 'z' })).toBeGreaterThan(tPower);
      expect(powerForSampleSize({ sd: 1, mde: Number(d), n: n - 2, method: 'z' })).toBeLessThan(tPower);
    }
  });

  it('refuses designs that make no sense', () => {
    expect(() => sampleSizePerArm({ sd: 0, mde: 1 })).toThrow(/sd > 0/);
    expect(() => sampleSizePerArm({ sd: 1, mde: 0 })).toThrow(/mde/);
  });
});
