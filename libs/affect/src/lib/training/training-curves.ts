import { lineChartSvg, svgToPng } from '../evaluation/charts';
import type { EpochRecord } from './checkpoint';

export interface CurveNames {
  /** Legend of the held-out series (short: the legend is ~16 characters wide); `validation` by default. */
  heldOut?: string;
  /** Appended to each chart's title, e.g. what the curves average over. */
  note?: string;
}

/** A model card's training curves: accuracy and loss per epoch, train against held-out data, as PNGs. */
export async function trainingCurvePngs(
  modelId: string,
  history: readonly EpochRecord[],
  { heldOut = 'validation', note }: CurveNames = {},
): Promise<{ accuracy: Buffer; loss: Buffer }> {
  if (history.length === 0) throw new Error(`${modelId} has no finished epoch to draw`);
  const series = (train: (e: EpochRecord) => number, validation: (e: EpochRecord) => number) => [
    { name: 'train', points: history.map((e) => [e.epoch, train(e)] as const) },
    { name: heldOut, points: history.map((e) => [e.epoch, validation(e)] as const) },
  ];
  const accuracy = lineChartSvg({
    title: `${modelId}: accuracy per epoch${note ? `, ${note}` : ''}`,
    xLabel: 'epoch',
    yLabel: 'accuracy (%)',
    series: series(
      (e) => 100 * e.accuracy,
      (e) => 100 * e.valAccuracy,
    ),
  });
  const loss = lineChartSvg({
    title: `${modelId}: loss per epoch${note ? `, ${note}` : ''}`,
    xLabel: 'epoch',
    yLabel: 'cross-entropy',
    series: series(
      (e) => e.loss,
      (e) => e.valLoss,
    ),
  });
  return { accuracy: await svgToPng(accuracy), loss: await svgToPng(loss) };
}

/**
 * The epoch-wise mean of cross-validation folds' curves (their `val*` figures are the held-out
 * subjects'), over the epochs every fold reached: the curve a CK+ model card shows, since its
 * saved all-subject model has no held-out data.
 */
export function foldMeanHistory(folds: ReadonlyArray<{ history?: readonly EpochRecord[] }>): EpochRecord[] {
  const histories = folds.map((f) => f.history ?? []);
  const epochs = histories.length > 0 ? Math.min(...histories.map((h) => h.length)) : 0;
  const mean = (i: number, pick: (e: EpochRecord) => number) =>
    histories.reduce((sum, h) => sum + pick(h[i]), 0) / histories.length;
  return Array.from({ length: epochs }, (_, i) => ({
    epoch: histories[0][i].epoch,
    loss: mean(i, (e) => e.loss),
    accuracy: mean(i, (e) => e.accuracy),
    valLoss: mean(i, (e) => e.valLoss),
    valAccuracy: mean(i, (e) => e.valAccuracy),
    learningRate: histories[0][i].learningRate,
    seconds: mean(i, (e) => e.seconds),
  }));
}
