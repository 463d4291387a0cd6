import type { LabelledText } from '../text/dair';
import type { TextEmotionModel } from '../text/text-emotion-model';
import type { Emotion } from '@attune/protocol';
import type { HeldOutSet } from './held-out';

/**
 * The text model on dair val. Only joy stands for happy here: love also maps to happy in the live
 * estimate, but as a study label it would mix two dair classes.
 */
export function textHeldOut(model: TextEmotionModel, samples: readonly LabelledText[], source: string): HeldOutSet {
  const truth: Partial<Record<LabelledText['label'], Emotion>> = {
    sadness: 'sad',
    joy: 'happy',
    anger: 'angry',
    fear: 'fear',
    surprise: 'surprise',
  };
  const predictions = samples.flatMap((s) => {
    const label = truth[s.label];
    if (!label) return [];
    const { estimate } = model.analyze(s.text, 0);
    return [{ label, distribution: estimate.distribution, confidence: estimate.confidence }];
  });
  return { modality: 'text', modelId: model.id, source, predictions };
}
