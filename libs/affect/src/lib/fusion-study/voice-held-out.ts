import { topEmotion, type Emotion } from '@attune/protocol';
import { emoDbToCanonical, type EmoDbClass } from '../voice/emodb-labels';
import type { VoiceSample } from '../voice/emodb';
import type { FoldResult } from '../voice/voice-model-metadata';
import { crossValidateBySpeaker, type VoiceTrainingOptions } from '../voice/voice-training';
import type { HeldOutPrediction, HeldOutSet } from './held-out';

/**
 * Leave-one-speaker-out predictions of the voice model's own recipe (`DEFAULT_VOICE_TRAINING`,
 * what `attune train voice` fits into models/voice-emodb): each utterance is predicted from its
 * whole-utterance vector by the model trained on the other speakers, mapped into the canonical
 * emotions the way the live model maps them (boredom 60% neutral / 40% sad).
 */
export async function voiceHeldOut(
  samples: readonly VoiceSample[],
  options: Partial<VoiceTrainingOptions> = {},
  onFold?: (fold: FoldResult) => void,
): Promise<{ set: HeldOutSet; evaluation: Awaited<ReturnType<typeof crossValidateBySpeaker>> }> {
  const predictions: HeldOutPrediction[] = [];
  const evaluation = await crossValidateBySpeaker(samples, options, onFold, (sample, probabilities) => {
    const label = canonicalLabel(sample.label);
    if (!probabilities || !label) return;
    const distribution = emoDbToCanonical(probabilities);
    predictions.push({
      label,
      distribution,
      confidence: topEmotion(distribution).confidence,
      id: sample.file.split(/[\\/]/).pop(),
    });
  });
  return {
    set: {
      modality: 'voice',
      modelId: 'voice-emodb',
      source: `EmoDB, ${evaluation.protocol}, ${evaluation.n} voiced utterances; the voice-emodb recipe retrained per fold, whole-utterance vectors`,
      predictions,
    },
    evaluation,
  };
}

/** EmoDB classes with one canonical counterpart; boredom (split neutral/sad) has no single true label. */
function canonicalLabel(label: EmoDbClass): Emotion | null {
  const map: Partial<Record<EmoDbClass, Emotion>> = {
    anger: 'angry',
    disgust: 'disgust',
    fear: 'fear',
    happiness: 'happy',
    sadness: 'sad',
    neutral: 'neutral',
  };
  return map[label] ?? null;
}
