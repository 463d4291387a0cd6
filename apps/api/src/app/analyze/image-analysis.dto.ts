import type { EmotionDistribution, FaceBox } from '@attune/protocol';

/** One face in an uploaded image. */
export interface AnalyzedFaceDto {
  /** Normalised 0..1 to the image. */
  box: FaceBox;
  /** The same box in image pixels. */
  pixels: { x: number; y: number; width: number; height: number };
  /** Detector confidence 0..1. */
  score: number;
  label: string;
  confidence: number;
  distribution: EmotionDistribution;
  valence: number;
  arousal: number;
}

/** `POST /api/analyze/image` answer: every face found, largest first. */
export interface ImageAnalysisDto {
  width: number;
  height: number;
  type: 'jpeg' | 'png';
  models: { detector: string; classifier: string };
  faces: AnalyzedFaceDto[];
  timings: { decodeMs: number; detectMs: number; classifyMs: number };
}
