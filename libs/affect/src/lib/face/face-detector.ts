import type { FaceDetection } from '@attune/face-net';
import * as tf from '@tensorflow/tfjs-core';
import type { InferenceModel } from '../model';

/** Finds faces in an RGB image tensor (`[height, width, 3]`, values 0..255); detections best first. */
export interface FaceDetector extends InferenceModel<tf.Tensor3D, FaceDetection[]> {
  /**
   * The crop scale (multiple of the box's longer side) that turns this detector's boxes into
   * tight face crops, the framing the expression models were trained on; measured on CK+48
   * frames (README.md).
   */
  readonly cropScale: number;
}

/** Runs a blank `size` x `size` image through a detector, so its first real frame is not the slow one. */
export async function warmupDetector(detector: FaceDetector, size: number): Promise<void> {
  const blank = tf.zeros([size, size, 3]) as tf.Tensor3D;
  try {
    await detector.predict(blank);
  } finally {
    blank.dispose();
  }
}
