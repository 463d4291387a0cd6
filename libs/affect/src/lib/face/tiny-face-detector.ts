import { detectTinyFaces, prepareTinyFaceWeights, TINY_FACE_STRIDE, type FaceDetection } from '@attune/face-net';
import type * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { faceApiModelsDir } from './face-api-weights';
import { warmupDetector, type FaceDetector } from './face-detector';
import { WeightMapModel } from './weight-map-model';

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
 * face-api's tiny face detector (a tiny-YOLOv2, built from its named weights by @attune/face-net,
 * which the browser's edge mode runs too). Fully convolutional, so it runs at any input that is a
 * multiple of 32; small inputs are what make it cheaper than BlazeFace's fixed 256.
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
    if (this.inputSize <= 0 || this.inputSize % TINY_FACE_STRIDE !== 0)
      throw new RangeError(`tiny face detector input must be a positive multiple of 32, got ${this.inputSize}`);
    this.minScore = options.minScore ?? 0.5;
    this.maxFaces = options.maxFaces ?? 5;
    this.iouThreshold = options.iouThreshold ?? 0.4;
  }

  async predict(image: tf.Tensor3D): Promise<FaceDetection[]> {
    return detectTinyFaces(image, this.weightMap, this);
  }

  warmup(): Promise<void> {
    return warmupDetector(this, this.inputSize);
  }

  /** Checks the weights and folds the input normalisation into conv0 (prepareTinyFaceWeights). */
  protected prepare(weights: tf.NamedTensorMap): tf.NamedTensorMap {
    return prepareTinyFaceWeights(weights);
  }
}
