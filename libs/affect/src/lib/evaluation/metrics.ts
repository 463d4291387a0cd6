/** Precision, recall and F1 of one class, and how many samples truly belong to it. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Everything `attune eval` reports, over plain labels; serialisable. */
export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Unweighted average recall (balanced accuracy). */
  uar: number;
  perClass: Record<string, ClassMetrics>;
  confusion: { labels: string[]; matrix: number[][] };
}

/** `matrix[actual][predicted]` counts; class indices are positions in a label list of `classes` entries. */
export function confusionMatrix(actual: readonly number[], predicted: readonly number[], classes: number): number[][] {
  if (actual.length !== predicted.length)
    throw new Error(`${actual.length} actual labels but ${predicted.length} predictions`);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((a, i) => {
    const p = predicted[i];
    if (!inRange(a, classes) || !inRange(p, classes)) throw new RangeError(`class index out of range at sample ${i}`);
    matrix[a][p]++;
  });
  return matrix;
}

export function accuracy(matrix: number[][]): number {
  const total = sum(matrix.map(sum));
  return total > 0 ? sum(matrix.map((row, i) => row[i])) / total : 0;
}

/** Per class, in matrix order; a ratio with a zero denominator is 0 (scikit-learn's zero_division=0). */
export function perClassMetrics(matrix: number[][]): ClassMetrics[] {
  return matrix.map((row, i) => {
    const truePositives = row[i];
    const support = sum(row);
    const predicted = sum(matrix.map((r) => r[i]));
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
}

/**
 * Mean F1 over the classes that occur, as truth or as prediction (scikit-learn's macro average
 * when no label list is given): a class absent from both says nothing about the model.
 */
export function macroF1(matrix: number[][]): number {
  const metrics = perClassMetrics(matrix);
  const seen = metrics.filter((m, i) => m.support > 0 || sum(matrix.map((r) => r[i])) > 0);
  return seen.length > 0 ? sum(seen.map((m) => m.f1)) / seen.length : 0;
}

/** Unweighted average recall over the classes with support. */
export function unweightedAverageRecall(matrix: number[][]): number {
  const supported = perClassMetrics(matrix).filter((m) => m.support > 0);
  return supported.length > 0 ? sum(supported.map((m) => m.recall)) / supported.length : 0;
}

/** The full report for predictions over `labels` (indices into it). */
export function classificationReport(
  labels: readonly string[],
  actual: readonly number[],
  predicted: readonly number[],
): ClassificationReport {
  const matrix = confusionMatrix(actual, predicted, labels.length);
  const perClass = perClassMetrics(matrix);
  return {
    n: actual.length,
    accuracy: accuracy(matrix),
    macroF1: macroF1(matrix),
    uar: unweightedAverageRecall(matrix),
    perClass: Object.fromEntries(labels.map((label, i) => [label, perClass[i]])),
    confusion: { labels: [...labels], matrix },
  };
}

function inRange(index: number, classes: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < classes;
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
