import { z } from 'zod';

/** The canonical emotion space every modality maps into (ARCHITECTURE.md). */
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export const emotionSchema = z.enum(EMOTIONS);

export const MODALITIES = ['face', 'voice', 'text', 'fused'] as const;
export type Modality = (typeof MODALITIES)[number];

export type EmotionDistribution = Record<Emotion, number>;

export const distributionSchema = z.object(
  Object.fromEntries(EMOTIONS.map((e) => [e, z.number().min(0).max(1)])) as Record<Emotion, z.ZodNumber>,
);

/**
 * Circumplex coordinates (valence, arousal in [-1, 1]) of each category, after
 * Russell (1980) and the placements used by Warriner-style norms; used to turn a
 * categorical distribution into an expected valence/arousal point.
 */
export const CIRCUMPLEX: Record<Emotion, { valence: number; arousal: number }> = {
  angry: { valence: -0.6, arousal: 0.7 },
  disgust: { valence: -0.7, arousal: 0.3 },
  fear: { valence: -0.6, arousal: 0.6 },
  happy: { valence: 0.8, arousal: 0.5 },
  sad: { valence: -0.7, arousal: -0.4 },
  surprise: { valence: 0.2, arousal: 0.8 },
  neutral: { valence: 0, arousal: 0 },
};

/** One model's estimate of one moment, in the shared space. */
export const affectEstimateSchema = z.object({
  modality: z.enum(MODALITIES),
  distribution: distributionSchema,
  label: emotionSchema,
  confidence: z.number().min(0).max(1),
  valence: z.number().min(-1).max(1),
  arousal: z.number().min(-1).max(1),
  modelId: z.string(),
  timestamp: z.number(),
});
export type AffectEstimate = z.infer<typeof affectEstimateSchema>;

/** Expected circumplex point of a distribution. */
export function valenceArousalOf(distribution: EmotionDistribution): { valence: number; arousal: number } {
  let valence = 0;
  let arousal = 0;
  for (const e of EMOTIONS) {
    valence += distribution[e] * CIRCUMPLEX[e].valence;
    arousal += distribution[e] * CIRCUMPLEX[e].arousal;
  }
  return { valence, arousal };
}

/** Most probable category and its probability. */
export function topEmotion(distribution: EmotionDistribution): { label: Emotion; confidence: number } {
  let label: Emotion = 'neutral';
  let confidence = -1;
  for (const e of EMOTIONS) {
    if (distribution[e] > confidence) {
      label = e;
      confidence = distribution[e];
    }
  }
  return { label, confidence };
}
