import { fitCrops } from '@attune/face-net';
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { join } from 'node:path';
import { DiskGraphModel } from '../disk-graph-model';
import type { FaceCropClassifier, FaceLabel } from './face-crop-classifier';
import { humanModelsDir } from './human-models';
import { probabilityRows } from './probabilities';

/** Output order of the grey FER2013 model, as human labels it (src/gear/emotion.ts). */
export const HUMAN_EMOTION_LABELS: readonly FaceLabel[] = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
];

const INPUT_SIZE = 64;

export interface HumanEmotionOptions {
  /** Path of emotion.json; human's own by default. */
  modelPath?: string;
}

/**
 * Oarriaga's mini-Xception trained on FER2013 (64x64 grey), as shipped by @vladmandic/human,
 * with human's preprocessing (BT.601 grey, scaled to -1..1).
 */
export class HumanEmotionClassifier extends DiskGraphModel<tf.Tensor4D, number[][]> implements FaceCropClassifier {
  static readonly ID = 'human-emotion';
  readonly labels = HUMAN_EMOTION_LABELS;
  readonly inputSize = INPUT_SIZE;

  constructor(options: HumanEmotionOptions = {}) {
    super(HumanEmotionClassifier.ID, options.modelPath ?? join(humanModelsDir(), 'emotion.json'));
  }

  classifyCrops(crops: tf.Tensor4D): Promise<number[][]> {
    return this.predict(crops);
  }

  async predict(crops: tf.Tensor4D): Promise<number[][]> {
    const model = this.model;
    if (crops.shape[0] === 0) return [];
    const output = tf.tidy(() => {
      const grey = fitCrops(crops, INPUT_SIZE, 1);
      return model.execute(tf.sub(tf.div(grey, 127.5), 1)) as tf.Tensor;
    });
    try {
      return await probabilityRows(output, this.labels.length);
    } finally {
      output.dispose();
    }
  }

  async warmup(): Promise<void> {
    const blank = tf.zeros([1, INPUT_SIZE, INPUT_SIZE, 1]) as tf.Tensor4D;
    try {
      await this.predict(blank);
    } finally {
      blank.dispose();
    }
  }

  protected prepared(model: GraphModel): void {
    const shape = model.inputs[0]?.shape;
    if (!shape || shape.length !== 4 || shape[3] !== 1 || shape[1] !== INPUT_SIZE) {
      throw new Error(`expected a grey [n, 64, 64, 1] emotion model, got input ${JSON.stringify(shape)}`);
    }
  }
}
