import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { classCounts, type FaceCropSet } from '../datasets/face-crop-set';
import type { BackendName } from '../backend';
import { augmentBatch, type AugmentConfig } from './augment';
import { shardGradients, splitRows } from './batch-gradients';
import { imageBatch, toModelInput } from './batches';
import { ensureDir, loadCheckpoint, saveCheckpoint, type EpochRecord, type TrainingState } from './checkpoint';
import { evaluateModel, type Evaluation } from './evaluate';
import { GradientWorkers } from './gradient-workers';
import { epochLine, progressBar } from './progress';
import { deriveSeed, seededRandom, shuffled } from './seeded-random';
import { recomputeBatchNormStatistics, WeightAverage } from './weight-averaging';

/**
 * `balanced`: n / (classes * count), as sklearn; `sqrt`: its square root, which helps rare
 * classes (FER2013 disgust: 1.5%) without giving up as much overall accuracy.
 */
export type ClassWeighting = 'none' | 'balanced' | 'sqrt';

export interface TrainerConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  augment: AugmentConfig;
  classWeighting: ClassWeighting;
  /** Stop after this many epochs without a better validation accuracy; absent: run all epochs. */
  earlyStoppingPatience?: number;
  /** Multiply the learning rate by `factor` after `patience` epochs without improvement. */
  reduceLearningRate?: { patience: number; factor: number; min: number };
  /**
   * `cosine`: epoch e of E trains at learningRate * (1 + cos(pi (e - 1) / E)) / 2, a schedule fixed
   * in advance, for runs with no validation data to react to (CK+ folds); `constant` by default.
   */
  learningRateSchedule?: LearningRateSchedule;
  /** Validation also scores each crop's mirror image and averages (test-time augmentation). */
  tta?: boolean;
  /**
   * From this epoch (1-based) on, average the weights of every epoch (stochastic weight
   * averaging); validation, onImproved and the returned model then use the average, with
   * batch-norm statistics recomputed on up to BATCH_NORM_CROPS unaugmented training crops.
   */
  averageWeightsFrom?: number;
}

/** Training crops that batch-norm statistics of averaged weights are recomputed on. */
export const BATCH_NORM_CROPS = 4096;

export type LearningRateSchedule = 'constant' | 'cosine';

/** The learning rate of `epoch` (1-based) of `epochs` under a fixed schedule. */
export function scheduledLearningRate(
  schedule: LearningRateSchedule,
  base: number,
  epoch: number,
  epochs: number,
): number {
  return schedule === 'cosine' ? (base * (1 + Math.cos((Math.PI * (epoch - 1)) / epochs))) / 2 : base;
}

/** A trained model whose probabilities a run also learns from (knowledge distillation). */
export interface Teacher {
  /** `[n, classes]` probabilities, in the run's label order, of model-ready input (0..1); inside tf.tidy. */
  probabilities: (input: tf.Tensor4D) => tf.Tensor2D;
  /** Share of the loss given to matching the teacher (the rest: the labels). */
  weight: number;
  /** Both distributions are softened by it before they are compared. */
  temperature: number;
}

export interface TrainRun {
  /** A fresh model; not called when a checkpoint exists. */
  build: () => LayersModel | Promise<LayersModel>;
  train: FaceCropSet;
  /** Early stopping, learning-rate drops and "best" are judged on it. */
  validation: FaceCropSet;
  config: TrainerConfig;
  checkpointDir: string;
  /** Progress lines (stderr in the CLI). */
  log: (line: string) => void;
  /** Called with the model after every epoch that improved validation accuracy. */
  onImproved?: (model: LayersModel, state: TrainingState, evaluation: Evaluation) => Promise<void>;
  /** Called after every epoch's checkpoint. */
  onEpoch?: (state: TrainingState) => Promise<void>;
  /** Stop this invocation after so many epochs (the run resumes later). */
  maxEpochs?: number;
  teacher?: Teacher;
  /**
   * Data-parallel steps: each batch is cut into this many shards, computed at once by this thread
   * and `workers - 1` worker threads. Batch norm then normalises each shard by its own statistics
   * (as across GPUs without synchronised batch norm), so the epochs record it. Default 1.
   */
  workers?: number;
}

export interface TrainResult {
  model: LayersModel;
  state: TrainingState;
}

/**
 * Mini-batch Adam on a tf.layers model with seeded shuffling and augmentation (epoch e draws
 * from seeds derived from (seed, e), so a resumed run sees the batches a fresh one would) and
 * class-weighted cross-entropy, optionally averaging weights over the last epochs. A checkpoint
 * is written after every epoch and the run resumes from `checkpointDir` when one is there.
 */
