import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainedModelMetadata } from './trained-model-metadata';

/**
 * The trained face models in `modelsDir`, newest first: every `<id>/metadata.json` whose folder
 * also holds model.json or whose metadata lists ensemble `members`. Folders without them, or
 * with unreadable metadata, are skipped: the catalog lists what can run. Other modalities' models
 * share the folder; a face model is told apart by its crop size.
 */
export async function listTrainedFaceModels(modelsDir: string): Promise<TrainedModelMetadata[]> {
  let dirs: string[];
  try {
    dirs = (await readdir(modelsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const found = await Promise.all(
    dirs.map(async (dir) => {
      try {
        const metadata = JSON.parse(await readFile(join(modelsDir, dir, 'metadata.json'), 'utf8'));
        const runnable = existsSync(join(modelsDir, dir, 'model.json')) || Array.isArray(metadata.members);
        return runnable && isFaceModel(metadata, dir) ? (metadata as TrainedModelMetadata) : null;
      } catch {
        return null;
      }
    }),
  );
  return found
    .filter((m): m is TrainedModelMetadata => m !== null)
    .sort((a, b) => String(b.trainedAt).localeCompare(String(a.trainedAt)));
}

function isFaceModel(metadata: Partial<TrainedModelMetadata>, dir: string): boolean {
  return metadata.id === dir && Array.isArray(metadata.labels) && typeof metadata.inputSize === 'number';
}
