import { createRng } from '@attune/experiments';

/** The project's one seeded generator (mulberry32, in @attune/experiments); runs are reproducible from their seed. */
export const seededRandom = createRng;

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