export async function trainClassifier(run: TrainRun): Promise<TrainResult> {
  const { config, train, validation, log } = run;
  await ensureDir(run.checkpointDir);
  const checkpoint = await loadCheckpoint(run.checkpointDir);
  const model = checkpoint?.model ?? (await run.build());
  const state: TrainingState = checkpoint?.state ?? {
    epoch: 0,
    learningRate: config.learningRate,
    bestValAccuracy: -1,
    bestEpoch: 0,
    epochsWithoutImprovement: 0,
    stopped: false,
    history: [],
  };
  let optimizer: tf.Optimizer = tf.train.adam(state.learningRate);
  if (checkpoint) {
    // A checkpoint seeded from a published model carries no Adam moments: they restart at zero.
    if (checkpoint.optimizerWeights.length > 0) await optimizer.setWeights(checkpoint.optimizerWeights);
    else log('checkpoint has no optimizer state: Adam restarts with zero moments');
    tf.dispose(checkpoint.optimizerWeights.map((w) => w.tensor));
    log(
      `resuming after epoch ${state.epoch} (best val_acc ${(state.bestValAccuracy * 100).toFixed(2)}% at epoch ${state.bestEpoch})`,
    );
  }
  const average = checkpoint?.average
    ? WeightAverage.restore(checkpoint.average.tensors, checkpoint.average.count)
    : WeightAverage.empty();
  const batchNormCrops = shuffled(
    Array.from(train.targets, (_, i) => i),
    deriveSeed(config.seed, 0, 2),
  ).slice(0, BATCH_NORM_CROPS);
  const weights = classWeights(train, config.classWeighting);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const classes = train.labels.length;
  let epochsThisRun = 0;
  const workers = (run.workers ?? 1) > 1 ? await startWorkers(model, run) : undefined;
  try {
    while (!state.stopped && state.epoch < config.epochs && epochsThisRun < (run.maxEpochs ?? Infinity)) {
      const epoch = state.epoch + 1;
      const started = Date.now();
      if (config.learningRateSchedule === 'cosine') {
        state.learningRate = scheduledLearningRate('cosine', config.learningRate, epoch, config.epochs);
        optimizer = await withLearningRate(optimizer, state.learningRate);
      }
      const order = shuffled(
        Array.from(train.targets, (_, i) => i),
        deriveSeed(config.seed, epoch),
      );
      const random = seededRandom(deriveSeed(config.seed, epoch, 1));
      const batches = Math.ceil(order.length / config.batchSize);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let b = 0; b < batches; b++) {
        const indices = order.slice(b * config.batchSize, (b + 1) * config.batchSize);
        const [loss, hits] = await trainStep(
          model,
          optimizer,
          variables,
          train,
          indices,
          weights,
          classes,
          config.augment,
          random,
          run.teacher,
          workers,
        );
        lossSum += loss * indices.length;
        correct += hits;
        seen += indices.length;
        const progress = `  ${progressBar(b + 1, batches)} epoch ${epoch} loss ${(lossSum / seen).toFixed(4)} ${(seen / ((Date.now() - started) / 1000)).toFixed(0)} img/s`;
        // A terminal gets a live bar; a log file a line every tenth of the epoch.
        if (process.stderr.isTTY) process.stderr.write(`\r${progress}`);
        else if (Math.floor(((b + 1) * 10) / batches) > Math.floor((b * 10) / batches) && b + 1 < batches)
          log(progress);
      }
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      const averaging = config.averageWeightsFrom !== undefined && epoch >= config.averageWeightsFrom;
      if (averaging) average.add(model);
      // Validated (and handed to onImproved) with averaged weights; the raw ones train on.
      const raw = averaging ? useAverage(model, average, train, batchNormCrops) : undefined;
      const evaluation = await evaluateModel(model, validation, { tta: config.tta });
      const record: EpochRecord = {
        epoch,
        loss: lossSum / seen,
        accuracy: correct / seen,
        valLoss: evaluation.loss,
        valAccuracy: evaluation.accuracy,
        learningRate: state.learningRate,
        seconds: (Date.now() - started) / 1000,
        ...(averaging ? { averagedEpochs: average.count } : {}),
        ...(workers ? { workers: workers.size + 1 } : {}),
      };
      state.epoch = epoch;
      state.history.push(record);
      const improved = evaluation.accuracy > state.bestValAccuracy;
      if (improved) {
        state.bestValAccuracy = evaluation.accuracy;
        state.bestEpoch = epoch;
        state.epochsWithoutImprovement = 0;
      } else {
        state.epochsWithoutImprovement++;
      }
      const drop = config.reduceLearningRate;
      let note = improved ? '*best' : '';
      if (drop && !improved && state.epochsWithoutImprovement % drop.patience === 0 && state.learningRate > drop.min) {
        state.learningRate = Math.max(state.learningRate * drop.factor, drop.min);
        optimizer = await withLearningRate(optimizer, state.learningRate);
        note = `lr -> ${state.learningRate.toExponential(1)}`;
      }
      if (
        config.earlyStoppingPatience !== undefined &&
        state.epochsWithoutImprovement >= config.earlyStoppingPatience
      ) {
        state.stopped = true;
        note = `early stop (best ${(state.bestValAccuracy * 100).toFixed(2)}% at epoch ${state.bestEpoch})`;
      }
      if (averaging) note = `${note} (average of ${average.count} epochs)`.trim();
      log(epochLine(record, config.epochs, note));
      if (improved) await run.onImproved?.(model, state, evaluation);
      if (raw) {
        model.setWeights(raw);
        tf.dispose(raw);
      }
      const stored = average.count > 0 ? { count: average.count, tensors: average.toNamed() } : undefined;
      await saveCheckpoint(run.checkpointDir, model, await optimizer.getWeights(), state, stored);
      await run.onEpoch?.(state);
      epochsThisRun++;
    }
    if (average.count > 0) tf.dispose(useAverage(model, average, train, batchNormCrops));
  } finally {
    optimizer.dispose();
    average.dispose();
    await workers?.close();
  }
  return { model, state };
}

