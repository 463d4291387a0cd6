import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HeldOutSet } from './held-out';

/** A HeldOutSet written by `writeHeldOutSet` (e.g. `attune eval voice --protocol loso --held-out-out`). */
export async function readHeldOutSet(file: string): Promise<HeldOutSet> {
  const set = JSON.parse(await readFile(file, 'utf8')) as HeldOutSet;
  if (!set || !Array.isArray(set.predictions) || !set.modality || !set.modelId)
    throw new Error(`${file} is not a held-out prediction set (modality, modelId, source, predictions)`);
  return set;
}

/** One JSON line: the set as `readHeldOutSet` reads it. */
export async function writeHeldOutSet(file: string, set: HeldOutSet): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(set) + '\n');
}

/** At most `perClass` predictions of each true label, in their order (smoke tests). */
export function limitHeldOut(set: HeldOutSet, perClass: number): HeldOutSet {
  const seen = new Map<string, number>();
  const predictions = set.predictions.filter((p) => {
    const n = seen.get(p.label) ?? 0;
    seen.set(p.label, n + 1);
    return n < perClass;
  });
  return { ...set, predictions };
}
