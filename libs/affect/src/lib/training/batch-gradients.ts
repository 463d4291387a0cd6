import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/** Part of a training batch, ready for the model: what one gradient worker (or the trainer itself) computes on. */
export interface BatchShard {
  /** `[n, size, size, 1]` augmented crops scaled to 0..1. */
  x: tf.Tensor4D;
  /** `[n]` class indices. */
  labels: tf.Tensor1D;
  /** `[n]` class weights of the labels. */
  sampleWeights: tf.Tensor1D;
  /** `[n, classes]` teacher probabilities when the run distils. */
  taught?: tf.Tensor2D;
}

export interface Distillation {
  weight: number;
  temperature: number;
}

/** Gradients of a shard's weighted loss sum, in `variables` order, with what the progress line reports. */
export interface ShardGradients {
  grads: tf.Tensor[];
  /** Sum over the shard of each crop's loss times its class weight. */
  weightedLoss: number;
  /** Sum of the shard's class weights: the batch's loss is the shards' weightedLoss over their weightSum. */
  weightSum: number;
  hits: number;
}

/**
 * Gradients of sum(sample loss x class weight) over a shard with respect to `variables`, the model
 * in training mode (dropout on, batch norm on the shard's own statistics). Shards of one batch add
 * up: the batch's gradient is the sum of theirs divided by the sum of their weights.
 */
export function shardGradients(
  model: LayersModel,
  variables: tf.Variable[],
  shard: BatchShard,
  classes: number,
  distillation?: Distillation,
): ShardGradients {
  let hits = 0;
  const { value, grads } = tf.variableGrads(() => {
    const probs = model.apply(shard.x, { training: true }) as tf.Tensor2D;
    hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probs, 1), shard.labels), 'float32')).dataSync()[0]);
    const oneHot = tf.oneHot(shard.labels, classes) as tf.Tensor2D;
    const perSample = sampleLoss(
      probs,
      oneHot,
      shard.taught && distillation && { ...distillation, taught: shard.taught },
    );
    return tf.sum(tf.mul(perSample, shard.sampleWeights)) as tf.Scalar;
  }, variables);
  const weightedLoss = value.dataSync()[0];
  const weightSum = tf.tidy(() => tf.sum(shard.sampleWeights).dataSync()[0]);
  value.dispose();
  return { grads: variables.map((v) => grads[v.name]), weightedLoss, weightSum, hits };
}

/** `tensor` cut into at most `parts` consecutive pieces along its first axis, sizes differing by at most one. */
export function splitRows<T extends tf.Tensor>(tensor: T, parts: number): T[] {
  const n = tensor.shape[0];
  const count = Math.min(parts, n);
  const sizes = Array.from({ length: count }, (_, i) => Math.floor(n / count) + (i < n % count ? 1 : 0));
  return count <= 1 ? [tensor] : (tf.split(tensor, sizes, 0) as T[]);
}

/**
 * Per-sample training loss: cross-entropy with the labels, or with a teacher (Hinton et al.,
 * 2015) `(1 - weight) * CE(labels, p) + weight * T^2 * KL(t_T || p_T)`, where x_T is x softened
 * by the temperature, softmax(log x / T); T^2 keeps the soft term's gradients at the scale of
 * the hard one's.
 */
export function sampleLoss(
  probs: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  distill?: { taught: tf.Tensor2D; weight: number; temperature: number },
): tf.Tensor1D {
  const logProbs = tf.log(tf.clipByValue(probs, 1e-7, 1));
  const crossEntropy = tf.neg(tf.sum(tf.mul(oneHot, logProbs), 1)) as tf.Tensor1D;
  if (!distill) return crossEntropy;
  const { taught, weight, temperature: t } = distill;
  const student = tf.logSoftmax(tf.div(logProbs, t));
  const teacher = tf.logSoftmax(tf.div(tf.log(tf.clipByValue(taught, 1e-7, 1)), t));
  const divergence = tf.sum(tf.mul(tf.exp(teacher), tf.sub(teacher, student)), 1);
  return tf.add(tf.mul(crossEntropy, 1 - weight), tf.mul(divergence, weight * t * t)) as tf.Tensor1D;
}
