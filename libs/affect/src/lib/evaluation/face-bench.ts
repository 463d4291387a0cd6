import * as tf from '@tensorflow/tfjs-core';
import type { FaceCropClassifier } from '../face/face-crop-classifier';
import type { FacePipeline } from '../face/face-pipeline';
import { latencyOf, timeRuns, type Latency } from './timing';

export interface ClassifierBench {
  model: string;
  /** Milliseconds per face, one crop per call. */
  batch1: Latency;
  /** Milliseconds per face, 16 crops per call (the call's time / 16). */
  batch16: Latency;
}

export interface PipelineBench {
  detector: string;
  classifier: string;
  frames: number;
  /** Frames where at least one face was found. */
  framesWithFace: number;
  total: Latency;
  decode: Latency;
  detect: Latency;
  classify: Latency;
}

/** Per-face latency of a loaded classifier on `runs` calls at batch 1 and at batch 16. */
export async function benchClassifier(classifier: FaceCropClassifier, runs: number): Promise<ClassifierBench> {
  const size = classifier.inputSize;
  // Random crops: timing does not depend on content, and no dataset is needed.
  const one = tf.randomUniform([1, size, size, 3], 0, 255) as tf.Tensor4D;
  const sixteen = tf.randomUniform([16, size, size, 3], 0, 255) as tf.Tensor4D;
  try {
    const batch1 = await timeRuns(() => classifier.classifyCrops(one), runs);
    const batch16 = await timeRuns(() => classifier.classifyCrops(sixteen), Math.max(3, Math.ceil(runs / 4)));
    return { model: classifier.id, batch1: latencyOf(batch1), batch16: latencyOf(batch16.map((ms) => ms / 16)) };
  } finally {
    tf.dispose([one, sixteen]);
  }
}

/** Whole-frame latency of a loaded pipeline over the frames (cycled to `runs`), with its parts. */
export async function benchPipeline(
  pipeline: FacePipeline,
  frames: Uint8Array[],
  runs: number,
): Promise<PipelineBench> {
  if (frames.length === 0) throw new Error('no frames to benchmark');
  for (const frame of frames.slice(0, 3)) await pipeline.analyzeImage(frame);
  const parts = { total: [] as number[], decode: [] as number[], detect: [] as number[], classify: [] as number[] };
  let framesWithFace = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const analysis = await pipeline.analyzeImage(frames[i % frames.length]);
    parts.total.push(performance.now() - started);
    if (analysis.error) throw new Error(analysis.error);
    parts.decode.push(analysis.timings.decodeMs);
    parts.detect.push(analysis.timings.detectMs);
    parts.classify.push(analysis.timings.classifyMs);
    if (analysis.faces.length > 0) framesWithFace++;
  }
  return {
    detector: pipeline.detector.id,
    classifier: pipeline.classifier.id,
    frames: runs,
    framesWithFace,
    total: latencyOf(parts.total),
    decode: latencyOf(parts.decode),
    detect: latencyOf(parts.detect),
    classify: latencyOf(parts.classify),
  };
}
