import type { AffectEstimate, FaceBox } from '@attune/protocol';
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { errorMessage } from '../error-message';
import { decodeImage } from '../image';
import type { ModelStatus } from '../model';
import { ModelRegistry } from '../registry';
import { BlazeFaceDetector } from './blazeface-detector';
import { humanModelsDir } from './human-models';
import { HumanEmotionClassifier } from './human-emotion-classifier';

export interface FacePipelineOptions {
  /** Directory with blazeface.json and emotion.json and their .bin files; @vladmandic/human's models/ by default. */
  modelsDir?: string;
  /** Emotion crop around each detected box, as a multiple of its longer side; DEFAULT_CROP_SCALE by default. */
  cropScale?: number;
  /** Faces the detector scores lower are ignored; 0.5 by default. */
  minFaceScore?: number;
  /** At most this many faces per image; 5 by default. */
  maxFaces?: number;
}

export interface AnalyzedFace {
  box: FaceBox;
  /** Detector confidence 0..1. */
  score: number;
  estimate: AffectEstimate;
}

/** Serialisable result of one image; `error` is set when a model failed, `faces` is then empty. */
export interface FaceAnalysis {
  width: number;
  height: number;
  /** Largest first. */
  faces: AnalyzedFace[];
  timings: { decodeMs: number; detectMs: number; classifyMs: number };
  error?: string;
}

/** Image bytes -> faces (BlazeFace) -> one emotion estimate per face (human's FER2013 model). */
export class FacePipeline {
  private readonly detector: BlazeFaceDetector;
  private readonly classifier: HumanEmotionClassifier;
  private readonly registry: ModelRegistry;

  constructor(options: FacePipelineOptions = {}) {
    const modelsDir = options.modelsDir ?? humanModelsDir();
    this.detector = new BlazeFaceDetector({
      modelPath: join(modelsDir, 'blazeface.json'),
      minScore: options.minFaceScore,
      maxFaces: options.maxFaces,
    });
    this.classifier = new HumanEmotionClassifier({
      modelPath: join(modelsDir, 'emotion.json'),
      cropScale: options.cropScale,
    });
    this.registry = new ModelRegistry([this.detector, this.classifier]);
  }

  /** Loads both models in parallel; never rejects: failures show in the returned statuses. */
  load(): Promise<ModelStatus[]> {
    return this.registry.loadAll();
  }

  warmup(): Promise<void> {
    return this.registry.warmupAll();
  }

  status(): ModelStatus[] {
    return this.registry.status();
  }

  dispose(): void {
    this.registry.disposeAll();
  }

  /**
   * Finds the faces in a JPEG/PNG/... image and estimates each one's emotion. Throws
   * InvalidImageError when the bytes are not a decodable image; model failures are reported
   * in `error`.
   */
  async analyzeImage(bytes: Uint8Array): Promise<FaceAnalysis> {
    const started = performance.now();
    const decoded = await decodeImage(bytes);
    const analysis: FaceAnalysis = {
      width: decoded.width,
      height: decoded.height,
      faces: [],
      timings: {
        decodeMs: performance.now() - started,
        detectMs: 0,
        classifyMs: 0,
      },
    };
    if (!this.registry.allLoaded()) {
      const problems = this.status().map((s) => `${s.id}: ${s.error ?? (s.loaded ? 'loaded' : 'not loaded')}`);
      return {
        ...analysis,
        error: `face models unavailable (${problems.join('; ')})`,
      };
    }
    const image = tf.tensor3d(decoded.data, [decoded.height, decoded.width, 3], 'float32');
    try {
      const detecting = performance.now();
      const detections = await this.detector.predict(image);
      const classifying = performance.now();
      analysis.timings.detectMs = classifying - detecting;
      const estimates = await this.classifier.predict({
        image,
        faces: detections.map((d) => d.pixels),
      });
      analysis.timings.classifyMs = performance.now() - classifying;
      analysis.faces = detections
        .map((d, i) => ({ box: d.box, score: d.score, estimate: estimates[i] }))
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      return analysis;
    } catch (error) {
      return {
        ...analysis,
        error: `face inference failed: ${errorMessage(error)}`,
      };
    } finally {
      image.dispose();
    }
  }
}
