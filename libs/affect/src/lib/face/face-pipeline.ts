import { cropFaces } from '@attune/face-net';
import type { AffectEstimate, FaceBox } from '@attune/protocol';
import * as tf from '@tensorflow/tfjs-core';
import { errorMessage } from '../error-message';
import { estimateFrom } from '../estimate';
import { decodeGreySquare, decodeImage, InvalidImageError } from '../image';
import type { ModelStatus } from '../model';
import { ModelRegistry } from '../registry';
import { BlazeFaceDetector } from './blazeface-detector';
import type { FaceCropClassifier } from './face-crop-classifier';
import type { FaceDetector } from './face-detector';
import { toFaceDistribution } from './face-labels';
import { HumanEmotionClassifier } from './human-emotion-classifier';

export interface FacePipelineOptions {
  /**
   * BlazeFaceDetector by default: it finds small faces and faces that fill the whole image (a
   * dataset crop); the live server passes the faster TinyFaceDetector (README.md: speed, recall).
   */
  detector?: FaceDetector;
  /** HumanEmotionClassifier by default. */
  classifier?: FaceCropClassifier;
  /**
   * Crop around each detected box, as a multiple of its longer side; the detector's tight-crop
   * scale by default. The expression models were trained on tight crops: human's default 1.4
   * costs ~15 points on CK+48.
   */
  cropScale?: number;
}

export interface AnalyzedFace {
  box: FaceBox;
  /** The same box in image pixels. */
  pixels: { x: number; y: number; width: number; height: number };
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

/** A face crop a client cut out: an encoded image (JPEG, PNG, ...) or `side` x `side` raw grey bytes. */
export type CropImage = { kind: 'encoded'; bytes: Uint8Array } | { kind: 'grey'; side: number; bytes: Uint8Array };

/** One face crop's result: its estimate, or why it could not be used. */
export type CropAnalysis = { estimate: AffectEstimate } | { error: string; invalidImage: boolean };

/** Image bytes -> faces (a detector) -> one emotion estimate per face (any FaceCropClassifier). */
export class FacePipeline {
  readonly detector: FaceDetector;
  readonly classifier: FaceCropClassifier;
  readonly cropScale: number;
  private readonly registry: ModelRegistry;

  constructor(options: FacePipelineOptions = {}) {
    this.detector = options.detector ?? new BlazeFaceDetector();
    this.classifier = options.classifier ?? new HumanEmotionClassifier();
    this.cropScale = options.cropScale ?? this.detector.cropScale;
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
   * Classifies face crops that a client's detector already cut out (no detection here), in one
   * batch, as grey images of the classifier's input size. An unusable crop gets its own error
   * and does not spoil the batch.
   */
  async analyzeCrops(images: CropImage[]): Promise<CropAnalysis[]> {
    const size = this.classifier.inputSize;
    const pixels = await Promise.all(images.map((image) => greyPixels(image, size)));
    const results: CropAnalysis[] = pixels.map((p) =>
      p instanceof InvalidImageError ? { error: p.message, invalidImage: true } : { error: '', invalidImage: false },
    );
    const usable = pixels.flatMap((p, index) => (p instanceof InvalidImageError ? [] : [{ p, index }]));
    if (usable.length === 0) return results;
    if (!this.classifier.status().loaded) {
      for (const { index } of usable)
        results[index] = { error: `face model ${this.classifier.id} unavailable`, invalidImage: false };
      return results;
    }
    const batch = tf.tidy(() =>
      tf.concat(
        usable.map(({ p }) =>
          tf.image.resizeBilinear(tf.tensor4d(p.data, [1, p.side, p.side, 1], 'float32'), [size, size]),
        ),
      ),
    ) as tf.Tensor4D;
    try {
      const rows = await this.classifier.classifyCrops(batch);
      usable.forEach(({ index }, i) => {
        results[index] = {
          estimate: estimateFrom(toFaceDistribution(rows[i], this.classifier.labels), 'face', this.classifier.id),
        };
      });
    } catch (error) {
      for (const { index } of usable)
        results[index] = { error: `face inference failed: ${errorMessage(error)}`, invalidImage: false };
    } finally {
      batch.dispose();
    }
    return results;
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
      timings: { decodeMs: performance.now() - started, detectMs: 0, classifyMs: 0 },
    };
    if (!this.registry.allLoaded()) {
      const problems = this.status().map((s) => `${s.id}: ${s.error ?? (s.loaded ? 'loaded' : 'not loaded')}`);
      return { ...analysis, error: `face models unavailable (${problems.join('; ')})` };
    }
    const image = tf.tensor3d(decoded.data, [decoded.height, decoded.width, 3], 'float32');
    let crops: tf.Tensor4D | undefined;
    try {
      const detecting = performance.now();
      const detections = await this.detector.predict(image);
      const classifying = performance.now();
      analysis.timings.detectMs = classifying - detecting;
      let rows: number[][] = [];
      if (detections.length > 0) {
        const boxes = detections.map((d) => d.pixels);
        crops = cropFaces(image, boxes, this.cropScale, this.classifier.inputSize);
        rows = await this.classifier.classifyCrops(crops);
      }
      analysis.timings.classifyMs = performance.now() - classifying;
      analysis.faces = detections
        .map((d, i) => ({
          box: d.box,
          pixels: d.pixels,
          score: d.score,
          estimate: estimateFrom(toFaceDistribution(rows[i], this.classifier.labels), 'face', this.classifier.id),
        }))
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      return analysis;
    } catch (error) {
      return { ...analysis, error: `face inference failed: ${errorMessage(error)}` };
    } finally {
      image.dispose();
      crops?.dispose();
    }
  }
}

/** A crop's grey pixels (0..255) with their side; encoded images are decoded straight to `size`. */
async function greyPixels(
  image: CropImage,
  size: number,
): Promise<{ data: Float32Array; side: number } | InvalidImageError> {
  if (image.kind === 'grey') {
    if (!Number.isInteger(image.side) || image.side < 8 || image.bytes.byteLength !== image.side * image.side) {
      return new InvalidImageError(
        `a grey crop of side ${image.side} must be ${image.side * image.side} bytes, got ${image.bytes.byteLength}`,
      );
    }
    return { data: Float32Array.from(image.bytes), side: image.side };
  }
  try {
    return { data: Float32Array.from(await decodeGreySquare(image.bytes, size)), side: size };
  } catch (error) {
    if (error instanceof InvalidImageError) return error;
    throw error;
  }
}
