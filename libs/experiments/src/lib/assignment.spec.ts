import { assignmentBucket, chooseArm, fnv1a32 } from './assignment';

describe('sticky assignment', () => {
  it('hashes with FNV-1a 32 (reference values)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('gives the same arm to the same participant every time, and depends on the salt', () => {
    const arms = [
      { key: 'control', weight: 1 },
      { key: 'iso', weight: 1 },
    ];
    const first = Array.from({ length: 200 }, (_, i) => chooseArm('exp-1', `p${i}`, arms));
    const again = Array.from({ length: 200 }, (_, i) => chooseArm('exp-1', `p${i}`, arms));
    const otherSalt = Array.from({ length: 200 }, (_, i) => chooseArm('exp-2', `p${i}`, arms));
    expect(again).toEqual(first);
    expect(otherSalt).not.toEqual(first);
  });

  it('matches the configured weights over 10,000 participants (within 4 standard errors)', () => {
    const arms = [
      { key: 'a', weight: 0.5 },
      { key: 'b', weight: 0.3 },
      { key: 'c', weight: 0.2 },
    ];
    const n = 10_000;
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    // Sequential ids are the hard case for a weak hash.
    for (let i = 0; i < n; i++) counts[chooseArm('salt-xyz', `participant-${i}`, arms)]++;
    for (const arm of arms) {
      const se = Math.sqrt((arm.weight * (1 - arm.weight)) / n);
      expect(Math.abs(counts[arm.key] / n - arm.weight)).toBeLessThan(4 * se);
    }
  });

  it('spreads buckets uniformly over [0, 1)', () => {
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) bins[Math.floor(assignmentBucket('s', String(i)) * 10)]++;
    const chi2 = bins.reduce((sum, o) => sum + (o - 2000) ** 2 / 2000, 0);
    expect(chi2).toBeLessThan(27.88); // chi-square(9) at p = 0.001
  });

  it('refuses empty arms and non-positive weights', () => {
    expect(() => chooseArm('s', 'u', [])).toThrow(RangeError);
    expect(() => chooseArm('s', 'u', [{ key: 'a', weight: 0 }])).toThrow(RangeError);
  });
});
