import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { faceApiModelsDir, weight } from './face-api-weights';
import { fitPadded, suppress, warmupDetector, type FaceDetection, type FaceDetector } from './face-detector';
import { WeightMapModel } from './weight-map-model';

// face-api's src/tinyFaceDetector/const.ts: anchor sizes in output cells, input mean, overlap.
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
// The network's total stride: an input of s pixels gives an s/32 x s/32 grid.
const STRIDE = 32;
/** face-api's leaky ReLU slope. */
const LEAKY_ALPHA = 0.1;

export interface TinyFaceDetectorOptions {
  /** Path of tiny_face_detector_model-weights_manifest.json; face-api's own by default. */
  manifestPath?: string;
  /** Longer side the image is scaled to, a multiple of 32; 224 by default (README.md: speed and recall). */
  inputSize?: number;
  /** Detections scoring lower are dropped; 0.5 by default (face-api's). */
  minScore?: number;
  /** At most this many faces are returned; 5 by default. */
  maxFaces?: number;
  /** Overlap above which non-max suppression keeps only the better box; 0.4 by default (face-api's). */
  iouThreshold?: number;
}

/**
 * face-api's tiny face detector, built here from its named weights: a tiny-YOLOv2 over depthwise
 * separable convolutions with leaky ReLU (src/tinyYolov2/TinyYolov2Base.ts `runMobilenet`).
 * Fully convolutional, so it runs at any input that is a multiple of 32; small inputs are what
 * make it cheaper than BlazeFace's fixed 256.
 */
export class TinyFaceDetector extends WeightMapModel implements FaceDetector {
  static readonly ID = 'tiny-face-detector';
  readonly inputSize: number;
  // Its boxes run ~20% wider than the face (they include hair and chin); 0.9 gave face-api's net
  // its best CK+48 accuracy at input 224.
  readonly cropScale = 0.9;
  readonly minScore: number;
  readonly maxFaces: number;
  readonly iouThreshold: number;

  constructor(options: TinyFaceDetectorOptions = {}) {
    const inputSize = options.inputSize ?? 224;
    // The size is part of the id: the same weights at two sizes are two detectors to compare.
    super(
      `${TinyFaceDetector.ID}-${inputSize}`,
      options.manifestPath ?? join(faceApiModelsDir(), 'tiny_face_detector_model-weights_manifest.json'),
    );
    this.inputSize = inputSize;
    if (this.inputSize <= 0 || this.inputSize % STRIDE !== 0)
      throw new RangeError(`tiny face detector input must be a positive multiple of 32, got ${this.inputSize}`);
    this.minScore = options.minScore ?? 0.5;
    this.maxFaces = options.maxFaces ?? 5;
    this.iouThreshold = options.iouThreshold ?? 0.4;
  }

  async predict(image: tf.Tensor3D): Promise<FaceDetection[]> {
    const weights = this.weightMap;
    const [height, width] = image.shape;
    const { boxes, scores, toImage } = tf.tidy(() => {
      // Not padded to a square, unlike face-api: a 640x480 frame runs as 224x192, not 224x224.
      const { padded, toImage } = fitPadded(image, this.inputSize, STRIDE);
      // Raw 0..255 pixels: the normalisation is folded into conv0 (prepare).
      const input = tf.expandDims(padded, 0) as tf.Tensor4D;
      return { ...this.decode(forward(input, weights)), toImage };
    });
    return suppress(boxes, scores, this, toImage, [height, width]);
  }

  warmup(): Promise<void> {
    return warmupDetector(this, this.inputSize);
  }

  /**
   * Checks the weights, and folds face-api's input normalisation, `(rgb - MEAN_RGB) / 255`, into
   * the first convolution, so the forward pass takes raw pixels (two whole-input ops fewer, ~0.7 ms
   * at 224). Exact, padding included: conv0 is unpadded, and the frame's padding is black pixels
   * either way.
   */
  protected prepare(weights: tf.NamedTensorMap): tf.NamedTensorMap {
    const filters = weight(weights, 'conv0/filters', 4);
    const bias = weight(weights, 'conv0/bias', 1);
    for (let i = 1; i <= 5; i++) weight(weights, `conv${i}/pointwise_filter`, 4);
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

  /** YOLOv2 box decoding: corners `[y1, x1, y2, x2]` in input pixels, objectness per cell and anchor. */
  private decode(output: tf.Tensor4D): { boxes: tf.Tensor2D; scores: tf.Tensor1D } {
    const [, rows, cols] = output.shape;
    const encoded = tf.reshape(output, [-1, BOX_ENCODING]);
    // Small (rows x cols x 5 anchors) and rebuilt per call, so the model holds no tensor beyond its weights.
    const grid = tf.tensor2d(gridOf(rows, cols));
    const offsets = tf.sigmoid(tf.slice(encoded, [0, 0], [-1, 2]));
    const centres = tf.mul(tf.add(tf.slice(grid, [0, 0], [-1, 2]), offsets), STRIDE);
    const sizes = tf.mul(tf.mul(tf.exp(tf.slice(encoded, [0, 2], [-1, 2])), tf.slice(grid, [0, 2], [-1, 2])), STRIDE);
    const half = tf.div(sizes, 2);
    return {
      boxes: tf.concat([tf.reverse(tf.sub(centres, half), 1), tf.reverse(tf.add(centres, half), 1)], 1) as tf.Tensor2D,
      scores: tf.reshape(tf.sigmoid(tf.slice(encoded, [0, 4], [-1, 1])), [-1]),
    };
  }
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
  for (let i = 1; i <= 5; i++) {
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
