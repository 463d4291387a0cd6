import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { FaceCropSet } from '../datasets/face-crop-set';
import { imageBatch, toModelInput } from './batches';
import type { NamedTensor } from './checkpoint';

/**
 * Stochastic weight averaging (Izmailov et al., 2018, "Averaging weights leads to wider optima and
 * better generalization"): the running mean of a model's trainable weights, taken once per epoch.
 * Batch-norm statistics are not averaged: they belong to the weights that produced them, so the
 * averaged model gets its own from recomputeBatchNormStatistics.
 */
export class WeightAverage {
  private constructor(
    private means: tf.Tensor[],
    /** Epochs averaged so far. */
    public count: number,
  ) {}

  static empty(): WeightAverage {
    return new WeightAverage([], 0);
  }

  /** From a checkpoint (toNamed's tensors, in the model's trainable-weight order). */
  static restore(tensors: NamedTensor[], count: number): WeightAverage {
    return new WeightAverage(
      tensors.map((t) => t.tensor),
      count,
    );
  }

  /** Folds the model's current trainable weights into the mean. */
  add(model: LayersModel): void {
    const weights = model.trainableWeights.map((w) => w.read());
    const next =
      this.count === 0
        ? weights.map((w) => tf.clone(w))
        : this.means.map((mean, i) => tf.tidy(() => tf.add(mean, tf.div(tf.sub(weights[i], mean), this.count + 1))));
    tf.dispose(this.means);
    this.means = next;
    this.count++;
  }

  /** Writes the mean into the model's trainable weights (its batch-norm statistics are left as they are). */
  applyTo(model: LayersModel): void {
    if (this.count === 0) throw new Error('no epochs averaged yet');
    model.trainableWeights.forEach((w, i) => w.write(this.means[i]));
  }

  toNamed(): NamedTensor[] {
    return this.means.map((tensor, i) => ({ name: `average/${i}`, tensor }));
  }

  dispose(): void {
    tf.dispose(this.means);
    this.means = [];
  }
}

/**
 * Sets every batch-norm layer's moving mean and variance to the statistics of its input over the
 * given crops (unaugmented, in inference mode), layer by layer from the input, so that each layer
 * sees the output of the already-updated layers before it: what the averaged weights need before
 * they can be evaluated. Per-batch moments are combined in float64.
 */
export function recomputeBatchNormStatistics(
  model: LayersModel,
  dataset: FaceCropSet,
  indices: readonly number[],
  batchSize = 256,
): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    // Shares the model's layers (and weights); owns no tensors of its own, so it is not disposed.
    const probe = tfl.model({ inputs: model.inputs, outputs: layer.input as tfl.SymbolicTensor });
    let channels = 0;
    let count = 0;
    let sum: Float64Array | undefined;
    let sumOfSquares: Float64Array | undefined;
    for (let start = 0; start < indices.length; start += batchSize) {
      const batch = indices.slice(start, start + batchSize);
      const [mean, variance, perChannel] = tf.tidy(() => {
        const x = probe.predict(toModelInput(imageBatch(dataset, batch))) as tf.Tensor;
        const axes = x.shape.slice(0, -1).map((_, i) => i);
        const moments = tf.moments(x, axes);
        return [moments.mean.dataSync(), moments.variance.dataSync(), x.size / (x.shape.at(-1) as number)] as const;
      });
      channels = mean.length;
      sum ??= new Float64Array(channels);
      sumOfSquares ??= new Float64Array(channels);
      for (let c = 0; c < channels; c++) {
        sum[c] += mean[c] * perChannel;
        sumOfSquares[c] += (variance[c] + mean[c] * mean[c]) * perChannel;
      }
      count += perChannel;
    }
    if (!sum || !sumOfSquares) throw new Error('no crops to recompute batch-norm statistics on');
    const mean = Array.from(sum, (s) => s / count);
    const variance = Array.from(sumOfSquares, (s, c) => Math.max(s / count - mean[c] * mean[c], 0));
    // getWeights returns the live variables; setWeights shares the new tensors' data with them.
    const [gamma, beta] = layer.getWeights();
    const statistics = [tf.tensor1d(mean), tf.tensor1d(variance)];
    layer.setWeights([gamma, beta, ...statistics]);
    tf.dispose(statistics);
  }
}
