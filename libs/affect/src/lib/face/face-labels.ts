import { EMOTIONS, type EmotionDistribution } from '@attune/protocol';
import type { FaceLabel } from './face-crop-classifier';

/**
 * A face model's probabilities, in its own label order, as a canonical distribution. A model may
 * lack canonical labels (CK+ has no neutral): those get 0. CK+ contempt has no canonical category;
 * it is folded into disgust, its nearest neighbour in the circumplex (negative, mildly aroused).
 */
export function toFaceDistribution(
  probabilities: readonly number[],
  labels: readonly FaceLabel[],
): EmotionDistribution {
  const mass = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0])) as EmotionDistribution;
  labels.forEach((label, i) => {
    const emotion = label === 'contempt' ? 'disgust' : label;
    mass[emotion] += Math.max(0, probabilities[i] ?? 0);
  });
  const total = EMOTIONS.reduce((sum, emotion) => sum + mass[emotion], 0);
  for (const emotion of EMOTIONS) mass[emotion] = total > 0 ? mass[emotion] / total : 1 / EMOTIONS.length;
  return mass;
}
