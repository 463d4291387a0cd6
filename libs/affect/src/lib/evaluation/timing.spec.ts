import { latencyOf, percentile, timeRuns } from './timing';

describe('timing', () => {
  it('takes nearest-rank percentiles of an unsorted sample', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
    expect(latencyOf(values)).toEqual({ p50: 5, p95: 10, n: 10 });
  });

  it('refuses empty samples and out-of-range percentiles', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('times only the counted runs', async () => {
    let calls = 0;
    const times = await timeRuns(async () => calls++, 4, 2);
    expect(calls).toBe(6);
    expect(times).toHaveLength(4);
  });
});
