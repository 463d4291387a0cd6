import { shuffled } from '../training/seeded-random';

/**
 * Grouped k-fold: every subject's items land in exactly one fold, so a model is always tested
 * on people it never saw. Subjects are shuffled with `seed`, then each goes to the fold with the
 * fewest items so far (folds stay balanced although subjects have different numbers of items).
 * Returns the fold index of every item.
 */
export function subjectFolds(subjects: readonly string[], k: number, seed: number): number[] {
  const counts = new Map<string, number>();
  for (const s of subjects) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (k < 2 || k > counts.size) throw new Error(`k-fold: k must be 2..${counts.size} (subjects), got ${k}`);
  // Largest subjects first (ties in seeded order) gives the greedy fill its balance.
  const count = (subject: string) => counts.get(subject) ?? 0;
  const order = shuffled([...counts.keys()].sort(), seed).sort((a, b) => count(b) - count(a));
  const sizes = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const subject of order) {
    const fold = sizes.indexOf(Math.min(...sizes));
    foldOf.set(subject, fold);
    sizes[fold] += count(subject);
  }
  return subjects.map((s) => foldOf.get(s) ?? 0);
}
