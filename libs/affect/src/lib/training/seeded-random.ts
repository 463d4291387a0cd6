/** mulberry32: a small, fast 32-bit generator; runs are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for a sub-stream (epoch, fold, ...) of a run, so a resumed run draws what a fresh one would. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  return parts.reduce((acc, p) => (Math.imul(acc ^ (p + 0x9e3779b9), 0x85ebca6b) ^ (acc >>> 13)) >>> 0, seed >>> 0);
}

/** Fisher-Yates on a copy. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
