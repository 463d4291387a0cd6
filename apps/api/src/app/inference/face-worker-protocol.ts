import type { CropAnalysis, CropImage, FaceAnalysis, ModelStatus } from '@attune/affect';
import type { AppConfig } from '../config/app-config';

/** What a face worker needs to build the live pipeline. */
export type FaceWorkerSettings = Pick<AppConfig, 'modelsDir' | 'faceModelLive' | 'faceModelUpload'>;

export type FaceTask = { id: number; kind: 'frame'; image: Uint8Array } | { id: number; kind: 'crops'; images: CropImage[] };

export type FaceWorkerMessage =
  | { kind: 'ready'; statuses: ModelStatus[] }
  | { kind: 'frame'; id: number; analysis: FaceAnalysis }
  | { kind: 'crops'; id: number; crops: CropAnalysis[] }
  | { kind: 'failed'; id: number; message: string; invalidImage: boolean };
