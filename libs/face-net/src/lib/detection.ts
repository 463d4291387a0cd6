import type { FaceBox } from '@attune/protocol';
import * as tf from '@tensorflow/tfjs-core';
import { normaliseBox, type PixelBox } from './boxes';
import { asFloat32 } from './crops';

export interface FaceDetection {
  /** Normalised 0..1 to the image. */
  box: FaceBox;
  /** The same box in image pixels. */
  pixels: PixelBox;
  score: number;
}

export interface SuppressionOptions {
  maxFaces: number;
  iouThreshold: number;
  minScore: number;
}

/**
 * The image scaled into a `size` square keeping its proportions, padded with zeros at the bottom
 * and right (both detectors' convention), and the factor from square pixels back to image pixels.
 * Call inside tf.tidy.
 */
export function fitSquare(image: tf.Tensor3D, size: number): { square: tf.Tensor3D; toImage: number } {
  const { padded, toImage } = fitPadded(image, size, size);
  return { square: padded, toImage };
}

/**
 * The image scaled so its longer side is `size`, keeping proportions, then zero-padded at the
 * bottom and right up to a multiple of `multiple` on each side (a square when `multiple` is
 * `size`). Fully convolutional detectors take the smaller padded frame: a 4:3 frame costs 3/4 of
 * the square. Call inside tf.tidy.
 */
export function fitPadded(
  image: tf.Tensor3D,
  size: number,
  multiple: number,
): { padded: tf.Tensor3D; toImage: number } {
  const [height, width] = image.shape;
  const fit = size / Math.max(width, height);
  const scaledHeight = Math.round(height * fit);
  const scaledWidth = Math.round(width * fit);
  const resized = tf.image.resizeBilinear(asFloat32(image), [scaledHeight, scaledWidth]);
  const padded = tf.pad(resized, [
    [0, Math.ceil(scaledHeight / multiple) * multiple - scaledHeight],
    [0, Math.ceil(scaledWidth / multiple) * multiple - scaledWidth],
    [0, 0],
  ]);
  return { padded, toImage: Math.max(width, height) / size };
}

/**
 * Non-max suppression over candidate boxes (`[y1, x1, y2, x2]` in square pixels, the order tfjs
 * expects), then boxes mapped back to the image, clamped, degenerate ones dropped. Takes
 * ownership of `boxes` and `scores`: they are disposed whatever happens.
 */
export async function suppress(
  boxes: tf.Tensor2D,
  scores: tf.Tensor1D,
  options: SuppressionOptions,
  toImage: number,
  [height, width]: [number, number],
): Promise<FaceDetection[]> {
  let kept: tf.Tensor1D | null = null;
  try {
    kept = await tf.image.nonMaxSuppressionAsync(
      boxes,
      scores,
      options.maxFaces,
      options.iouThreshold,
      options.minScore,
    );
    const [indices, corners, probabilities] = await Promise.all([kept.data(), boxes.data(), scores.data()]);
    const detections: FaceDetection[] = [];
    for (const i of indices) {
      const x1 = clamp(corners[4 * i + 1] * toImage, width);
      const y1 = clamp(corners[4 * i] * toImage, height);
      const x2 = clamp(corners[4 * i + 3] * toImage, width);
      const y2 = clamp(corners[4 * i + 2] * toImage, height);
      if (x2 <= x1 || y2 <= y1) continue;
      const pixels = { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
      detections.push({ box: normaliseBox(pixels, width, height), pixels, score: probabilities[i] });
    }
    return detections;
  } finally {
    tf.dispose([boxes, scores, ...(kept ? [kept] : [])]);
  }
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max);
}
