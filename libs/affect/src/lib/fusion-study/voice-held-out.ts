import { EMODB_CLASSES, emoDbToCanonical } from '../voice/emodb-labels';
import { loadEmoDb, type VoiceSample } from '../voice/emodb';
import { fitStandardiser, standardise } from '../voice/standardiser';
import { softmaxProbabilities, trainSoftmax } from '../text/softmax-regression';
import type { SparseVector } from '../text/text-features';
import { topEmotion, type Emotion } from '@attune/protocol';
import type { HeldOutSet } from './held-out';

export const VOICE_STAND_IN_ID = 'voice-loso-softmax-standin';

/**
 * Leave-one-speaker-out predictions of a STAND-IN voice model: multinomial logistic regression
 * (L2) on the standardised utterance vectors of @attune/audio-features, one fold per EmoDB
 * speaker, the standardiser fitted on the training speakers only. Used until the voice model's
 * own held-out predictions are available; the study labels it as such.
 */
export async function voiceStandInHeldOut(
  emodbDir: string,
  l2 = 1e-2,
  onProgress?: (done: number, total: number) => void,
): Promise<HeldOutSet> {
  const samples = (await loadEmoDb(emodbDir, onProgress)).filter(
    (s): s is VoiceSample & { features: Float32Array } => s.features !== null,
  );
  const speakers = [...new Set(samples.map((s) => s.speaker))].sort();
  const predictions: HeldOutSet['predictions'] = [];
  for (const speaker of speakers) {
    const train = samples.filter((s) => s.speaker !== speaker);
    const test = samples.filter((s) => s.speaker === speaker);
    const standardiser = fitStandardiser(train.map((s) => s.features));
    const dense = (f: Float32Array): SparseVector => {
      const z = standardise(f, standardiser);
      return { indices: Array.from(z, (_, i) => i), values: Array.from(z) };
    };
    const model = trainSoftmax(
      train.map((s) => dense(s.features)),
      train.map((s) => s.classIndex),
      EMODB_CLASSES.length,
      standardiser.mean.length,
      { l2, maxIterations: 200, tolerance: 1e-6, memory: 10 },
    );
    for (const s of test) {
      const distribution = emoDbToCanonical(softmaxProbabilities(model, dense(s.features)));
      const label = canonicalLabel(s.label);
      if (label) predictions.push({ label, distribution, confidence: topEmotion(distribution).confidence });
    }
  }
  return {
    modality: 'voice',
    modelId: VOICE_STAND_IN_ID,
    source: `EmoDB, leave-one-speaker-out over ${speakers.length} speakers (${samples.length} voiced utterances); stand-in softmax regression on @attune/audio-features utterance vectors, NOT the voice team's model`,
    predictions,
  };
}

/** EmoDB classes with one canonical counterpart; boredom (split neutral/sad) has no single true label. */
function canonicalLabel(label: (typeof EMODB_CLASSES)[number]): Emotion | null {
  const map: Partial<Record<(typeof EMODB_CLASSES)[number], Emotion>> = {
    anger: 'angry',
    disgust: 'disgust',
    fear: 'fear',
    happiness: 'happy',
    sadness: 'sad',
    neutral: 'neutral',
  };
  return map[label] ?? null;
}
