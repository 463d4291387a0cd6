/**
 * Measures the face pipeline on CK+48 faces pasted into 640x480 camera-like frames: load and
 * per-frame times on the active backend, detection rate, and 6-class accuracy per emotion crop
 * scale (how DEFAULT_CROP_SCALE was chosen). Usage: see README.md.
 */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  BlazeFaceDetector,
  composeFrame,
  decodeImage,
  FacePipeline,
  HumanEmotionClassifier,
  humanModelsDir,
} from '../src';

const CKPLUS = join(
  resolve(
    process.env['DATASETS_DIR'] ??
      join(__dirname, '../../../../shared/datasets'),
  ),
  'ckplus48',
);
const CROP_SCALES = [1.0, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.4];
const TIMED_FRAMES = 100;
// CK+ contempt has no canonical counterpart, so it counts for detection only.
const CANONICAL: Record<string, string> = {
  anger: 'angry',
  disgust: 'disgust',
  fear: 'fear',
  happy: 'happy',
  sadness: 'sad',
  surprise: 'surprise',
};

interface Frame {
  cls: string;
  bytes: Buffer;
}

async function loadFrames(): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const cls of readdirSync(CKPLUS).sort()) {
    for (const file of readdirSync(join(CKPLUS, cls)).sort()) {
      frames.push({
        cls,
        bytes: await composeFrame(await readFile(join(CKPLUS, cls, file))),
      });
    }
  }
  return frames;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** The first load in the process, so it includes initialising the backend. */
async function timePipeline(frames: Frame[]): Promise<void> {
  const loadStarted = performance.now();
  const pipeline = new FacePipeline();
  await pipeline.load();
  const loadMs = performance.now() - loadStarted;
  const warmupStarted = performance.now();
  await pipeline.warmup();
  const warmupMs = performance.now() - warmupStarted;

  const total: number[] = [];
  const parts = { decodeMs: 0, detectMs: 0, classifyMs: 0 };
  for (const frame of frames.slice(0, TIMED_FRAMES)) {
    const started = performance.now();
    const { timings } = await pipeline.analyzeImage(frame.bytes);
    total.push(performance.now() - started);
    for (const key of Object.keys(parts) as Array<keyof typeof parts>)
      parts[key] += timings[key] / TIMED_FRAMES;
  }
  pipeline.dispose();
  console.log(
    `backend ${tf.getBackend()}: load ${loadMs.toFixed(0)} ms, warmup ${warmupMs.toFixed(0)} ms; ` +
      `per 640x480 JPEG frame: median ${percentile(total, 0.5).toFixed(1)} ms, p95 ${percentile(total, 0.95).toFixed(1)} ms ` +
      `(decode ${parts.decodeMs.toFixed(1)}, detect ${parts.detectMs.toFixed(1)}, classify ${parts.classifyMs.toFixed(1)})`,
  );
}

async function sweepCropScales(frames: Frame[]): Promise<void> {
  const detector = new BlazeFaceDetector({
    modelPath: join(humanModelsDir(), 'blazeface.json'),
  });
  const classifiers = CROP_SCALES.map(
    (cropScale) =>
      new HumanEmotionClassifier({
        modelPath: join(humanModelsDir(), 'emotion.json'),
        cropScale,
      }),
  );
  await Promise.all([detector, ...classifiers].map((model) => model.load()));

  let detected = 0;
  let labelled = 0;
  const correct = CROP_SCALES.map(() => 0);
  for (const frame of frames) {
    const decoded = await decodeImage(frame.bytes);
    const image = tf.tensor3d(
      decoded.data,
      [decoded.height, decoded.width, 3],
      'float32',
    );
    const [face] = await detector.predict(image);
    const truth = CANONICAL[frame.cls];
    if (face) detected++;
    if (face && truth) {
      labelled++;
      for (const [i, classifier] of classifiers.entries()) {
        const [estimate] = await classifier.predict({
          image,
          faces: [face.pixels],
        });
        if (estimate.label === truth) correct[i]++;
      }
    }
    image.dispose();
  }
  console.log(
    `detection: ${detected}/${frames.length} frames (${((100 * detected) / frames.length).toFixed(1)}%)`,
  );
  console.log(
    `6-class accuracy by crop scale (${labelled} frames): ` +
      CROP_SCALES.map(
        (scale, i) =>
          `${scale.toFixed(2)}: ${((100 * correct[i]) / labelled).toFixed(1)}%`,
      ).join(', '),
  );
}

async function main(): Promise<void> {
  if (!existsSync(CKPLUS))
    throw new Error(`CK+48 not found at ${CKPLUS}; set DATASETS_DIR`);
  const frames = await loadFrames();
  await timePipeline(frames);
  await sweepCropScales(frames);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
