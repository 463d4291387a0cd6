import { fitRidge, leaveOneOut, predictLinear, ranks, solve, spearman } from './linear-model';

describe('linear model', () => {
  const xs = [
    [1, 2],
    [2, 1],
    [3, 5],
    [4, 3],
    [5, 8],
    [6, 2],
  ];
  const ys = xs.map(([a, b]) => 3 + 2 * a - 0.5 * b);

  it('recovers exact coefficients without regularisation', () => {
    const model = fitRidge(['a', 'b'], xs, ys, 0);
    for (let i = 0; i < xs.length; i++) expect(predictLinear(model, xs[i])).toBeCloseTo(ys[i], 10);
    // Weights are on standardised inputs: raw slope = weight / sd.
    expect(model.weights[0] / model.sds[0]).toBeCloseTo(2, 10);
    expect(model.weights[1] / model.sds[1]).toBeCloseTo(-0.5, 10);
  });

  it('shrinks weights as lambda grows', () => {
    const small = fitRidge(['a', 'b'], xs, ys, 0.1);
    const large = fitRidge(['a', 'b'], xs, ys, 100);
    expect(Math.abs(large.weights[0])).toBeLessThan(Math.abs(small.weights[0]));
    expect(large.intercept).toBeCloseTo(ys.reduce((s, y) => s + y, 0) / ys.length, 10);
  });

  it('predicts each sample without it in leave-one-out', () => {
    // Exactly linear data: every held-out sample is still predicted exactly.
    leaveOneOut(['a', 'b'], xs, ys, 0).forEach((p, i) => expect(p).toBeCloseTo(ys[i], 8));
    // A constant target with one outlier: leaving the outlier out cannot predict it.
    const loo = leaveOneOut(['a'], [[1], [2], [3], [4]], [0, 0, 0, 10], 0);
    expect(loo[3]).toBeCloseTo(0, 10);
  });

  it('solves a linear system', () => {
    expect(solve([[2, 1], [1, 3]], [3, 5]).map((v) => +v.toFixed(10))).toEqual([0.8, 1.4]);
  });

  it('ranks with ties and matches reference Spearman values', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.82078, 5);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
  });
});
