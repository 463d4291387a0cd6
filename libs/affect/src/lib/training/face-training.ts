import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { chooseBackend } from '../backend';
import { loadCkPlus48 } from '../datasets/ckplus48';
import { subsetOf, type FaceCropSet } from '../datasets/face-crop-set';
import { loadFer2013Csv, loadFer2013Folder } from '../datasets/fer2013';
import { subjectFolds } from '../datasets/subject-folds';
import { TrainedFaceClassifier } from '../face/trained-face-classifier';
import type { TrainedModelMetadata } from '../face/trained-model-metadata';
import { diskIOHandler, loadLayersModelFromDisk } from '../model-loader';
import { buildFaceModel } from './architectures';
import { PREPROCESSING } from './batches';
import { ensureDir, type EpochRecord } from './checkpoint';
import { meanAndStd } from './cv-ensemble';
import { evaluateModel, type Evaluation } from './evaluate';
import { parseFaceTrainingConfig, type FaceTrainingConfig } from './face-training-config';
import { trainClassifier, type Teacher, type TrainResult } from './trainer';
import { registerWasmGradients } from './wasm-gradients';

export interface FaceTrainingOptions {
  datasetsDir: string;
  modelsDir: string;
  /** Continue from models/<id>/checkpoint; without it an existing checkpoint is an error. */
  resume: boolean;
  /** Stop after so many epochs in this invocation (resume later). */
  maxEpochs?: number;
  /** At most so many items per split (smoke runs). */
  limit?: number;
  /** Data-parallel shards per batch, one thread each (TrainRun.workers); default 1. */
  workers?: number;
  log: (line: string) => void;
}

export interface FaceTrainingOutcome {
  /** Whether every planned epoch (or early stop) is done; false after --max-epochs or for an unfinished fold loop. */
  complete: boolean;
  /** metadata.json as written, once a model exists. */
  metadata?: TrainedModelMetadata;
}

/**
 * Trains the model an experiments/face config describes into `<modelsDir>/<id>/`: FER2013 on
 * train, judged on validation, with the best model written whenever validation improves;
 * CK+48 by k folds grouped by subject (each fold trained for the full epochs and scored on its
 * unseen subjects at the last epoch), then one model on all subjects.
 */
export async function runFaceTraining(
  config: FaceTrainingConfig,
  options: FaceTrainingOptions,
): Promise<FaceTrainingOutcome> {
  const dir = join(options.modelsDir, config.id);
  const checkpointDir = join(dir, 'checkpoint');
  const initModel = config.initFrom && join(options.modelsDir, config.initFrom, 'model.json');
  // Checked before the checkpoint folder is claimed, so a failed start can simply be retried.
  if (initModel && !existsSync(join(checkpointDir, 'init', 'model.json')) && !existsSync(initModel)) {
    throw new Error(`initFrom ${config.initFrom}: no trained model at ${initModel}`);
  }
  await guardResume(config, checkpointDir, options.resume);
  await chooseBackend('wasm');
  registerWasmGradients();
  return config.dataset === 'fer2013'
    ? trainFer2013(config, options, dir, checkpointDir)
    : trainCkPlus48(config, options, dir, checkpointDir);
}

async function trainFer2013(
  config: FaceTrainingConfig,
  options: FaceTrainingOptions,
  dir: string,
  checkpointDir: string,
) {
  const path = join(options.datasetsDir, config.data);
  const load = path.endsWith('.csv') ? loadFer2013Csv : loadFer2013Folder;
  const initialisedFrom = await snapshotInit(config, options, checkpointDir);
  const train = await load(path, 'train', { size: config.inputSize, limit: options.limit });
  const validation = await load(path, 'validation', { size: config.inputSize, limit: options.limit });
  options.log(`fer2013: ${train.targets.length} train, ${validation.targets.length} validation items`);
  const teacher = config.distillFrom && (await loadTeacher(config.distillFrom, options.modelsDir, train.labels));
  const provenance = {
    initialisedFrom,
    ...(teacher ? { distilledFrom: provenanceOf(teacher.classifier.metadata) } : {}),
  };
  const protocol =
    'FER2013 Training -> PublicTest ("validation" folder); metrics on PublicTest; best epoch by validation accuracy';
  const result = await trainClassifier({
    ...trainerRun(config, options),
    build: () => initialModel(config, checkpointDir, train, options.log),
    train,
    validation,
    checkpointDir,
    teacher: teacher?.teacher,
    onImproved: (model, state, evaluation) =>
      writeModel(
        dir,
        model,
        metadataFor(config, train, protocol, holdoutMetrics(state, evaluation, validation), provenance),
      ),
    onEpoch: (state) => writeJson(join(dir, 'history.json'), state.history),
  }).finally(() => teacher?.classifier.dispose());
  const complete = result.state.stopped || result.state.epoch >= config.epochs;
  const metadata = await readMetadata(dir);
  if (complete && metadata) {
    // The best model is already on disk; record that its training has finished.
    metadata.metrics = { ...metadata.metrics, epochsTrained: result.state.epoch, complete: true };
    await writeJson(join(dir, 'metadata.json'), metadata);
  }
  result.model.dispose();
  return { complete, metadata };
}

