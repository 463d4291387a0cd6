import { parseFaceTrainingConfig } from './face-training-config';
import { scheduledLearningRate } from './trainer';

const CK = { id: 'ck', architecture: 'fast', dataset: 'ckplus48', data: 'ckplus48', folds: 5, epochs: 10 };

describe('face training config', () => {
  it('fills defaults: constant learning rate, no test-time augmentation', () => {
    expect(parseFaceTrainingConfig(CK)).toMatchObject({ learningRateSchedule: 'constant', tta: false });
  });

  it('refuses two mechanisms that both set the learning rate', () => {
    expect(() =>
      parseFaceTrainingConfig({
        ...CK,
        dataset: 'fer2013',
        data: 'fer2013',
        folds: undefined,
        learningRateSchedule: 'cosine',
        reduceLearningRate: { patience: 3, factor: 0.5, min: 1e-5 },
      }),
    ).toThrow(/choose one/);
  });

  it('refuses settings that would tune CK+ folds on their test subjects', () => {
    expect(() => parseFaceTrainingConfig({ ...CK, earlyStoppingPatience: 3 })).toThrow(/fixed number of epochs/);
    expect(() => parseFaceTrainingConfig({ ...CK, folds: undefined })).toThrow(/folds/);
  });

  it('takes a fold seed apart from the training seed for CK+ only', () => {
    expect(parseFaceTrainingConfig({ ...CK, seed: 4, foldSeed: 1 })).toMatchObject({ seed: 4, foldSeed: 1 });
    const fer = { ...CK, dataset: 'fer2013', data: 'fer2013', folds: undefined };
    expect(() => parseFaceTrainingConfig({ ...fer, foldSeed: 1 })).toThrow(/"foldSeed" are not allowed/);
  });

  it('refuses weight averaging that would start after the last epoch', () => {
    expect(parseFaceTrainingConfig({ ...CK, averageWeightsFrom: 10 }).averageWeightsFrom).toBe(10);
    expect(() => parseFaceTrainingConfig({ ...CK, averageWeightsFrom: 11 })).toThrow(/after the last epoch/);
  });
});

describe('scheduledLearningRate', () => {
  it('decays on a half cosine from the base rate, never reaching zero within the run', () => {
    const rates = [1, 2, 3, 4].map((epoch) => scheduledLearningRate('cosine', 0.002, epoch, 4));
    expect(rates[0]).toBeCloseTo(0.002, 10);
    expect(rates[2]).toBeCloseTo(0.001, 10);
    expect(rates[3]).toBeGreaterThan(0);
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThan(rates[i - 1]);
    expect(scheduledLearningRate('constant', 0.002, 3, 4)).toBe(0.002);
  });
});
