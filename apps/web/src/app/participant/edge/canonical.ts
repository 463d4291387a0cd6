import { EMOTIONS, type EmotionDistribution } from '@attune/protocol';

/** A face model's probabilities as the canonical distribution (CK+ contempt folds into disgust, as on the server). */
export function canonical(probabilities: readonly number[], labels: readonly string[]): EmotionDistribution {
  const mass = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionDistribution;
  labels.forEach((label, i) => {
    const emotion = (label === 'contempt' ? 'disgust' : label) as keyof EmotionDistribution;
    if (emotion in mass) mass[emotion] += Math.max(0, probabilities[i] ?? 0);
  });
  const total = EMOTIONS.reduce((sum, e) => sum + mass[e], 0);
  for (const e of EMOTIONS) mass[e] = total > 0 ? mass[e] / total : 1 / EMOTIONS.length;
  return mass;
}
