import { argmax } from './evaluate';
import type { FoldResult } from './face-training';

/** One fold of a cross-validated ensemble: the members' held-out probabilities averaged per crop. */
export interface EnsembleFold {
  fold: number;
  subjects: number;
  n: number;
  accuracy: number;
  confusion: number[][];
}

export interface CrossValidatedEnsemble {
  folds: EnsembleFold[];
  meanAccuracy: number;
  stdAccuracy: number;
  /** confusion[true][predicted] summed over the folds. */
  matrix: number[][];
}

/**
 * Scores an ensemble of cross-validated models (each member's folds.json, face-training.ts) on
 * the folds they share: every held-out crop gets the mean of the members' probabilities, each
 * made by a member that never saw that crop's subject. The members must have held out exactly
 * the same crops in every fold (the same data and `foldSeed`), else there is no shared protocol.
 */
export function crossValidatedEnsemble(
  members: ReadonlyArray<{ id: string; folds: readonly FoldResult[] }>,
  classes: number,
): CrossValidatedEnsemble {
  const [first, ...others] = members;
  for (const { id, folds } of others) {
    if (folds.length !== first.folds.length)
      throw new Error(`${id} has ${folds.length} folds, ${first.id} ${first.folds.length}`);
  }
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const folds = first.folds.map((reference, f) => {
    const byMember = members.map(({ id, folds }) => heldOutBySource(id, folds, f));
    const sources = [...byMember[0].keys()].sort();
    for (const [m, map] of byMember.entries()) {
      if (map.size !== sources.length || sources.some((s) => !map.has(s)))
        throw new Error(
          `fold ${f}: ${members[m].id} held out other crops than ${first.id} (train members on the same data with the same foldSeed)`,
        );
    }
    const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    for (const source of sources) {
      const predictions = byMember.map((map) => map.get(source)!);
      const mean = Array.from(
        { length: classes },
        (_, c) => predictions.reduce((sum, p) => sum + p.probabilities[c], 0) / predictions.length,
      );
      const [target, predicted] = [predictions[0].target, argmax(mean)];
      confusion[target][predicted]++;
      matrix[target][predicted]++;
    }
    const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
    return {
      fold: reference.fold,
      subjects: reference.subjects,
      n: sources.length,
      accuracy: correct / sources.length,
      confusion,
    };
  });
  const { mean: meanAccuracy, std: stdAccuracy } = meanAndStd(folds.map((f) => f.accuracy));
  return { folds, meanAccuracy, stdAccuracy, matrix };
}

function heldOutBySource(id: string, folds: readonly FoldResult[], f: number) {
  const heldOut = folds[f]?.heldOut;
  if (!heldOut)
    throw new Error(`${id}: fold ${f} has no held-out predictions in folds.json (re-train it with this version)`);
  return new Map(heldOut.map((p) => [p.source, p]));
}

/** Mean and population standard deviation of per-fold figures (how CK+ results are reported). */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
}
