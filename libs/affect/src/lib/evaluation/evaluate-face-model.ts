import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { chooseBackend } from '../backend';
import type { FaceCropClassifier, FaceLabel } from '../face/face-crop-classifier';
import type { FaceEvalData, LabelledImage } from './face-eval-data';
import { classificationReport, type ClassificationReport } from './metrics';

/** The report `attune eval face` prints: metrics on the labels model and dataset share. */
export interface FaceEvaluation extends ClassificationReport {
  model: string;
  dataset: string;
  split?: string;
  /** Dataset classes the model cannot output; their images are left out. */
  excludedLabels: FaceLabel[];
  /** Model outputs with no counterpart in the dataset; predictions are taken among the shared labels only. */
  ignoredModelLabels: FaceLabel[];
  /** Images in the evaluated folder, before excluding classes. */
  imagesInFolder: number;
  /**
   * Accuracy when the prediction is the argmax over all of the model's outputs, so an ignored
   * label (e.g. neutral on CK+48) counts as an error: the stricter reading of the same run.
   */
  openSetAccuracy: number;
}

export interface EvaluateOptions {
  /** Crops per classifyCrops call; 64 by default. */
  batchSize?: number;
  /** Called after each batch with the number of images done so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs a loaded classifier on a dataset's crops as they are (no detection) and scores it on the
 * labels it shares with the dataset: images of other classes are dropped, and its prediction is
 * the most probable shared label, so a model is not penalised for a class the data lacks.
 */
export async function evaluateFaceModel(
  classifier: FaceCropClassifier,
  data: FaceEvalData,
  options: EvaluateOptions = {},
): Promise<FaceEvaluation> {
  const batchSize = options.batchSize ?? 64;
  await chooseBackend();
  const shared = data.labels.filter((label) => classifier.labels.includes(label));
  if (shared.length === 0) throw new Error(`model ${classifier.id} shares no label with ${data.dataset}`);
  const outputColumns = shared.map((label) => classifier.labels.indexOf(label));
  const samples = data.samples.filter((s) => shared.includes(s.label));
  const actual: number[] = [];
  const predicted: number[] = [];
  let openSetCorrect = 0;
  for (let start = 0; start < samples.length; start += batchSize) {
    const batch = samples.slice(start, start + batchSize);
    const crops = await readCrops(batch);
    try {
      const rows = await classifier.classifyCrops(crops);
      rows.forEach((row, i) => {
        actual.push(shared.indexOf(batch[i].label));
        predicted.push(argmax(outputColumns.map((column) => row[column])));
        if (classifier.labels[argmax(row)] === batch[i].label) openSetCorrect++;
      });
    } finally {
      crops.dispose();
    }
    options.onProgress?.(Math.min(start + batchSize, samples.length), samples.length);
  }
  return {
    model: classifier.id,
    dataset: data.dataset,
    ...(data.split ? { split: data.split } : {}),
    ...classificationReport(shared, actual, predicted),
    excludedLabels: data.labels.filter((label) => !shared.includes(label)),
    ignoredModelLabels: classifier.labels.filter((label) => !shared.includes(label)),
    imagesInFolder: data.samples.length,
    openSetAccuracy: samples.length > 0 ? openSetCorrect / samples.length : 0,
  };
}

/** Grey crops `[n, h, w, 1]` (0..255) at the first image's size; the public sets are 48x48 already. */
async function readCrops(batch: LabelledImage[]): Promise<tf.Tensor4D> {
  let size: { width: number; height: number } | undefined;
  const pixels: Uint8Array[] = [];
  for (const sample of batch) {
    let image = sharp(await readFile(sample.path)).greyscale();
    if (size) image = image.resize(size.width, size.height, { fit: 'fill' });
    const { data, info } = await image
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch((error: Error) => {
        throw new Error(`cannot decode ${sample.path}: ${error.message}`);
      });
    size ??= { width: info.width, height: info.height };
    // greyscale() can leave a grey+alpha or a 3-channel buffer for some inputs: keep the first channel.
    pixels.push(info.channels === 1 ? data : data.filter((_, i) => i % info.channels === 0));
  }
  const { width, height } = size as { width: number; height: number };
  const flat = new Float32Array(batch.length * width * height);
  pixels.forEach((p, i) => flat.set(p, i * width * height));
  return tf.tensor4d(flat, [batch.length, height, width, 1]);
}

function argmax(values: number[]): number {
  return values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
}
