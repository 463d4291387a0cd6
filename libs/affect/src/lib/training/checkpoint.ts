import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diskIOHandler, loadLayersModelFromDisk } from '../model-loader';

/** An optimizer slot variable by name (tfjs-core does not export its NamedTensor type). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Metrics of one epoch, as saved in history.json and drawn in the model card's curves. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  learningRate: number;
  seconds: number;
  /** Set while weights are averaged: how many epochs the validated (averaged) model covers. */
  averagedEpochs?: number;
  /** Set when the epoch trained data-parallel: the number of shards each batch was cut into. */
  workers?: number;
}

/** Everything besides weights that a resumed run needs to continue as if never stopped. */
export interface TrainingState {
  /** Epochs completed. */
  epoch: number;
  learningRate: number;
  bestValAccuracy: number;
  bestEpoch: number;
  /** Epochs since the learning rate last dropped or validation last improved. */
  epochsWithoutImprovement: number;
  stopped: boolean;
  history: EpochRecord[];
}

/** A running weight average (weight-averaging.ts) as stored in a checkpoint. */
export interface StoredAverage {
  count: number;
  tensors: NamedTensor[];
}

export interface Checkpoint {
  model: LayersModel;
  optimizerWeights: NamedTensor[];
  state: TrainingState;
  average?: StoredAverage;
}

/**
 * Writes `<dir>/epoch-<n>/` (model, optimizer slots, state, the weight average if any), then
 * points `<dir>/latest.json` at it with an atomic rename, then removes older epochs: a run killed
 * at any moment leaves a complete checkpoint behind.
 */
export async function saveCheckpoint(
  dir: string,
  model: LayersModel,
  optimizerWeights: NamedTensor[],
  state: TrainingState,
  average?: StoredAverage,
): Promise<void> {
  const name = `epoch-${state.epoch}`;
  const target = join(dir, name);
  await rm(target, { recursive: true, force: true });
  await model.save(diskIOHandler(join(target, 'model.json')));
  await writeTensors(join(target, 'optimizer'), optimizerWeights);
  if (average) {
    await writeTensors(join(target, 'average'), average.tensors);
    await writeFile(join(target, 'average-count.json'), JSON.stringify(average.count));
  }
  await writeFile(join(target, 'state.json'), JSON.stringify(state));
  await writeFile(join(dir, 'latest.json.tmp'), JSON.stringify({ checkpoint: name }));
  await rename(join(dir, 'latest.json.tmp'), join(dir, 'latest.json'));
  for (const entry of await readdir(dir)) {
    if (entry.startsWith('epoch-') && entry !== name) await rm(join(dir, entry), { recursive: true, force: true });
  }
}

/** The checkpoint `latest.json` points at, or undefined when the run never completed an epoch. */
export async function loadCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  const latest = join(dir, 'latest.json');
  if (!existsSync(latest)) return undefined;
  const { checkpoint } = JSON.parse(await readFile(latest, 'utf8')) as { checkpoint: string };
  const source = join(dir, checkpoint);
  const model = await loadLayersModelFromDisk(join(source, 'model.json'));
  const optimizerWeights = await readTensors(join(source, 'optimizer'));
  const state = JSON.parse(await readFile(join(source, 'state.json'), 'utf8')) as TrainingState;
  const countFile = join(source, 'average-count.json');
  const average = existsSync(countFile)
    ? {
        count: JSON.parse(await readFile(countFile, 'utf8')) as number,
        tensors: await readTensors(join(source, 'average')),
      }
    : undefined;
  return { model, optimizerWeights, state, average };
}

/** `<base>.bin` (the tensors' bytes) and `<base>.json` (their names, shapes and types). */
async function writeTensors(base: string, tensors: NamedTensor[]): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  await writeFile(`${base}.bin`, new Uint8Array(data as ArrayBuffer));
  await writeFile(`${base}.json`, JSON.stringify(specs));
}

async function readTensors(base: string): Promise<NamedTensor[]> {
  const specs = JSON.parse(await readFile(`${base}.json`, 'utf8')) as tf.io.WeightsManifestEntry[];
  const decoded = tf.io.decodeWeights(new Uint8Array(await readFile(`${base}.bin`)).buffer, specs);
  return specs.map((s) => ({ name: s.name, tensor: decoded[s.name] }));
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}
