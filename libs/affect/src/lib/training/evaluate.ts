import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { FaceCropSet } from '../datasets/face-crop-set';
import { predictFaces } from '../face/trained-face-classifier';
import { imageBatch, toModelInput } from './batches';

export interface Evaluation {
  loss: number;
  accuracy: number;
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  /** Each item's predicted probabilities, in dataset order and label order. */
  probabilities: number[][];
}

export interface EvaluateOptions {
  /** Average each crop's probabilities with its left-right mirror's (predictFaces). */
  tta?: boolean;
  batchSize?: number;
}

/** Mean cross-entropy, accuracy and confusion of `model` on a dataset, in batches. */
export async function evaluateModel(
  model: LayersModel,
  dataset: FaceCropSet,
  { tta = false, batchSize = 256 }: EvaluateOptions = {},
): Promise<Evaluation> {
  const classes = dataset.labels.length;
  const confusion = dataset.labels.map(() => new Array<number>(classes).fill(0));
  let lossSum = 0;
  const n = dataset.targets.length;
  const probabilities: number[][] = [];
  for (let start = 0; start < n; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const probs = tf.tidy(() => predictFaces(model, toModelInput(imageBatch(dataset, indices)), tta));
    const values = await probs.data();
    probs.dispose();
    indices.forEach((item, i) => {
      const row = values.subarray(i * classes, (i + 1) * classes);
      const target = dataset.targets[item];
      lossSum -= Math.log(Math.max(row[target], 1e-7));
      confusion[target][argmax(row)]++;
      probabilities.push(Array.from(row));
    });
  }
  const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
  return { loss: lossSum / n, accuracy: correct / n, confusion, probabilities };
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