export interface FoldResult {
  fold: number;
  subjects: number;
  n: number;
  accuracy: number;
  confusion: number[][];
  /** Per-epoch curves of the fold (test = its held-out subjects). */
  history?: EpochRecord[];
  /** Every held-out crop's prediction at the scored epoch, for cross-validated ensembles (face-ensemble.ts). */
  heldOut?: HeldOutPrediction[];
}

export interface HeldOutPrediction {
  /** The crop's file, relative to the dataset folder. */
  source: string;
  target: number;
  /** In label order, rounded to 6 decimals. */
  probabilities: number[];
}

async function trainCkPlus48(
  config: FaceTrainingConfig,
  options: FaceTrainingOptions,
  dir: string,
  checkpointDir: string,
) {
  const initialisedFrom = await snapshotInit(config, options, checkpointDir);
  const dataDir = join(options.datasetsDir, config.data);
  const all = await loadCkPlus48(dataDir, {
    size: config.inputSize,
    limit: options.limit,
  });
  const k = config.folds ?? 0;
  // CK+ file names always carry a subject (the loader refuses others).
  const foldSeed = config.foldSeed ?? config.seed;
  const folds = subjectFolds(all.subjects ?? [], k, foldSeed);
  const foldsFile = join(dir, 'folds.json');
  const results: FoldResult[] =
    existsSync(foldsFile) && options.resume ? JSON.parse(await readFile(foldsFile, 'utf8')) : [];
  let epochBudget = options.maxEpochs ?? Infinity;
  for (let fold = results.length; fold < k; fold++) {
    const trainIdx = folds.flatMap((f, i) => (f === fold ? [] : [i]));
    const testIdx = folds.flatMap((f, i) => (f === fold ? [i] : []));
    const train = subsetOf(all, trainIdx);
    const test = subsetOf(all, testIdx);
    const subjects = new Set(test.subjects).size;
    options.log(
      `ckplus48 fold ${fold + 1}/${config.folds}: ${train.targets.length} train, ${testIdx.length} test items (${subjects} unseen subjects)`,
    );
    const result = await trainClassifier({
      ...trainerRun(config, options, epochBudget),
      build: () => initialModel(config, checkpointDir, train, options.log),
      train,
      validation: test,
      checkpointDir: join(checkpointDir, `fold-${fold}`),
    });
    epochBudget -= result.state.history.length;
    if (result.state.epoch < config.epochs) return finishEarly(result);
    // Scored at the last epoch: picking the best epoch by the test fold would select on it.
    const evaluation = await evaluateModel(result.model, test, { tta: config.tta });
    result.model.dispose();
    results.push({
      fold,
      subjects,
      n: testIdx.length,
      accuracy: evaluation.accuracy,
      confusion: evaluation.confusion,
      history: result.state.history,
      heldOut: evaluation.probabilities.map((row, i) => ({
        source: relative(dataDir, test.sources[i]),
        target: test.targets[i],
        probabilities: row.map((p) => Math.round(p * 1e6) / 1e6),
      })),
    });
    await writeJson(foldsFile, results);
  }
  options.log('ckplus48: all folds done; training the model on every subject');
  const { mean, std } = meanAndStd(results.map((r) => r.accuracy));
  const final = await trainClassifier({
    ...trainerRun(config, options, epochBudget),
    build: () => initialModel(config, checkpointDir, all, options.log),
    train: all,
    // No data is left over: the figures that matter are the folds'; this only logs training fit.
    validation: all,
    checkpointDir: join(checkpointDir, 'all'),
    onEpoch: (state) => writeJson(join(dir, 'history.json'), state.history),
  });
  if (final.state.epoch < config.epochs) return finishEarly(final);
  const protocol = `CK+48 ${config.folds}-fold cross-validation grouped by subject (fold seed ${foldSeed}); each fold scored at its last epoch on subjects it never saw; the saved model is trained on all subjects`;
  const metadata = metadataFor(
    config,
    all,
    protocol,
    {
      meanAccuracy: mean,
      stdAccuracy: std,
      folds: results.map(({ fold, subjects, n, accuracy }) => ({ fold, subjects, n, accuracy })),
      confusion: { labels: all.labels, matrix: sumMatrices(results.map((r) => r.confusion)) },
      epochsTrained: final.state.epoch,
      complete: true,
    },
    { initialisedFrom },
  );
  await writeModel(dir, final.model, metadata);
  final.model.dispose();
  return { complete: true, metadata };
}

