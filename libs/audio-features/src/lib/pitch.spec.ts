import { estimatePitch } from './pitch';
import { syntheticVowel, whiteNoise } from './test-signals';

describe('estimatePitch', () => {
  it.each([90, 140, 220, 330])('finds the F0 of a %d Hz harmonic vowel within 3%%', (f0) => {
    const frame = syntheticVowel(0.032, f0).subarray(0, 512);
    const { f0: found, clarity } = estimatePitch(frame, 16000, 70, 450);
    expect(Math.abs(found - f0) / f0).toBeLessThan(0.03);
    expect(clarity).toBeGreaterThan(0.8);
  });

  it('reports no pitch for white noise', () => {
    expect(estimatePitch(whiteNoise(512, 0.3), 16000, 70, 450).f0).toBe(0);
  });
});
