import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { chooseBackend } from '../backend';
import type { FaceCropSet } from '../datasets/face-crop-set';
import { loadFer2013Csv, loadFer2013Folder } from '../datasets/fer2013';
import { TrainedFaceClassifier } from '../face/trained-face-classifier';
import type { TrainedModelMetadata } from '../face/trained-model-metadata';
import { imageBatch } from './batches';
import { crossValidatedEnsemble } from './cv-ensemble';
import { argmax } from './evaluate';
import type { FoldResult } from './face-training';

const ensembleFields = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** The role the ensemble fills; `accurate` for uploads. */
  architecture: z.enum(['fast', 'accurate']),
  /** Ids of trained model folders with the same labels; their probabilities are averaged. */
  members: z.array(z.string()).min(1),
  /** Average each crop's mirror image too. */
  tta: z.boolean().default(false),
};

/**
 * An experiments/face config that combines trained models instead of training one: FER2013
 * members are scored together on validation; CK+48 members (cross-validated on the same folds)
 * by their averaged held-out predictions, so no extra data is needed.
 */
export const faceEnsembleConfigSchema = z.discriminatedUnion('dataset', [
  z.object({ ...ensembleFields, dataset: z.literal('fer2013'), data: z.string() }),
  z.object({ ...ensembleFields, dataset: z.literal('ckplus48') }),
]);

export type FaceEnsembleConfig = z.infer<typeof faceEnsembleConfigSchema>;

export function isEnsembleConfig(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'members' in json;
}

export function parseFaceEnsembleConfig(json: unknown): FaceEnsembleConfig {
  const parsed = faceEnsembleConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`invalid face ensemble config: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface AssembleOptions {
  datasetsDir: string;
  modelsDir: string;
  limit?: number;
  log: (line: string) => void;
}

/**
 * Writes `<modelsDir>/<id>/metadata.json` for an ensemble of trained models (no weights of its
 * own; TrainedFaceClassifier loads the members) with its accuracy: measured on FER2013
 * validation, or for CK+48 cross-validated from the members' held-out predictions.
 */
export async function assembleFaceEnsemble(
  config: FaceEnsembleConfig,
  options: AssembleOptions,
): Promise<TrainedModelMetadata> {
  return config.dataset === 'ckplus48' ? assembleCrossValidated(config, options) : assembleFer2013(config, options);
}

async function assembleFer2013(
  config: Extract<FaceEnsembleConfig, { dataset: 'fer2013' }>,
  options: AssembleOptions,
): Promise<TrainedModelMetadata> {
  await chooseBackend('wasm');
  const [first] = config.members.map((id) => finishedMember(options.modelsDir, id));
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

/**
 * A member of a FER2013 ensemble, which must have finished training: the ensemble's accuracy is
 * measured once, and a member still in training replaces its weights at every better epoch.
 */
function finishedMember(modelsDir: string, id: string): TrainedFaceClassifier {
  const dir = join(modelsDir, id);
  if (!existsSync(join(dir, 'metadata.json'))) throw new Error(`member ${id}: no trained model in ${dir}`);
  const member = new TrainedFaceClassifier(dir);
  if (member.metadata.metrics?.['complete'] === false)
    throw new Error(`member ${id} is still training: assemble the ensemble once it has finished`);
  return member;
}

async function assembleCrossValidated(
  config: Extract<FaceEnsembleConfig, { dataset: 'ckplus48' }>,
  options: AssembleOptions,
): Promise<TrainedModelMetadata> {
  const members = await Promise.all(
    config.members.map(async (id) => {
      const dir = join(options.modelsDir, id);
      if (!existsSync(join(dir, 'metadata.json'))) throw new Error(`member ${id}: no trained model in ${dir}`);
      const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as TrainedModelMetadata;
      const foldsFile = join(dir, 'folds.json');
      if (metadata.dataset !== 'ckplus48' || !existsSync(foldsFile))
        throw new Error(`${id} is not a cross-validated CK+48 model (no folds.json)`);
      // Its held-out predictions were made with its own mirror setting; the ensemble cannot add one.
      if (config.tta && !metadata.tta)
        throw new Error(`${id} was scored without the mirror: set "tta" in its training config, not the ensemble's`);
      const folds = JSON.parse(await readFile(foldsFile, 'utf8')) as FoldResult[];
      return { id, metadata, folds };
    }),
  );
  const labels = members[0].metadata.labels;
  const other = members.find((m) => m.metadata.labels.join() !== labels.join());
  if (other) throw new Error(`${other.id}'s labels differ from ${members[0].id}'s`);
  const result = crossValidatedEnsemble(members, labels.length);
  const dir = join(options.modelsDir, config.id);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'folds.json'), `${JSON.stringify(result.folds, null, 2)}\n`);
  const metadata: TrainedModelMetadata = {
    id: config.id,
    architecture: config.architecture,
    labels: [...labels],
    inputSize: members[0].metadata.inputSize,
    channels: 1,
    preprocessing: `each member's own (${members[0].metadata.preprocessing})`,
    dataset: 'ckplus48',
    protocol: `CK+48 cross-validation grouped by subject, the members' shared folds: each held-out crop scored by the mean of the members' probabilities; the saved members are trained on all subjects`,
    metrics: {
      meanAccuracy: result.meanAccuracy,
      stdAccuracy: result.stdAccuracy,
      folds: result.folds.map(({ fold, subjects, n, accuracy }) => ({ fold, subjects, n, accuracy })),
      confusion: { labels, matrix: result.matrix },
      complete: true,
    },
    trainedAt: new Date().toISOString(),
    config,
    members: config.members,
    tta: config.tta,
  };
  await writeFile(join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  options.log(
    `${config.id}: cross-validated accuracy ${(result.meanAccuracy * 100).toFixed(2)}% (std ${(result.stdAccuracy * 100).toFixed(2)}) over ${result.folds.length} folds`,
  );
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
