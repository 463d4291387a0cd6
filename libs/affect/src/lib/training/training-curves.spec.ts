import sharp from 'sharp';
import type { EpochRecord } from './checkpoint';
import { foldMeanHistory, trainingCurvePngs } from './training-curves';

const epoch = (n: number, accuracy: number, valAccuracy: number): EpochRecord => ({
  epoch: n,
  loss: 2 - accuracy,
  accuracy,
  valLoss: 2.1 - valAccuracy,
  valAccuracy,
  learningRate: 0.002,
  seconds: 300,
});

describe('training curves', () => {
  it('draws accuracy and loss per epoch as two PNGs', async () => {
    const pngs = await trainingCurvePngs('fast-test', [epoch(1, 0.3, 0.35), epoch(2, 0.45, 0.4), epoch(3, 0.5, 0.47)]);
    for (const png of [pngs.accuracy, pngs.loss]) {
      expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 640, height: 400 });
    }
    expect(pngs.accuracy.equals(pngs.loss)).toBe(false);
  });

  it('refuses a history without a finished epoch', async () => {
    await expect(trainingCurvePngs('fast-test', [])).rejects.toThrow(/fast-test has no finished epoch/);
  });

  it('averages cross-validation folds epoch by epoch, over the epochs every fold reached', () => {
    const mean = foldMeanHistory([
      { history: [epoch(1, 0.2, 0.3), epoch(2, 0.4, 0.5), epoch(3, 0.6, 0.7)] },
      { history: [epoch(1, 0.4, 0.5), epoch(2, 0.6, 0.7)] },
    ]);
    expect(mean.map((e) => e.epoch)).toEqual([1, 2]);
    expect(mean[0].accuracy).toBeCloseTo(0.3, 10);
    expect(mean[1].valAccuracy).toBeCloseTo(0.6, 10);
    expect(mean[1].valLoss).toBeCloseTo(2.1 - 0.6, 10);
    expect(foldMeanHistory([])).toEqual([]);
  });
});
