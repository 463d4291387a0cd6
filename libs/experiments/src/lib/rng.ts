/**
 * Mulberry32: a 32-bit seeded PRNG, uniform in [0, 1). Reproducible resampling for the bootstrap
 * and seeded simulations in tests; not for anything that must be unpredictable.
 */
// Bound once: resolving the global `Math` on every draw is ~40x slower inside jest's vm sandbox.
const { imul } = Math;

export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
