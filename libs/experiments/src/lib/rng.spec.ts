import { createRng } from './rng';

describe('seeded generator', () => {
  it('repeats under a seed and is roughly uniform', () => {
    const a = createRng(5);
    const b = createRng(5);
    const xs = Array.from({ length: 20000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const meanX = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(meanX - 0.5)).toBeLessThan(0.01); // sd of the mean is 0.002
  });
});
