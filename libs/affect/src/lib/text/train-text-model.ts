import { DAIR_LABELS, type LabelledText } from './dair';
import {
  softmaxProbabilities,
  trainSoftmax,
  type SoftmaxTrainingOptions,
  type SoftmaxWeights,
} from './softmax-regression';
import { TextAnalyzer, TextFeaturizer, type TextFeatureConfig } from './text-features';
import type { NrcLexicon } from './nrc-lexicon';

/** How class losses are weighted: none, inverse frequency ("balanced"), or its square root (in between). */
export const CLASS_WEIGHTINGS = ['none', 'sqrt', 'balanced'] as const;
export type ClassWeighting = (typeof CLASS_WEIGHTINGS)[number];

export interface TextTrainingOptions {
  features: TextFeatureConfig;
  optimiser: SoftmaxTrainingOptions;
  classWeighting: ClassWeighting;
}

/** A fitted featurizer and classifier over the dair labels; what gets saved. */
export interface TrainedTextClassifier {
  labels: readonly string[];
  featurizer: TextFeaturizer;
  weights: SoftmaxWeights;
}

export function classWeightsFor(labels: readonly number[], classes: number, weighting: ClassWeighting): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]++;
  return counts.map((c) => {
    if (weighting === 'none' || c === 0) return 1;
    const balanced = labels.length / (classes * c);
    return weighting === 'balanced' ? balanced : Math.sqrt(balanced);
  });
}

/** Fits vocabulary, idf and the softmax regression on `train` only. */
export function trainTextClassifier(
  train: readonly LabelledText[],
  lexicon: NrcLexicon,
  options: TextTrainingOptions,
  analyzer = new TextAnalyzer(lexicon),
): TrainedTextClassifier {
  const labels = [...DAIR_LABELS];
  const featurizer = TextFeaturizer.fit(
    train.map((s) => s.text),
    options.features,
    analyzer,
  );
  const rows = train.map((s) => featurizer.featurize(s.text).vector);
  const y = train.map((s) => labels.indexOf(s.label));
  const weights = trainSoftmax(rows, y, labels.length, featurizer.dimension, {
    ...options.optimiser,
    classWeights: classWeightsFor(y, labels.length, options.classWeighting),
  });
  return { labels, featurizer, weights };
}

/** Class probabilities (in `labels` order) of one text. */
export function classifyText(model: TrainedTextClassifier, text: string): number[] {
  return softmaxProbabilities(model.weights, model.featurizer.featurize(text).vector);
}
