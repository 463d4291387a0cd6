import { EMOTIONS, type Emotion, type EmotionDistribution } from '@attune/protocol';

/** The seven EmoDB classes, in the voice model's output order. */
export const EMODB_CLASSES = ['anger', 'boredom', 'disgust', 'fear', 'happiness', 'sadness', 'neutral'] as const;
export type EmoDbClass = (typeof EMODB_CLASSES)[number];

/** The 6th character of an EmoDB file name (German initials: Wut, Langeweile, Ekel, Angst, Freude, Trauer, Neutral). */
export const EMODB_CODES: Record<string, EmoDbClass> = {
  W: 'anger',
  L: 'boredom',
  E: 'disgust',
  A: 'fear',
  F: 'happiness',
  T: 'sadness',
  N: 'neutral',
};

/**
 * Each EmoDB class as a distribution over the canonical emotions. Six are one-to-one.
 *
 * Boredom has no canonical category. It is low-arousal and mildly unpleasant (Russell's
 * circumplex places "bored" between "tired" and "sad", well short of sadness in displeasure),
 * so it is split 60% neutral / 40% sad: its circumplex point becomes valence -0.28, arousal
 * -0.16 — below neutral on both axes but far from a sad person's. Mapping it wholly to sad
 * would tell the recommender that a bored listener is distressed; wholly to neutral would
 * throw away the low arousal the voice clearly carries.
 */
export const EMODB_TO_CANONICAL: Record<EmoDbClass, Partial<Record<Emotion, number>>> = {
  anger: { angry: 1 },
  boredom: { neutral: 0.6, sad: 0.4 },
  disgust: { disgust: 1 },
  fear: { fear: 1 },
  happiness: { happy: 1 },
  sadness: { sad: 1 },
  neutral: { neutral: 1 },
};

/** The canonical distribution of a probability vector over `EMODB_CLASSES`. */
export function emoDbToCanonical(probabilities: ArrayLike<number>): EmotionDistribution {
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionDistribution;
  let total = 0;
  EMODB_CLASSES.forEach((cls, i) => {
    const p = Math.max(0, probabilities[i] ?? 0);
    total += p;
    for (const [emotion, share] of Object.entries(EMODB_TO_CANONICAL[cls]) as [Emotion, number][])
      out[emotion] += p * share;
  });
  if (total > 0) for (const e of EMOTIONS) out[e] = Math.min(1, out[e] / total);
  return out;
}

/** Speaker, text and class of an EmoDB file name such as `03a01Fa.wav`; null for other names. */
export function parseEmoDbName(fileName: string): { speaker: string; text: string; label: EmoDbClass } | null {
  const match = /^(\d\d)([a-z]\d\d)([A-Z])[a-z]?\.wav$/i.exec(fileName.split(/[\\/]/).pop() ?? '');
  const label = match ? EMODB_CODES[match[3]] : undefined;
  return match && label ? { speaker: match[1], text: match[2], label } : null;
}
