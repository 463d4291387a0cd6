import { createRng } from './rng';

describe('createRng', () => {
  it('matches the reference mulberry32 output', () => {
    const rng = createRng(42);
    expect([rng(), rng(), rng()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('repeats a sequence for a seed and changes it with the seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws uniformly from [0, 1)', () => {
    const rng = createRng(1);
    const draws = Array.from({ length: 20000 }, rng);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    // Standard error of the mean is 0.289 / sqrt(20000) = 0.002, so 0.01 is five of them.
    expect(Math.abs(draws.reduce((s, x) => s + x, 0) / draws.length - 0.5)).toBeLessThan(0.01);
  });
});
