import {
  accuracy,
  classificationReport,
  confusionMatrix,
  macroF1,
  perClassMetrics,
  unweightedAverageRecall,
} from './metrics';

// Worked by hand: 10 samples over 3 classes.
// actual:    0 0 0 0 1 1 1 2 2 2
// predicted: 0 0 1 2 1 1 0 2 2 1
const ACTUAL = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
const PREDICTED = [0, 0, 1, 2, 1, 1, 0, 2, 2, 1];

describe('classification metrics', () => {
  const matrix = confusionMatrix(ACTUAL, PREDICTED, 3);

  it('counts actual x predicted', () => {
    expect(matrix).toEqual([
      [2, 1, 1],
      [1, 2, 0],
      [0, 1, 2],
    ]);
  });

  it('computes accuracy, per-class P/R/F1, macro-F1 and UAR', () => {
    expect(accuracy(matrix)).toBeCloseTo(0.6, 10);
    const [c0, c1, c2] = perClassMetrics(matrix);
    // class 0: P 2/3, R 2/4, F1 2*(2/3)(1/2)/(2/3+1/2) = 4/7
    expect(c0.precision).toBeCloseTo(2 / 3, 10);
    expect(c0.recall).toBeCloseTo(0.5, 10);
    expect(c0.f1).toBeCloseTo(4 / 7, 10);
    expect(c0.support).toBe(4);
    // class 1: P 2/4, R 2/3, F1 4/7; class 2: P 2/3, R 2/3, F1 2/3
    expect(c1).toMatchObject({ support: 3 });
    expect(c1.precision).toBeCloseTo(0.5, 10);
    expect(c1.f1).toBeCloseTo(4 / 7, 10);
    expect(c2.f1).toBeCloseTo(2 / 3, 10);
    expect(macroF1(matrix)).toBeCloseTo((4 / 7 + 4 / 7 + 2 / 3) / 3, 10);
    expect(unweightedAverageRecall(matrix)).toBeCloseTo((1 / 2 + 2 / 3 + 2 / 3) / 3, 10);
  });

  it('gives 0, not NaN, for a class never predicted, and leaves unseen classes out of macro-F1', () => {
    const m = confusionMatrix([0, 0, 1], [0, 0, 0], 3);
    const [, c1, c2] = perClassMetrics(m);
    expect(c1).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(c2).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    // class 0: P 2/3, R 1, F1 0.8; class 1: 0; class 2 unseen.
    expect(macroF1(m)).toBeCloseTo(0.4, 10);
    expect(unweightedAverageRecall(m)).toBeCloseTo(0.5, 10);
  });

  it('builds a labelled report', () => {
    const report = classificationReport(['happy', 'sad', 'angry'], ACTUAL, PREDICTED);
    expect(report).toMatchObject({ n: 10, confusion: { labels: ['happy', 'sad', 'angry'], matrix } });
    expect(report.accuracy).toBeCloseTo(0.6, 10);
    expect(report.perClass['angry'].support).toBe(3);
  });

  it('refuses mismatched lengths and out-of-range classes', () => {
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow(/1 actual labels but 2 predictions/);
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(RangeError);
  });
});
