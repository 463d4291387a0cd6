import { EMOTIONS, type Emotion, type EmotionDistribution } from '@attune/protocol';

/** One held-out sample of one modality: its true label and what the model said about it. */
export interface HeldOutPrediction {
  label: Emotion;
  distribution: EmotionDistribution;
  confidence: number;
  /** Which sample (e.g. its file name), for tracing a prediction back. */
  id?: string;
}

/** Predictions of one model on data it was not trained on. */
export interface HeldOutSet {
  modality: 'face' | 'voice' | 'text';
  modelId: string;
  /** Where the samples come from and how they were held out (for the report). */
  source: string;
  predictions: HeldOutPrediction[];
}

/**
 * The distribution restricted to `labels` and renormalised (zero elsewhere), so every modality
 * chooses among the classes the study can score; even when the model put no mass there.
 */
export function restrictTo(distribution: EmotionDistribution, labels: readonly Emotion[]): EmotionDistribution {
  const total = labels.reduce((s, e) => s + distribution[e], 0);
  return Object.fromEntries(
    EMOTIONS.map((e) => [e, labels.includes(e) ? (total > 0 ? distribution[e] / total : 1 / labels.length) : 0]),
  ) as EmotionDistribution;
}
