import * as tf from '@tensorflow/tfjs-core';

/*
 * The server's live face pipeline (libs/affect TinyFaceDetector + TrainedFaceClassifier), for the
 * browser: same weights, same input scaling, boxes, crops and preprocessing, so an estimate made
 * on the device matches the one the server would have made from the frame. libs/affect reads
 * weights from disk (Node only), so the forward pass is repeated here over fetched weights.
 */

// face-api's src/tinyFaceDetector/const.ts: anchor sizes in output cells, input mean.
const ANCHORS: Array<[number, number]> = [
  [1.603231, 2.094468],
  [6.041143, 7.080126],
  [2.882459, 3.518061],
  [4.266906, 5.178857],
  [9.041765, 10.66308],
];
const MEAN_RGB = [117.001, 114.697, 97.404];
const BOX_ENCODING = 5;
const STRIDE = 32;
const LUMA_WEIGHTS = [0.2989, 0.587, 0.114];

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Detection {
  pixels: PixelBox;
  score: number;
}

export interface DetectorSettings {
  inputSize: number;
  minScore: number;
  maxFaces: number;
  iouThreshold: number;
}

/** Faces in an RGB frame (`[h, w, 3]`, 0..255), best first. */
export async function detectFaces(
  image: tf.Tensor3D,
  weights: tf.NamedTensorMap,
  settings: DetectorSettings,
): Promise<Detection[]> {
  const [height, width] = image.shape;
  const { boxes, scores, toImage } = tf.tidy(() => {
    const fit = settings.inputSize / Math.max(width, height);
    const h = Math.round(height * fit);
    const w = Math.round(width * fit);
    const resized = tf.image.resizeBilinear(tf.cast(image, 'float32') as tf.Tensor3D, [h, w]);
    const padded = tf.pad(resized, [
      [0, Math.ceil(h / STRIDE) * STRIDE - h],
      [0, Math.ceil(w / STRIDE) * STRIDE - w],
      [0, 0],
    ]);
    const input = tf.expandDims(tf.div(tf.sub(padded, MEAN_RGB), 255), 0) as tf.Tensor4D;
    return { ...decode(forward(input, weights)), toImage: Math.max(width, height) / settings.inputSize };
  });
  try {
    const kept = await tf.image.nonMaxSuppressionAsync(
      boxes,
      scores,
      settings.maxFaces,
      settings.iouThreshold,
      settings.minScore,
    );
    try {
      const [indices, corners, probabilities] = await Promise.all([kept.data(), boxes.data(), scores.data()]);
      const found: Detection[] = [];
      for (const i of indices) {
        const x1 = clamp(corners[4 * i + 1] * toImage, width);
        const y1 = clamp(corners[4 * i] * toImage, height);
        const x2 = clamp(corners[4 * i + 3] * toImage, width);
        const y2 = clamp(corners[4 * i + 2] * toImage, height);
        if (x2 > x1 && y2 > y1)
          found.push({ pixels: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, score: probabilities[i] });
      }
      return found;
    } finally {
      kept.dispose();
    }
  } finally {
    tf.dispose([boxes, scores]);
  }
}

/**
 * Grey crops `[n, size, size, 1]` scaled 0..1 around the boxes, squared to `scale` x their longer
 * side (the trainer's `toModelInput`: BT.601 luma, bilinear, /255). Call inside tf.tidy.
 */
export function faceCrops(image: tf.Tensor3D, boxes: PixelBox[], scale: number, size: number): tf.Tensor4D {
  const [height, width] = image.shape;
  const regions = boxes.map((box) => {
    const side = Math.max(box.width, box.height) * scale;
    const x = box.x + box.width / 2 - side / 2;
    const y = box.y + box.height / 2 - side / 2;
    return [y / (height - 1), x / (width - 1), (y + side) / (height - 1), (x + side) / (width - 1)];
  });
  const crops = tf.image.cropAndResize(
    tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D,
    regions,
    boxes.map(() => 0),
    [size, size],
  );
  return tf.div(tf.sum(tf.mul(crops, LUMA_WEIGHTS), 3, true), 255) as tf.Tensor4D;
}

function decode(output: tf.Tensor4D): { boxes: tf.Tensor2D; scores: tf.Tensor1D } {
  const [, rows, cols] = output.shape;
  const encoded = tf.reshape(output, [-1, BOX_ENCODING]);
  const grid: number[][] = [];
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) for (const [w, h] of ANCHORS) grid.push([col, row, w, h]);
  const cells = tf.tensor2d(grid);
  const offsets = tf.sigmoid(tf.slice(encoded, [0, 0], [-1, 2]));
  const centres = tf.mul(tf.add(tf.slice(cells, [0, 0], [-1, 2]), offsets), STRIDE);
  const sizes = tf.mul(tf.mul(tf.exp(tf.slice(encoded, [0, 2], [-1, 2])), tf.slice(cells, [0, 2], [-1, 2])), STRIDE);
  const half = tf.div(sizes, 2);
  return {
    boxes: tf.concat([tf.reverse(tf.sub(centres, half), 1), tf.reverse(tf.add(centres, half), 1)], 1) as tf.Tensor2D,
    scores: tf.reshape(tf.sigmoid(tf.slice(encoded, [0, 4], [-1, 1])), [-1]),
  };
}

function forward(input: tf.Tensor4D, w: tf.NamedTensorMap): tf.Tensor4D {
  let out = leaky(tf.add(tf.conv2d(input, w['conv0/filters'] as tf.Tensor4D, 1, 'valid'), w['conv0/bias']));
  for (let i = 1; i <= 5; i++) {
    out = tf.maxPool(out, 2, 2, 'same');
    const padded = tf.pad(out, [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    const conv = tf.separableConv2d(
      padded,
      w[`conv${i}/depthwise_filter`] as tf.Tensor4D,
      w[`conv${i}/pointwise_filter`] as tf.Tensor4D,
      1,
      'valid',
    );
    out = leaky(tf.add(conv, w[`conv${i}/bias`]));
  }
  out = tf.maxPool(out, 2, 1, 'same');
  return tf.add(tf.conv2d(out, w['conv8/filters'] as tf.Tensor4D, 1, 'valid'), w['conv8/bias']) as tf.Tensor4D;
}

function leaky(x: tf.Tensor): tf.Tensor4D {
  return tf.leakyRelu(x, 0.1) as tf.Tensor4D;
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max);
}

/** Every weight the forward pass reads, so a wrong file fails at load rather than at the first frame. */
export const DETECTOR_WEIGHTS = [
  'conv0/filters',
  'conv0/bias',
  ...[1, 2, 3, 4, 5].flatMap((i) => [`conv${i}/depthwise_filter`, `conv${i}/pointwise_filter`, `conv${i}/bias`]),
  'conv8/filters',
  'conv8/bias',
];
