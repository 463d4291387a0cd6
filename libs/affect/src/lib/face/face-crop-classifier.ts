import type { Emotion } from '@attune/protocol';
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelStatus } from '../model';

/** What a face classifier can output: the canonical emotions plus dataset extras (CK+ contempt). */
export type FaceLabel = Emotion | 'contempt';

/**
 * The one contract every face-expression model implements (pretrained anchors and Attune's
 * own trained models): it classifies face crops that someone else found and cut out.
 * The live pipeline feeds it detector crops; evaluation feeds it dataset crops directly.
 */
export interface FaceCropClassifier {
  readonly id: string;
  /** Output order of `classifyCrops` rows. */
  readonly labels: readonly FaceLabel[];
  /** Side of the square crop the model wants; callers may pass any size, it is resized. */
  readonly inputSize: number;
  load(): Promise<void>;
  warmup(): Promise<void>;
  dispose(): void;
  status(): ModelStatus;
  /**
   * Probabilities over `labels`, one row per crop (rows sum to 1).
   * @param crops `[n, h, w, 1 | 3]`, float32 values 0..255; not disposed by the classifier.
   */
  classifyCrops(crops: tf.Tensor4D): Promise<number[][]>;
}
