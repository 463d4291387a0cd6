import { greyModelInput } from '@attune/face-net';
import * as tf from '@tensorflow/tfjs-core';
import type { FaceCropSet } from '../datasets/face-crop-set';

/** Crops `indices` of the dataset as a float `[n, size, size, 1]` tensor of 0..255. */
export function imageBatch(dataset: FaceCropSet, indices: readonly number[]): tf.Tensor4D {
  const area = dataset.size * dataset.size;
  const values = new Float32Array(indices.length * area);
  indices.forEach((item, i) => values.set(dataset.pixels.subarray(item * area, (item + 1) * area), i * area));
  return tf.tensor4d(values, [indices.length, dataset.size, dataset.size, 1]);
}

/** The input scaling every trained face model expects (also written to metadata.json). */
export const PREPROCESSING =
  'grey (ITU-R BT.601 luma when given RGB), resized bilinearly to inputSize x inputSize, divided by 255 (0..1)';

/** Grey crops at the model's size, scaled as inference scales them (face-net's `greyModelInput`). */
export function toModelInput(images: tf.Tensor4D): tf.Tensor4D {
  return greyModelInput(images, images.shape[1]);
}
