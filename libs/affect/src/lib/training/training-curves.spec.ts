import sharp from 'sharp';
import type { EpochRecord } from './checkpoint';
import { trainingCurvePngs } from './training-curves';

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
});
