import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addStats, EMPTY_STATS, mean, standardDeviation, statsOf, summarize, variance } from './sufficient-stats';

// reference/reference-values.json (see reference/make-reference.py): "summary <set>" is
// {n: len(xs), mean: np.mean(xs), sd: np.std(xs, ddof=1)} for the named data set.
const { data, values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));

describe('sufficient statistics', () => {
  it.each(['uneq', 'ties', 'tiny', 'large', 'flat'].flatMap((p) => [`${p}_control`, `${p}_treatment`]))(
    'summarizes %s like NumPy',
    (set) => {
      const expected = REF[`summary ${set}`].expected;
      const s = summarize(statsOf(data[set]));
      expect(s.n).toBe(expected.n);
      expect(s.mean).toBeCloseTo(expected.mean, 12);
      expect(s.sd).toBeCloseTo(expected.sd, 12);
    },
  );

  it('adds: the stats of a concatenation are the sum of the stats', () => {
    const a = data.uneq_control as number[];
    const b = data.uneq_treatment as number[];
    const merged = addStats(statsOf(a), statsOf(b));
    const whole = statsOf([...a, ...b]);
    expect(merged.n).toBe(whole.n);
    expect(merged.sum).toBeCloseTo(whole.sum, 10);
    expect(merged.sumSquares).toBeCloseTo(whole.sumSquares, 9);
    expect(addStats(EMPTY_STATS, merged)).toEqual(merged);
  });

  it('is immutable', () => {
    const s = statsOf([1, 2, 3]);
    expect(Object.isFrozen(s)).toBe(true);
    expect(() => ((s as { n: number }).n = 5)).toThrow(TypeError);
  });

  it('has no variance below two values and none is negative', () => {
    expect(Number.isNaN(mean(EMPTY_STATS))).toBe(true);
    expect(Number.isNaN(variance(statsOf([4])))).toBe(true);
    expect(variance(statsOf([0.1, 0.1, 0.1]))).toBe(0);
    expect(standardDeviation(statsOf([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });
});
