import { fitCrops, weight } from '@attune/face-net';
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import type { FaceCropClassifier, FaceLabel } from './face-crop-classifier';
import { faceApiModelsDir } from './face-api-weights';
import { probabilityRows } from './probabilities';
import { WeightMapModel } from './weight-map-model';

/** Output order of face-api's expression net (src/faceExpressionNet/FaceExpressions.ts), in canonical names. */
export const FACE_API_EXPRESSION_LABELS: readonly FaceLabel[] = [
  'neutral',
  'happy',
  'sad',
  'angry',
  'fear',
  'disgust',
  'surprise',
];

// face-api's FaceFeatureExtractor: 112x112 RGB minus this mean, divided by 255.
const INPUT_SIZE = 112;
const MEAN_RGB = [122.782, 117.001, 104.298];
const BLOCKS = ['dense0', 'dense1', 'dense2', 'dense3'] as const;

export interface FaceApiExpressionOptions {
  /** Path of face_expression_model-weights_manifest.json; face-api's own by default. */
  manifestPath?: string;
}

/**
 * @vladmandic/face-api's expression net, built here from its named weights: four "dense blocks"
 * of (separable) convolutions with residual sums, a 7x7 average pool and a fully connected
 * layer over 7 expressions (src/faceFeatureExtractor/, src/faceExpressionNet/).
 */
export class FaceApiExpressionClassifier extends WeightMapModel implements FaceCropClassifier {
  static readonly ID = 'face-api-expression';
  readonly labels = FACE_API_EXPRESSION_LABELS;
  readonly inputSize = INPUT_SIZE;

  constructor(options: FaceApiExpressionOptions = {}) {
    super(
      FaceApiExpressionClassifier.ID,
      options.manifestPath ?? join(faceApiModelsDir(), 'face_expression_model-weights_manifest.json'),
    );
  }

  async classifyCrops(crops: tf.Tensor4D): Promise<number[][]> {
    const weights = this.weightMap;
    if (crops.shape[0] === 0) return [];
    const output = tf.tidy(() => {
      const input = tf.div(tf.sub(fitCrops(crops, INPUT_SIZE, 3), MEAN_RGB), 255) as tf.Tensor4D;
      let features = BLOCKS.reduce((x, block, i) => denseBlock(x, weights, block, i === 0), input);
      features = tf.avgPool(features, [7, 7], [2, 2], 'valid');
      const flat = tf.reshape(features, [crops.shape[0], -1]) as tf.Tensor2D;
      const logits = tf.add(tf.matMul(flat, weight(weights, 'fc/weights', 2)), weight(weights, 'fc/bias', 1));
      return tf.softmax(logits);
    });
    try {
      return await probabilityRows(output, this.labels.length);
    } finally {
      output.dispose();
    }
  }

  async warmup(): Promise<void> {
    const blank = tf.zeros([1, INPUT_SIZE, INPUT_SIZE, 3]) as tf.Tensor4D;
    try {
      await this.classifyCrops(blank);
    } finally {
      blank.dispose();
    }
  }

  protected prepare(weights: tf.NamedTensorMap): tf.NamedTensorMap {
    weight(weights, 'dense0/conv0/filters', 4);
    for (const block of BLOCKS)
      for (let conv = block === 'dense0' ? 1 : 0; conv < 4; conv++)
        weight(weights, `${block}/conv${conv}/pointwise_filter`, 4);
    const fc = weight(weights, 'fc/weights', 2);
    if (fc.shape[1] !== this.labels.length) throw new Error(`fc/weights has ${fc.shape[1]} outputs, expected 7`);
    return weights;
  }
}

/**
 * Four convolutions, the first halving the resolution, each later one fed the ReLU of the sum of
 * all earlier outputs (face-api's denseBlock4); the first block starts with a full convolution.
 */
function denseBlock(x: tf.Tensor4D, weights: tf.NamedTensorMap, block: string, first: boolean): tf.Tensor4D {
  const out1 = tf.relu(
    first
      ? tf.add(tf.conv2d(x, weight(weights, `${block}/conv0/filters`, 4), 2, 'same'), weights[`${block}/conv0/bias`])
      : separable(x, weights, `${block}/conv0`, 2),
  ) as tf.Tensor4D;
  const out2 = separable(out1, weights, `${block}/conv1`, 1);
  const out3 = separable(tf.relu(tf.add(out1, out2)), weights, `${block}/conv2`, 1);
  const out4 = separable(tf.relu(tf.add(tf.add(out1, out2), out3)), weights, `${block}/conv3`, 1);
  return tf.relu(tf.add(tf.add(tf.add(out1, out2), out3), out4)) as tf.Tensor4D;
}

function separable(x: tf.Tensor, weights: tf.NamedTensorMap, prefix: string, stride: 1 | 2): tf.Tensor4D {
  const out = tf.separableConv2d(
    x as tf.Tensor4D,
    weight(weights, `${prefix}/depthwise_filter`, 4),
    weight(weights, `${prefix}/pointwise_filter`, 4),
    stride,
    'same',
  );
  return tf.add(out, weight(weights, `${prefix}/bias`, 1));
}
