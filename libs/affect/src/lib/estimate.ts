import {
  EMOTIONS,
  topEmotion,
  valenceArousalOf,
  type AffectEstimate,
  type Emotion,
  type EmotionDistribution,
  type Modality,
} from '@attune/protocol';

/**
 * Maps a model's class probabilities, given in the model's own label order, into the canonical
 * distribution. Every canonical emotion must be among the labels; the result sums to 1.
 */
export function toCanonicalDistribution(
  probabilities: ArrayLike<number>,
  labels: readonly Emotion[],
): EmotionDistribution {
  const index = (emotion: Emotion): number => {
    const i = labels.indexOf(emotion);
    if (i < 0) throw new Error(`model labels lack the canonical emotion ${emotion}`);
    return i;
  };
  const raw = EMOTIONS.map((emotion) => Math.max(0, probabilities[index(emotion)]));
  const total = raw.reduce((sum, p) => sum + p, 0);
  const normalised = raw.map((p) => (total > 0 ? p / total : 1 / EMOTIONS.length));
  return Object.fromEntries(EMOTIONS.map((emotion, i) => [emotion, normalised[i]])) as EmotionDistribution;
}

/** An AffectEstimate for this moment from a canonical distribution. */
export function estimateFrom(distribution: EmotionDistribution, modality: Modality, modelId: string): AffectEstimate {
  return {
    modality,
    distribution,
    ...topEmotion(distribution),
    ...valenceArousalOf(distribution),
    modelId,
    timestamp: Date.now(),
  };
}