function finishEarly(result: TrainResult): FaceTrainingOutcome {
  result.model.dispose();
  return { complete: false };
}

function trainerRun(config: FaceTrainingConfig, options: FaceTrainingOptions, maxEpochs = options.maxEpochs) {
  return {
    config: {
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      seed: config.seed,
      augment: config.augment,
      classWeighting: config.classWeighting,
      earlyStoppingPatience: config.earlyStoppingPatience,
      reduceLearningRate: config.reduceLearningRate,
      learningRateSchedule: config.learningRateSchedule,
      tta: config.tta,
      averageWeightsFrom: config.averageWeightsFrom,
    },
    log: options.log,
    maxEpochs,
    workers: options.workers,
  };
}

/**
 * A fresh model, or one started from the weights of the run's snapshot of `initFrom` (see
 * snapshotInit): every layer when the two share their labels, in order (a further stage on the
 * same data), else all but the softmax, which starts fresh for the new labels.
 */
async function initialModel(
  config: FaceTrainingConfig,
  checkpointDir: string,
  train: FaceCropSet,
  log: (line: string) => void,
): Promise<LayersModel> {
  const model = buildFaceModel(config.architecture, train.labels.length, config.inputSize, config.seed);
  if (!config.initFrom) return model;
  const source = await loadLayersModelFromDisk(join(checkpointDir, 'init', 'model.json'));
  if (source.layers.length !== model.layers.length) {
    throw new Error(
      `initFrom ${config.initFrom}: ${source.layers.length} layers, expected ${model.layers.length} (same architecture)`,
    );
  }
  const { labels } = JSON.parse(
    await readFile(join(checkpointDir, 'init', 'metadata.json'), 'utf8'),
  ) as TrainedModelMetadata;
  const sameLabels = labels.join() === train.labels.join();
  const copied = sameLabels ? model.layers : model.layers.slice(0, -1);
  copied.forEach((layer, i) => layer.setWeights(source.layers[i].getWeights()));
  source.dispose();
  log(`initialised from ${config.initFrom} (${sameLabels ? 'all layers' : 'all layers but the softmax'})`);
  return model;
}

/**
 * Copies `initFrom`'s model into the checkpoint once, at the start of the run, so that every fold
 * (and a resumed run) starts from the same weights even while that model keeps training.
 * Returns the copied model's metadata metrics, for this model's metadata.
 */
async function snapshotInit(
  config: FaceTrainingConfig,
  options: FaceTrainingOptions,
  checkpointDir: string,
): Promise<ModelProvenance | undefined> {
  if (!config.initFrom) return undefined;
  const target = join(checkpointDir, 'init');
  if (!existsSync(join(target, 'model.json'))) {
    const source = join(options.modelsDir, config.initFrom);
    const model = await loadLayersModelFromDisk(join(source, 'model.json'));
    await model.save(diskIOHandler(join(target, 'model.json')));
    model.dispose();
    await writeFile(join(target, 'metadata.json'), await readFile(join(source, 'metadata.json')));
  }
  return provenanceOf(JSON.parse(await readFile(join(target, 'metadata.json'), 'utf8')) as TrainedModelMetadata);
}

/**
 * The `distillFrom` model, loaded, as the trainer's teacher. It must have finished training (a
 * teacher that changes under a resumed run would mix two targets) and output the run's labels in
 * the same order.
 */
