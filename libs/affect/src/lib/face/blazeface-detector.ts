import { fitSquare, suppress, type FaceDetection } from '@attune/face-net';
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { DiskGraphModel } from '../disk-graph-model';
import { anchorCentres, anchorCount, blazeFaceLayers } from './blazeface-anchors';
import { humanModelsDir } from './human-models';
import { warmupDetector, type FaceDetector } from './face-detector';

export interface BlazeFaceOptions {
  /** Path of blazeface.json; human's own by default. */
  modelPath?: string;
  /** Detections scoring lower are dropped; 0.5 by default. */
  minScore?: number;
  /** At most this many faces are returned; 5 by default. */
  maxFaces?: number;
  /** Overlap above which non-max suppression keeps only the better box; 0.3 by default. */
  iouThreshold?: number;
}

// Per anchor: box centre offset x, y and size w, h in input pixels, then 6 landmarks (x, y).
const REGRESSOR_CHANNELS = 16;

/**
 * MediaPipe BlazeFace as shipped (converted) by @vladmandic/human: finds faces in an RGB image
 * tensor (`[height, width, 3]`, values 0..255). Anchor decoding follows human's
 * src/face/blazeface.ts; the image is padded to a square rather than stretched.
 */
export class BlazeFaceDetector extends DiskGraphModel<tf.Tensor3D, FaceDetection[]> implements FaceDetector {
  static readonly ID = 'blazeface';
  // Its boxes hug the face; 1.1 beat 1.0 and human's 1.4 on CK+48 frames (README.md).
  readonly cropScale = 1.1;
  readonly minScore: number;
  readonly maxFaces: number;
  readonly iouThreshold: number;
  private inputSize = 0;
  private layerSizes: number[] = [];
  private anchors: tf.Tensor2D | null = null;

  constructor(options: BlazeFaceOptions = {}) {
    super(BlazeFaceDetector.ID, options.modelPath ?? join(humanModelsDir(), 'blazeface.json'));
    this.minScore = options.minScore ?? 0.5;
    this.maxFaces = options.maxFaces ?? 5;
    this.iouThreshold = options.iouThreshold ?? 0.3;
  }

  /** Detections in descending score order. */
  async predict(image: tf.Tensor3D): Promise<FaceDetection[]> {
    const model = this.model;
    const [height, width] = image.shape;
    const { boxes, scores, toImage } = tf.tidy(() => this.decode(model, image));
    return suppress(boxes, scores, this, toImage, [height, width]);
  }

  warmup(): Promise<void> {
    return warmupDetector(this, this.inputSize);
  }

  protected prepared(model: GraphModel): void {
    const size = model.inputs[0]?.shape?.[1];
    if (!size || size <= 0)
      throw new Error(`BlazeFace model has no fixed input size: ${JSON.stringify(model.inputs[0]?.shape)}`);
    const layers = blazeFaceLayers(size);
    this.inputSize = size;
    this.layerSizes = layers.map((layer) => anchorCount(size, layer));
    this.anchors = tf.tensor2d(anchorCentres(size, layers));
  }

  protected override released(): void {
    this.anchors?.dispose();
    this.anchors = null;
  }

  /** Box corners `[y1, x1, y2, x2]` in input pixels (the order NMS expects) and face scores, per anchor. */
  private decode(model: GraphModel, image: tf.Tensor3D): { boxes: tf.Tensor2D; scores: tf.Tensor1D; toImage: number } {
    // Padded to a square rather than stretched, keeping faces' proportions.
    const { square, toImage } = fitSquare(image, this.inputSize);
    // -1..1, the range human feeds this model.
    const input = tf.expandDims(tf.sub(tf.div(square, 127.5), 1), 0);
    const outputs = model.execute(input) as tf.Tensor[];
    const regressors = this.perAnchor(outputs, REGRESSOR_CHANNELS);
    const logits = this.perAnchor(outputs, 1);
    const centres = tf.add(tf.slice(regressors, [0, 0], [-1, 2]), this.anchors as tf.Tensor2D);
    const halfSizes = tf.div(tf.slice(regressors, [0, 2], [-1, 2]), 2);
    const topLeft = tf.reverse(tf.sub(centres, halfSizes), 1);
    const bottomRight = tf.reverse(tf.add(centres, halfSizes), 1);
    return {
      boxes: tf.concat([topLeft, bottomRight], 1) as tf.Tensor2D,
      scores: tf.reshape(tf.sigmoid(logits), [-1]),
      toImage,
    };
  }

  /**
   * The converted model returns each layer's scores and regressors as separate outputs, in no
   * documented order; they are told apart by shape and stacked in anchor order.
   */
  private perAnchor(outputs: tf.Tensor[], channels: number): tf.Tensor2D {
    const parts = this.layerSizes.map((anchors) => {
      const output = outputs.find((t) => t.rank === 3 && t.shape[1] === anchors && t.shape[2] === channels);
      if (!output)
        throw new Error(
          `BlazeFace has no [1, ${anchors}, ${channels}] output; got ${outputs.map((t) => `[${t.shape}]`).join(' ')}`,
        );
      return tf.squeeze(output, [0]) as tf.Tensor2D;
    });
    return tf.concat(parts, 0);
  }
}
