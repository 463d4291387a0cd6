import { EMOTIONS } from '@attune/protocol';
import { DAIR_LABELS, DAIR_TO_CANONICAL, type LabelledText } from './dair';
import type { NrcLexicon } from './nrc-lexicon';
import { DEFAULT_SOFTMAX_TRAINING } from './softmax-regression';
import { AFINN_VALENCE_WEIGHT, CONFLICT_DAMPING } from './text-estimate';
import { TextEmotionModel } from './text-emotion-model';
import { evaluateTextModel, type TextEvaluation } from './evaluate-text-model';
import { LEXICON_FEATURES, TextAnalyzer } from './text-features';
import type { TextModelMetadata } from './text-model-files';
import { trainTextClassifier, type TextTrainingOptions, type TrainedTextClassifier } from './train-text-model';

/**
 * Chosen on dair val (grid in models/text-dair.md): word unigrams, no stemming (-3.9 points with it:
 * dair's labels hinge on exact word forms), lambda 3e-6. Each addition lost 0.4-1.9 points of
 * val accuracy: bigrams, `NEG_` terms (dair's hashtag labels ignore negation), the NRC/AFINN
 * block, minDf 2, class weighting. Negation and AFINN still shape the valence of the estimate.
 */
export const DEFAULT_TEXT_TRAINING: TextTrainingOptions = {
  features: { ngrams: 1, minDf: 1, stem: false, negation: 'none', lexiconScale: 0 },
  optimiser: { ...DEFAULT_SOFTMAX_TRAINING, l2: 3e-6 },
  classWeighting: 'none',
};

export interface TuningTrial {
  options: TextTrainingOptions;
  accuracy: number;
  macroF1: number;
  seconds: number;
}

/** Variations of the default tried by `attune train text --tune`, one axis at a time. */
export function textTuningGrid(base: TextTrainingOptions = DEFAULT_TEXT_TRAINING): TextTrainingOptions[] {
  const withFeatures = (f: Partial<TextTrainingOptions['features']>) => ({
    ...base,
    features: { ...base.features, ...f },
  });
  return [
    base,
    ...[1e-6, 1e-5].map((l2) => ({ ...base, optimiser: { ...base.optimiser, l2 } })),
    withFeatures({ ngrams: base.features.ngrams === 1 ? 2 : 1 }),
    withFeatures({ negation: base.features.negation === 'add' ? 'none' : 'add' }),
    withFeatures({ lexiconScale: base.features.lexiconScale > 0 ? 0 : 0.3 }),
    withFeatures({ minDf: base.features.minDf === 1 ? 2 : 1 }),
    { ...base, classWeighting: base.classWeighting === 'sqrt' ? 'none' : 'sqrt' },
  ];
}

/** Trains each candidate on `train` and scores it on `val` (val is only ever scored, never trained on). */
export function tuneTextModel(
  train: readonly LabelledText[],
  val: readonly LabelledText[],
  lexicon: NrcLexicon,
  grid: readonly TextTrainingOptions[],
  onTrial?: (trial: TuningTrial) => void,
): TuningTrial[] {
  const analyzer = new TextAnalyzer(lexicon);
  return grid.map((options) => {
    const started = Date.now();
    const model = TextEmotionModel.fromTrained(trainTextClassifier(train, lexicon, options, analyzer), 'tuning');
    const report = evaluateTextModel(model, val, 'dair-val');
    const trial = {
      options,
      accuracy: report.accuracy,
      macroF1: report.macroF1,
      seconds: (Date.now() - started) / 1000,
    };
    onTrial?.(trial);
    return trial;
  });
}

/** Best trial by macro-F1, ties by accuracy. */
export function bestTrial(trials: readonly TuningTrial[]): TuningTrial {
  return [...trials].sort((a, b) => b.macroF1 - a.macroF1 || b.accuracy - a.accuracy)[0];
}

/** metadata.json for a freshly trained model; metrics are added by the evaluation that follows. */
export function textModelMetadata(
  id: string,
  model: TrainedTextClassifier,
  options: TextTrainingOptions,
  training: { trainFile: string; n: number; seconds: number; tunedOn?: string },
): TextModelMetadata {
  return {
    id,
    kind: 'text-softmax-regression',
    labels: [...DAIR_LABELS],
    canonical: { ...DAIR_TO_CANONICAL },
    features: {
      ...options.features,
      vocabularySize: model.featurizer.vocabulary.length,
      lexiconFeatures: options.features.lexiconScale > 0 ? LEXICON_FEATURES : [],
      dimension: model.featurizer.dimension,
    },
    training: {
      dataset: 'dair-ai emotion',
      ...training,
      optimiser: options.optimiser,
      classWeighting: options.classWeighting,
    },
    protocol: {
      emotions: [...EMOTIONS],
      modality: 'text',
      valence: `(1 - w) * circumplex valence of the distribution + w * tanh(AFINN sum / 5), w = ${AFINN_VALENCE_WEIGHT} * hits / (hits + 1) (${AFINN_VALENCE_WEIGHT} when the two disagree in sign and |AFINN valence| > 0.15); negated AFINN words count x -0.5`,
      arousal: 'circumplex arousal of the distribution',
      confidence: `top canonical probability x (1 - 0.5^known words), x ${1 - CONFLICT_DAMPING} when AFINN and class valence disagree; 0 with no known word (even distribution)`,
    },
    createdAt: new Date().toISOString(),
  };
}

/** The metrics entry stored in metadata.json for one evaluation. */
export function metricsEntry(evaluation: TextEvaluation): NonNullable<TextModelMetadata['metrics']>[string] {
  const { n, accuracy, macroF1, uar, perClass, confusion } = evaluation;
  return { n, accuracy, macroF1, uar, perClass, confusion };
}