async function loadTeacher(
  distill: NonNullable<FaceTrainingConfig['distillFrom']>,
  modelsDir: string,
  labels: readonly string[],
): Promise<{ classifier: TrainedFaceClassifier; teacher: Teacher }> {
  const dir = join(modelsDir, distill.model);
  if (!existsSync(join(dir, 'metadata.json')))
    throw new Error(`distillFrom ${distill.model}: no trained model in ${dir}`);
  const classifier = new TrainedFaceClassifier(dir);
  if (classifier.metadata.metrics['complete'] !== true)
    throw new Error(`distillFrom ${distill.model}: still training; a teacher must be finished`);
  if (classifier.labels.join() !== labels.join())
    throw new Error(`distillFrom ${distill.model}: labels ${classifier.labels.join()} differ from ${labels.join()}`);
  await classifier.load();
  const teacher: Teacher = {
    probabilities: (input) => classifier.probabilities(tf.mul(input, 255) as tf.Tensor4D),
    weight: distill.weight,
    temperature: distill.temperature,
  };
  return { classifier, teacher };
}

function holdoutMetrics(state: { epoch: number; bestEpoch: number }, evaluation: Evaluation, validation: FaceCropSet) {
  return {
    validationAccuracy: evaluation.accuracy,
    validationLoss: evaluation.loss,
    n: validation.targets.length,
    bestEpoch: state.bestEpoch,
    epochsTrained: state.epoch,
    // Set to true once training has finished (early stop or all epochs).
    complete: false,
    confusion: { labels: validation.labels, matrix: evaluation.confusion },
  };
}

/** Where a run's weights and soft targets came from, as recorded in its metadata's config. */
interface Provenance {
  initialisedFrom?: ModelProvenance;
  distilledFrom?: ModelProvenance;
}

type ModelProvenance = Pick<TrainedModelMetadata, 'id' | 'trainedAt' | 'metrics'>;

function provenanceOf(metadata: TrainedModelMetadata): ModelProvenance {
  return { id: metadata.id, trainedAt: metadata.trainedAt, metrics: metadata.metrics };
}

function metadataFor(
  config: FaceTrainingConfig,
  train: FaceCropSet,
  protocol: string,
  metrics: Record<string, unknown>,
  provenance: Provenance,
): TrainedModelMetadata {
  return {
    id: config.id,
    architecture: config.architecture,
    labels: [...train.labels],
    inputSize: config.inputSize,
    channels: 1,
    preprocessing: config.tta ? `${PREPROCESSING}; averaged with the left-right mirror` : PREPROCESSING,
    dataset: config.dataset,
    protocol,
    metrics,
    trainedAt: new Date().toISOString(),
    config: { ...config, ...provenance },
    ...(config.tta ? { tta: true } : {}),
  };
}

/**
 * Writes into `<dir>/.next/` and then renames each file into place (weights, model.json,
 * metadata.json): a run killed mid-write never leaves a truncated model where the lead may
 * commit it.
 */
async function writeModel(dir: string, model: LayersModel, metadata: TrainedModelMetadata): Promise<void> {
  const next = join(dir, '.next');
  await model.save(diskIOHandler(join(next, 'model.json')));
  await writeJson(join(next, 'metadata.json'), metadata);
  for (const file of ['model.weights.bin', 'model.json', 'metadata.json'])
    await rename(join(next, file), join(dir, file));
}

async function readMetadata(dir: string): Promise<TrainedModelMetadata | undefined> {
  const file = join(dir, 'metadata.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as TrainedModelMetadata) : undefined;
}

/** Write-then-rename: folds.json is read back on resume, and a half-written file would block it. */
async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

/** A checkpoint belongs to one config: resuming with another would silently mix two runs. */
async function guardResume(config: FaceTrainingConfig, checkpointDir: string, resume: boolean): Promise<void> {
  const saved = join(checkpointDir, 'config.json');
  if (existsSync(saved)) {
    if (!resume)
      throw new Error(
        `${checkpointDir} holds an earlier run: pass --resume to continue it, or delete the folder to start over`,
      );
    // Parsed again, so a checkpoint saved before a field existed compares with that field's default.
    const previous = parseFaceTrainingConfig(JSON.parse(await readFile(saved, 'utf8')));
    if (JSON.stringify(previous) !== JSON.stringify(config)) {
      throw new Error(`${checkpointDir} was written with a different config; delete it to start over`);
    }
    return;
  }
  await ensureDir(checkpointDir);
  await writeFile(saved, JSON.stringify(config));
}

function sumMatrices(matrices: number[][][]): number[][] {
  return matrices[0].map((row, i) => row.map((_, j) => matrices.reduce((sum, m) => sum + m[i][j], 0)));
}
