import type { FaceLabel } from './face-crop-classifier';

/**
 * `models/<id>/metadata.json` of an Attune-trained face model: the contract between training,
 * the runtime (TrainedFaceClassifier) and evaluation. A single model has `model.json` + weights
 * beside it; an ensemble lists `members` (ids of sibling folders) instead.
 */
export interface TrainedModelMetadata {
  id: string;
  architecture: string;
  /** Output order of the model's softmax. */
  labels: FaceLabel[];
  inputSize: number;
  channels: 1;
  /** How pixels become model input, in words (see PREPROCESSING). */
  preprocessing: string;
  dataset: 'fer2013' | 'ckplus48';
  /** The split the metrics were measured on. */
  protocol: string;
  /** Measured figures only: validation or cross-validation results and how far training got. */
  metrics: Record<string, unknown>;
  trainedAt: string;
  /** The training config (experiments/face/<file>.json) as parsed, defaults filled in. */
  config: Record<string, unknown>;
  /** Ensemble: member model ids whose probabilities are averaged. */
  members?: string[];
  /** Also average each crop's left-right mirror (test-time augmentation). */
  tta?: boolean;
}
