import {
  EMOTIONS,
  topEmotion,
  valenceArousalOf,
  type AffectEstimate,
  type EmotionDistribution,
} from '@attune/protocol';
import { DAIR_TO_CANONICAL, type DairLabel } from './dair';
import type { AfinnScore } from './afinn';
import { classifyText, type TrainedTextClassifier } from './train-text-model';

/** Everything the text model says about one message; `estimate` is what fusion and the socket use. */
export interface TextAnalysis {
  estimate: AffectEstimate;
  /** Class probabilities over the model's own (dair) labels, for evaluation and explanations. */
  classProbabilities: Record<string, number>;
  tokens: number;
  knownTokens: number;
  afinn: AfinnScore;
}

/**
 * The weight of AFINN in valence grows with the number of AFINN words found, up to
 * `AFINN_VALENCE_WEIGHT`: w = 0.5 * hits / (hits + 1). The rest comes from the class distribution
 * through the circumplex (`valenceArousalOf`). AFINN has no arousal, so arousal is circumplex only.
 */
export const AFINN_VALENCE_WEIGHT = 0.5;

/**
 * dair's labels come from hashtags and ignore negation, so the classifier reads "i am not happy"
 * as joy. When the negation-aware AFINN valence clearly contradicts the class valence, the
 * estimate keeps its label but loses this share of its confidence and gives AFINN half the valence.
 */
export const CONFLICT_DAMPING = 0.5;

/** Probability of having read the message right given k known words: 1 - 0.5^k (1 word 0.5, 3 words 0.875). */
export function evidenceOf(knownTokens: number): number {
  return 1 - Math.pow(0.5, knownTokens);
}

/** Turns a trained classifier's output into the shared `AffectEstimate` (modality 'text'). */
export function analyzeText(
  model: TrainedTextClassifier,
  modelId: string,
  text: string,
  timestamp = Date.now(),
): TextAnalysis {
  const features = model.featurizer.featurize(text);
  const { afinn, tokens, knownTokens } = features;
  if (knownTokens === 0) {
    // Nothing readable: an even distribution with zero confidence, so fusion ignores it.
    const even = Object.fromEntries(EMOTIONS.map((e) => [e, 1 / EMOTIONS.length])) as EmotionDistribution;
    const classProbabilities = Object.fromEntries(model.labels.map((l) => [l, 1 / model.labels.length]));
    return {
      estimate: {
        modality: 'text',
        distribution: even,
        label: 'neutral',
        confidence: 0,
        valence: 0,
        arousal: 0,
        modelId,
        timestamp,
      },
      classProbabilities,
      tokens,
      knownTokens,
      afinn,
    };
  }
  const probabilities = classifyText(model, text);
  const distribution = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionDistribution;
  model.labels.forEach((label, i) => {
    distribution[DAIR_TO_CANONICAL[label as DairLabel]] += probabilities[i];
  });
  const top = topEmotion(distribution);
  const circumplex = valenceArousalOf(distribution);
  const conflict = Math.abs(afinn.valence) > 0.15 && Math.sign(afinn.valence) !== Math.sign(circumplex.valence);
  const w = conflict ? AFINN_VALENCE_WEIGHT : (AFINN_VALENCE_WEIGHT * afinn.hits) / (afinn.hits + 1);
  const valence = clamp((1 - w) * circumplex.valence + w * afinn.valence);
  return {
    estimate: {
      modality: 'text',
      distribution,
      label: top.label,
      confidence: top.confidence * evidenceOf(knownTokens) * (conflict ? 1 - CONFLICT_DAMPING : 1),
      valence,
      arousal: clamp(circumplex.arousal),
      modelId,
      timestamp,
    },
    classProbabilities: Object.fromEntries(model.labels.map((l, i) => [l, probabilities[i]])),
    tokens,
    knownTokens,
    afinn,
  };
}

function clamp(x: number): number {
  return Math.max(-1, Math.min(1, x));
}
