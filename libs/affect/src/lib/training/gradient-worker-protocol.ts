import type { BackendName } from '../backend';
import type { Distillation } from './batch-gradients';

/** What a gradient worker is started with: the model to copy and how its loss is made. */
export interface GradientWorkerSetup {
  backend: BackendName;
  /** The model's topology as `LayersModel.toJSON()` writes it: the worker builds the same layers. */
  topology: string;
  classes: number;
  distillation?: Distillation;
}

/** One shard of a batch with the trainable weights of the current step, as plain arrays. */
export interface ShardTask {
  id: number;
  /** Trainable weights in `model.trainableWeights` order. */
  weights: Float32Array[];
  /** `[n, size, size, 1]` model input. */
  x: Float32Array;
  n: number;
  size: number;
  labels: Int32Array;
  sampleWeights: Float32Array;
  taught?: Float32Array;
}

export type GradientWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'gradients'; id: number; grads: Float32Array[]; weightedLoss: number; weightSum: number; hits: number }
  | { kind: 'failed'; id: number; message: string }
  /** The worker could not set up its backend or model. */
  | { kind: 'unstarted'; message: string };