function startWorkers(model: LayersModel, run: TrainRun): Promise<GradientWorkers> {
  const teacher = run.teacher;
  return GradientWorkers.start((run.workers ?? 1) - 1, model, {
    backend: tf.getBackend() as BackendName,
    classes: run.train.labels.length,
    distillation: teacher && { weight: teacher.weight, temperature: teacher.temperature },
  });
}

/**
 * Puts the averaged weights into the model, with batch-norm statistics recomputed for them;
 * returns copies of the weights it replaced, for the caller to restore or dispose.
 */
function useAverage(
  model: LayersModel,
  average: WeightAverage,
  train: FaceCropSet,
  batchNormCrops: readonly number[],
): tf.Tensor[] {
  const raw = model.getWeights().map((w) => tf.clone(w));
  average.applyTo(model);
  recomputeBatchNormStatistics(model, train, batchNormCrops);
  return raw;
}

/**
 * One Adam step on a batch; returns its mean weighted loss and the number of correct predictions.
 * With gradient workers the batch is cut into shards: the workers compute theirs while this thread
 * computes the first, and the step applies the shards' summed gradients.
 */
async function trainStep(
  model: LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  dataset: FaceCropSet,
  indices: number[],
  classWeights: number[],
  classes: number,
  augment: AugmentConfig,
  random: () => number,
  teacher?: Teacher,
  workers?: GradientWorkers,
): Promise<[number, number]> {
  const shards = tf.tidy(() => {
    const x = toModelInput(augmentBatch(imageBatch(dataset, indices), augment, random));
    const labels = tf.tensor1d(
      indices.map((i) => dataset.targets[i]),
      'int32',
    );
    const sampleWeights = tf.tensor1d(indices.map((i) => classWeights[dataset.targets[i]]));
    // The teacher sees the same augmented crops, outside the gradient.
    const taught = teacher?.probabilities(x);
    const parts = 1 + (workers?.size ?? 0);
    const xs = splitRows(x, parts);
    const labelParts = splitRows(labels, parts);
    const weightParts = splitRows(sampleWeights, parts);
    const taughtParts = taught && splitRows(taught, parts);
    return xs.map((part, i) => ({
      x: part,
      labels: labelParts[i],
      sampleWeights: weightParts[i],
      ...(taughtParts ? { taught: taughtParts[i] } : {}),
    }));
  });
  const distillation = teacher && { weight: teacher.weight, temperature: teacher.temperature };
  try {
    const rest = shards.slice(1);
    const weights = rest.length > 0 ? variables.map((v) => v.dataSync() as Float32Array) : [];
    const others = workers ? rest.map((shard, i) => workers.compute(i, weights, shard)) : [];
    const own = shardGradients(model, variables, shards[0], classes, distillation);
    const results = await Promise.all(others).catch((error: unknown) => {
      tf.dispose(own.grads);
      throw error;
    });
    const weightSum = own.weightSum + results.reduce((sum, r) => sum + r.weightSum, 0);
    tf.tidy(() => {
      const summed = own.grads.map((grad, i) =>
        tf.div(
          results.reduce((sum, r) => tf.add(sum, tf.tensor(r.grads[i], grad.shape)), grad),
          weightSum,
        ),
      );
      optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: summed[i] })));
    });
    tf.dispose(own.grads);
    const weightedLoss = own.weightedLoss + results.reduce((sum, r) => sum + r.weightedLoss, 0);
    return [weightedLoss / weightSum, own.hits + results.reduce((sum, r) => sum + r.hits, 0)];
  } finally {
    tf.dispose(shards.flatMap((shard) => Object.values(shard)));
  }
}

function classWeights(dataset: FaceCropSet, weighting: ClassWeighting): number[] {
  const counts = classCounts(dataset);
  const n = dataset.targets.length;
  return counts.map((count) => {
    if (weighting === 'none' || count === 0) return 1;
    const balanced = n / (counts.length * count);
    return weighting === 'balanced' ? balanced : Math.sqrt(balanced);
  });
}

/** Adam with a new learning rate and the same moment estimates and step count. */
async function withLearningRate(optimizer: tf.Optimizer, learningRate: number): Promise<tf.Optimizer> {
  const next = tf.train.adam(learningRate);
  await next.setWeights(await optimizer.getWeights());
  optimizer.dispose();
  return next;
}
