import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { chooseBackend } from '../backend';
import type { FaceCropSet } from '../datasets/face-crop-set';
import { loadFer2013Csv, loadFer2013Folder } from '../datasets/fer2013';
import { TrainedFaceClassifier } from '../face/trained-face-classifier';
import type { TrainedModelMetadata } from '../face/trained-model-metadata';
import { imageBatch } from './batches';
import { argmax } from './evaluate';

/** An experiments/face config that combines trained FER2013 models instead of training one. */
export const faceEnsembleConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** The role the ensemble fills; `accurate` for uploads. */
  architecture: z.enum(['fast', 'accurate']),
  dataset: z.literal('fer2013'),
  data: z.string(),
  /** Ids of trained model folders with the same labels; their probabilities are averaged. */
  members: z.array(z.string()).min(1),
  /** Average each crop's mirror image too. */
  tta: z.boolean().default(false),
});

export type FaceEnsembleConfig = z.infer<typeof faceEnsembleConfigSchema>;

export function isEnsembleConfig(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'members' in json;
}

export function parseFaceEnsembleConfig(json: unknown): FaceEnsembleConfig {
  const parsed = faceEnsembleConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`invalid face ensemble config: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Writes `<modelsDir>/<id>/metadata.json` for an ensemble of trained models (no weights of its
 * own; TrainedFaceClassifier loads the members) with its accuracy measured on FER2013 validation.
 */
export async function assembleFaceEnsemble(
  config: FaceEnsembleConfig,
  options: { datasetsDir: string; modelsDir: string; limit?: number; log: (line: string) => void },
): Promise<TrainedModelMetadata> {
  await chooseBackend('wasm');
  const first = new TrainedFaceClassifier(join(options.modelsDir, config.members[0]));
  const base: TrainedModelMetadata = {
    id: config.id,
    architecture: config.architecture,
    labels: [...first.labels],
    // A hint for callers; every member resizes crops to its own size.
    inputSize: first.inputSize,
    channels: 1,
    preprocessing: `each member's own (${first.metadata.preprocessing})${config.tta ? '; plus the left-right mirror' : ''}`,
    dataset: 'fer2013',
    protocol: `FER2013 PublicTest ("validation") accuracy of the averaged probabilities; members trained on Training`,
    metrics: {},
    trainedAt: new Date().toISOString(),
    config,
    members: config.members,
    tta: config.tta,
  };
  const dir = join(options.modelsDir, config.id);
  await mkdir(dir, { recursive: true });
  // Written before measuring so that TrainedFaceClassifier can load the ensemble itself.
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(base));
  const path = join(options.datasetsDir, config.data);
  const validation = await (path.endsWith('.csv') ? loadFer2013Csv : loadFer2013Folder)(path, 'validation', {
    limit: options.limit,
  });
  const ensemble = new TrainedFaceClassifier(dir);
  await ensemble.load();
  const accuracy = await accuracyOf(ensemble, validation);
  ensemble.dispose();
  options.log(
    `${config.id}: validation accuracy ${(accuracy * 100).toFixed(2)}% on ${validation.targets.length} items`,
  );
  const metadata = { ...base, metrics: { validationAccuracy: accuracy, n: validation.targets.length, complete: true } };
  await writeFile(join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}

async function accuracyOf(classifier: TrainedFaceClassifier, data: FaceCropSet, batchSize = 256): Promise<number> {
  const labelOrder = data.labels.map((label) => classifier.labels.indexOf(label));
  let correct = 0;
  for (let start = 0; start < data.targets.length; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, data.targets.length - start) }, (_, i) => start + i);
    const crops = imageBatch(data, indices);
    const rows = await classifier.classifyCrops(crops);
    crops.dispose();
    rows.forEach((row, i) => {
      if (argmax(row) === labelOrder[data.targets[indices[i]]]) correct++;
    });
  }
  return correct / data.targets.length;
}
