import * as tf from '@tensorflow/tfjs-core';
import { squareAround, type PixelBox } from './boxes';

// ITU-R BT.601 luma weights, the RGB-to-grey conversion human applies before its emotion model.
const LUMA_WEIGHTS = [0.2989, 0.587, 0.114];

/**
 * The tensor as float32: itself when it already is (tfjs's cast copies even then, ~0.6 ms for a
 * 640x480 frame on wasm), a cast otherwise. Call inside tf.tidy.
 */
export function asFloat32<T extends tf.Tensor>(x: T): T {
  return x.dtype === 'float32' ? x : (tf.cast(x, 'float32') as T);
}

/**
 * Square crops of side `scale * longer side` around each box, resized to `size`:
 * `[n, size, size, 3]`, float 0..255. Parts outside the image are black (cropAndResize's extrapolation).
 */
export function cropFaces(image: tf.Tensor3D, boxes: PixelBox[], scale: number, size: number): tf.Tensor4D {
  const [height, width] = image.shape;
  // cropAndResize maps 0..1 onto the first..last pixel centre.
  const regions = boxes
    .map((box) => squareAround(box, scale))
    .map((c) => [
      c.y / (height - 1),
      c.x / (width - 1),
      (c.y + c.height) / (height - 1),
      (c.x + c.width) / (width - 1),
    ]);
  return tf.tidy(() =>
    tf.image.cropAndResize(
      tf.expandDims(asFloat32(image), 0) as tf.Tensor4D,
      regions,
      boxes.map(() => 0),
      [size, size],
    ),
  );
}

/** Crops of any size and 1 or 3 channels as `[n, size, size, channels]`; call inside tf.tidy. */
export function fitCrops(crops: tf.Tensor4D, size: number, channels: 1 | 3): tf.Tensor4D {
  const [, height, width, depth] = crops.shape;
  if (depth !== 1 && depth !== 3) throw new Error(`face crops must have 1 or 3 channels, got ${depth}`);
  let fitted = asFloat32(crops);
  if (height !== size || width !== size) fitted = tf.image.resizeBilinear(fitted, [size, size]);
  if (depth === channels) return fitted;
  if (channels === 1) return tf.sum(tf.mul(fitted, LUMA_WEIGHTS), 3, true);
  // Grey to RGB by concatenation: tile is slow on wasm.
  return tf.concat([fitted, fitted, fitted], 3);
}

/**
 * The input of Attune's trained expression models (the trainer's preprocessing): crops as grey
 * `[n, size, size, 1]` scaled 0..1. Call inside tf.tidy.
 */
export function greyModelInput(crops: tf.Tensor4D, size: number): tf.Tensor4D {
  return tf.div(fitCrops(crops, size, 1), 255);
}
