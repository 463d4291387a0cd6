import * as tf from '@tensorflow/tfjs-core';
import { fitPadded, suppress, type FaceDetection, type SuppressionOptions } from './detection';
import { weight } from './weights';

// face-api's src/tinyFaceDetector/const.ts: anchor sizes in output cells, input mean.
const ANCHORS: Array<[number, number]> = [
  [1.603231, 2.094468],
  [6.041143, 7.080126],
  [2.882459, 3.518061],
  [4.266906, 5.178857],
  [9.041765, 10.66308],
];
const MEAN_RGB = [117.001, 114.697, 97.404];
// Per anchor: centre x, y offsets, log width, height, objectness (one class: no class scores).
const BOX_ENCODING = 5;
/** face-api's leaky ReLU slope. */
const LEAKY_ALPHA = 0.1;
const SEPARABLE_LAYERS = [1, 2, 3, 4, 5];

/** The network's total stride: an input of s pixels gives an s/32 x s/32 grid. */
export const TINY_FACE_STRIDE = 32;

export interface TinyFaceSettings extends SuppressionOptions {
  /** Longer side the image is scaled to, a multiple of TINY_FACE_STRIDE. */
  inputSize: number;
}

/**
 * face-api's tiny face detector weights (`tiny_face_detector_model*`) made ready for
 * `detectTinyFaces`: every weight the forward pass reads is checked, so a wrong file fails here
 * rather than at the first frame, and face-api's input normalisation, `(rgb - MEAN_RGB) / 255`, is
 * folded into the first convolution, so the forward pass takes raw pixels (two whole-input ops
 * fewer, ~0.7 ms at 224). Exact, padding included: conv0 is unpadded, and the frame's padding is
 * black pixels either way. The two conv0 tensors it replaces are disposed.
 */
export function prepareTinyFaceWeights(weights: tf.NamedTensorMap): tf.NamedTensorMap {
  const filters = weight(weights, 'conv0/filters', 4);
  const bias = weight(weights, 'conv0/bias', 1);
  for (const i of SEPARABLE_LAYERS) {
    weight(weights, `conv${i}/depthwise_filter`, 4);
    weight(weights, `conv${i}/pointwise_filter`, 4);
    weight(weights, `conv${i}/bias`, 1);
  }
  weight(weights, 'conv8/bias', 1);
  const head = weight(weights, 'conv8/filters', 4);
  if (head.shape[3] !== ANCHORS.length * BOX_ENCODING)
    throw new Error(`conv8 has ${head.shape[3]} outputs, expected ${ANCHORS.length * BOX_ENCODING}`);
  const folded = tf.tidy(() => ({
    // conv(W, (x - m) / 255) + b = conv(W / 255, x) + (b - sum over kernel and input channel of W m / 255).
    'conv0/filters': tf.div(filters, 255),
    'conv0/bias': tf.sub(bias, tf.div(tf.sum(tf.mul(filters, tf.reshape(MEAN_RGB, [1, 1, 3, 1])), [0, 1, 2]), 255)),
  }));
  tf.dispose([filters, bias]);
  return { ...weights, ...folded };
}

/**
 * Faces in an RGB frame (`[height, width, 3]`, 0..255), best first, by face-api's tiny face
 * detector over weights from `prepareTinyFaceWeights`: a tiny-YOLOv2 over depthwise separable
 * convolutions with leaky ReLU (face-api's src/tinyYolov2/TinyYolov2Base.ts `runMobilenet`).
 * Fully convolutional, so it runs at any input that is a multiple of 32. Leaks no tensor.
 */
export async function detectTinyFaces(
  image: tf.Tensor3D,
  weights: tf.NamedTensorMap,
  settings: TinyFaceSettings,
): Promise<FaceDetection[]> {
  const [height, width] = image.shape;
  const { boxes, scores, toImage } = tf.tidy(() => {
    // Not padded to a square, unlike face-api: a 640x480 frame runs as 224x192, not 224x224.
    const { padded, toImage } = fitPadded(image, settings.inputSize, TINY_FACE_STRIDE);
    // Raw 0..255 pixels: the normalisation is folded into conv0.
    const input = tf.expandDims(padded, 0) as tf.Tensor4D;
    return { ...decode(forward(input, weights)), toImage };
  });
  return suppress(boxes, scores, settings, toImage, [height, width]);
}

/** YOLOv2 box decoding: corners `[y1, x1, y2, x2]` in input pixels, objectness per cell and anchor. */
function decode(output: tf.Tensor4D): { boxes: tf.Tensor2D; scores: tf.Tensor1D } {
  const [, rows, cols] = output.shape;
  const encoded = tf.reshape(output, [-1, BOX_ENCODING]);
  // Small (rows x cols x 5 anchors) and rebuilt per call, so the caller holds no tensor beyond the weights.
  const grid = tf.tensor2d(gridOf(rows, cols));
  const offsets = tf.sigmoid(tf.slice(encoded, [0, 0], [-1, 2]));
  const centres = tf.mul(tf.add(tf.slice(grid, [0, 0], [-1, 2]), offsets), TINY_FACE_STRIDE);
  const sizes = tf.mul(
    tf.mul(tf.exp(tf.slice(encoded, [0, 2], [-1, 2])), tf.slice(grid, [0, 2], [-1, 2])),
    TINY_FACE_STRIDE,
  );
  const half = tf.div(sizes, 2);
  return {
    boxes: tf.concat([tf.reverse(tf.sub(centres, half), 1), tf.reverse(tf.add(centres, half), 1)], 1) as tf.Tensor2D,
    scores: tf.reshape(tf.sigmoid(tf.slice(encoded, [0, 4], [-1, 1])), [-1]),
  };
}

/** Per grid cell and anchor, in output order: column, row, anchor width, anchor height (in cells). */
function gridOf(rows: number, cols: number): number[][] {
  const grid: number[][] = [];
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) for (const [w, h] of ANCHORS) grid.push([col, row, w, h]);
  return grid;
}

function forward(input: tf.Tensor4D, weights: tf.NamedTensorMap): tf.Tensor4D {
  let out = tf.fused.conv2d({
    x: input,
    filter: weight(weights, 'conv0/filters', 4),
    strides: 1,
    pad: 'valid',
    bias: weight(weights, 'conv0/bias', 1),
    activation: 'leakyrelu',
    leakyreluAlpha: LEAKY_ALPHA,
  });
  for (const i of SEPARABLE_LAYERS) {
    out = tf.maxPool(out, 2, 2, 'same');
    out = separable(out, weights, `conv${i}`);
  }
  out = tf.maxPool(out, 2, 1, 'same');
  return tf.fused.conv2d({
    x: out,
    filter: weight(weights, 'conv8/filters', 4),
    strides: 1,
    pad: 'valid',
    bias: weight(weights, 'conv8/bias', 1),
  });
}

/**
 * Zero-padded ("same") 3x3 depthwise separable convolution plus bias, then leaky ReLU (face-api's
 * tinyYolov2 variant), as a depthwise and a pointwise convolution with bias and activation fused in.
 */
function separable(x: tf.Tensor4D, weights: tf.NamedTensorMap, prefix: string): tf.Tensor4D {
  const depthwise = tf.depthwiseConv2d(x, weight(weights, `${prefix}/depthwise_filter`, 4), 1, 'same');
  return tf.fused.conv2d({
    x: depthwise,
    filter: weight(weights, `${prefix}/pointwise_filter`, 4),
    strides: 1,
    pad: 'valid',
    bias: weight(weights, `${prefix}/bias`, 1),
    activation: 'leakyrelu',
    leakyreluAlpha: LEAKY_ALPHA,
  });
}
