import type { AffectEstimate, Emotion } from '@attune/protocol';
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { DiskGraphModel } from '../disk-graph-model';
import { estimateFrom, toCanonicalDistribution } from '../estimate';
import { squareAround, type PixelBox } from './boxes';

/** Output order of the grey FER2013 model, as human labels it (src/gear/emotion.ts). */
export const HUMAN_EMOTION_LABELS: readonly Emotion[] = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
];

// ITU-R BT.601 luma weights, the RGB-to-grey conversion human applies before this model.
const LUMA_WEIGHTS = [0.2989, 0.587, 0.114];

/**
 * Square crop around the detected box, as a multiple of its longer side. The model was trained on
 * tight FER2013 crops: on CK+48 faces in camera-like frames 1.1 beat 1.0 by 2 points and human's
 * 1.4 by 5 (README.md); wider crops only reached the synthetic frames' flat padding.
 */
export const DEFAULT_CROP_SCALE = 1.1;

export interface HumanEmotionOptions {
  /** Path of emotion.json. */
  modelPath: string;
  cropScale?: number;
}

export interface EmotionInput {
  /** RGB, `[height, width, 3]`, values 0..255. */
  image: tf.Tensor3D;
  /** Face boxes in image pixels. */
  faces: PixelBox[];
}

/**
 * Oarriaga's mini-Xception trained on FER2013 (64x64 grey), as shipped by @vladmandic/human.
 * Gives one face-modality AffectEstimate per face box, in the order of the boxes.
 */
export class HumanEmotionClassifier extends DiskGraphModel<EmotionInput, AffectEstimate[]> {
  static readonly ID = 'human-emotion';
  readonly cropScale: number;
  private inputSize = 0;

  constructor(options: HumanEmotionOptions) {
    super(HumanEmotionClassifier.ID, options.modelPath);
    this.cropScale = options.cropScale ?? DEFAULT_CROP_SCALE;
  }

  async predict({ image, faces }: EmotionInput): Promise<AffectEstimate[]> {
    const model = this.model;
    if (faces.length === 0) return [];
    const [height, width] = image.shape;
    // cropAndResize maps 0..1 onto the first..last pixel centre.
    const crops = faces
      .map((face) => squareAround(face, this.cropScale))
      .map((c) => [
        c.y / (height - 1),
        c.x / (width - 1),
        (c.y + c.height) / (height - 1),
        (c.x + c.width) / (width - 1),
      ]);
    const output = tf.tidy(() => {
      const batch = tf.image.cropAndResize(
        tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D,
        crops,
        faces.map(() => 0),
        [this.inputSize, this.inputSize],
      );
      const grey = tf.sum(tf.mul(tf.div(batch, 255), LUMA_WEIGHTS), 3, true);
      return model.execute(tf.mul(tf.sub(grey, 0.5), 2)) as tf.Tensor;
    });
    let probabilities: Float32Array | Int32Array | Uint8Array;
    try {
      probabilities = await output.data();
    } finally {
      output.dispose();
    }
    const classes = HUMAN_EMOTION_LABELS.length;
    if (probabilities.length !== faces.length * classes) {
      throw new Error(
        `emotion model gave ${probabilities.length} values for ${faces.length} faces x ${classes} classes`,
      );
    }
    return faces.map((_, i) =>
      estimateFrom(
        toCanonicalDistribution(probabilities.subarray(i * classes, (i + 1) * classes), HUMAN_EMOTION_LABELS),
        'face',
        this.id,
      ),
    );
  }

  async warmup(): Promise<void> {
    const model = this.model;
    tf.tidy(() => {
      model.execute(tf.zeros([1, this.inputSize, this.inputSize, 1]));
    });
  }

  protected prepared(model: GraphModel): void {
    const shape = model.inputs[0]?.shape;
    if (!shape || shape.length !== 4 || shape[3] !== 1 || shape[1] <= 0) {
      throw new Error(`expected a grey [n, size, size, 1] emotion model, got input ${JSON.stringify(shape)}`);
    }
    this.inputSize = shape[1];
  }
}
