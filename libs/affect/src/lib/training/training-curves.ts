import { lineChartSvg, svgToPng } from '../evaluation/charts';
import type { EpochRecord } from './checkpoint';

/** A model card's training curves: accuracy and loss per epoch, train against validation, as PNGs. */
export async function trainingCurvePngs(
  modelId: string,
  history: readonly EpochRecord[],
): Promise<{ accuracy: Buffer; loss: Buffer }> {
  if (history.length === 0) throw new Error(`${modelId} has no finished epoch to draw`);
  const series = (train: (e: EpochRecord) => number, validation: (e: EpochRecord) => number) => [
    { name: 'train', points: history.map((e) => [e.epoch, train(e)] as const) },
    { name: 'validation', points: history.map((e) => [e.epoch, validation(e)] as const) },
  ];
  const accuracy = lineChartSvg({
    title: `${modelId}: accuracy per epoch`,
    xLabel: 'epoch',
    yLabel: 'accuracy (%)',
    series: series((e) => 100 * e.accuracy, (e) => 100 * e.valAccuracy),
  });
  const loss = lineChartSvg({
    title: `${modelId}: loss per epoch`,
    xLabel: 'epoch',
    yLabel: 'cross-entropy',
    series: series((e) => e.loss, (e) => e.valLoss),
  });
  return { accuracy: await svgToPng(accuracy), loss: await svgToPng(loss) };
}
