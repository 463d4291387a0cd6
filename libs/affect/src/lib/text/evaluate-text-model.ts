import { classificationReport, type ClassificationReport } from '../evaluation/metrics';
import type { LabelledText } from './dair';
import type { TextEmotionModel } from './text-emotion-model';

/** `attune eval text` output: the face eval's JSON plus nothing model-specific. */
export interface TextEvaluation extends ClassificationReport {
  model: string;
  dataset: string;
}

/** Argmax over the model's own labels (the 6 dair classes, love kept apart from joy). */
export function evaluateTextModel(
  model: TextEmotionModel,
  samples: readonly LabelledText[],
  dataset: string,
): TextEvaluation {
  const labels = model.labels;
  const actual: number[] = [];
  const predicted: number[] = [];
  for (const sample of samples) {
    const truth = labels.indexOf(sample.label);
    if (truth < 0) throw new Error(`label ${sample.label} is not one of the model's labels (${labels.join(', ')})`);
    const probabilities = model.analyze(sample.text, 0).classProbabilities;
    let best = 0;
    labels.forEach((label, i) => {
      if ((probabilities[label] ?? 0) > (probabilities[labels[best]] ?? 0)) best = i;
    });
    actual.push(truth);
    predicted.push(best);
  }
  return { model: model.id, dataset, ...classificationReport(labels, actual, predicted) };
}
