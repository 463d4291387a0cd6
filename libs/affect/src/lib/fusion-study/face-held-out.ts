import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { topEmotion, type Emotion } from '@attune/protocol';
import type { LabelledImage } from '../evaluation/face-eval-data';
import type { FaceCropClassifier } from '../face/face-crop-classifier';
import { toFaceDistribution } from '../face/face-labels';
import type { HeldOutSet } from './held-out';

/** A face classifier's predictions on dataset crops it was not trained on (e.g. FER2013 validation). */
export async function faceHeldOut(
  classifier: FaceCropClassifier,
  samples: readonly LabelledImage[],
  source: string,
  onProgress?: (done: number, total: number) => void,
): Promise<HeldOutSet> {
  const predictions: HeldOutSet['predictions'] = [];
  const batchSize = 64;
  for (let start = 0; start < samples.length; start += batchSize) {
    const batch = samples.slice(start, start + batchSize);
    const crops = await greyCrops(batch, classifier.inputSize);
    try {
      const rows = await classifier.classifyCrops(crops);
      rows.forEach((row, i) => {
        const distribution = toFaceDistribution(row, classifier.labels);
        const label = batch[i].label;
        if (label !== 'contempt')
          predictions.push({ label: label as Emotion, distribution, confidence: topEmotion(distribution).confidence });
      });
    } finally {
      crops.dispose();
    }
    onProgress?.(Math.min(start + batchSize, samples.length), samples.length);
  }
  return { modality: 'face', modelId: classifier.id, source, predictions };
}

async function greyCrops(batch: readonly LabelledImage[], size: number): Promise<tf.Tensor4D> {
  const flat = new Float32Array(batch.length * size * size);
  await Promise.all(
    batch.map(async (sample, i) => {
      const data = await sharp(await readFile(sample.path))
        .greyscale()
        .resize(size, size, { fit: 'fill' })
        .toColourspace('b-w')
        .raw()
        .toBuffer();
      flat.set(Uint8Array.from(data.subarray(0, size * size)), i * size * size);
    }),
  );
  return tf.tensor4d(flat, [batch.length, size, size, 1]);
}
