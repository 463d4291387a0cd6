import { crossValidatedEnsemble } from './cv-ensemble';
import type { FoldResult, HeldOutPrediction } from './face-training';

/** A fold of a 2-class model from `[source, target, p(class 0)]` rows. */
function fold(index: number, rows: Array<[string, number, number]>): FoldResult {
  const heldOut: HeldOutPrediction[] = rows.map(([source, target, p0]) => ({
    source,
    target,
    probabilities: [p0, 1 - p0],
  }));
  const correct = heldOut.filter((p) => (p.probabilities[0] >= 0.5 ? 0 : 1) === p.target).length;
  return { fold: index, subjects: 1, n: rows.length, accuracy: correct / rows.length, confusion: [], heldOut };
}

describe('crossValidatedEnsemble', () => {
  // Each member is right on half of the crops; averaged, the confident answer wins everywhere.
  const a = [
    fold(0, [
      ['happy/S1_1.png', 0, 0.9],
      ['sad/S1_2.png', 1, 0.6],
    ]),
    fold(1, [
      ['happy/S2_1.png', 0, 0.45],
      ['sad/S2_2.png', 1, 0.1],
    ]),
  ];
  // Same crops in another order.
  const b = [
    fold(0, [
      ['sad/S1_2.png', 1, 0.1],
      ['happy/S1_1.png', 0, 0.4],
    ]),
    fold(1, [
      ['happy/S2_1.png', 0, 0.8],
      ['sad/S2_2.png', 1, 0.55],
    ]),
  ];

  it('scores every held-out crop by the mean of the members probabilities, matched by source', () => {
    expect(a.map((f) => f.accuracy)).toEqual([0.5, 0.5]);
    expect(b.map((f) => f.accuracy)).toEqual([0.5, 0.5]);
    const result = crossValidatedEnsemble(
      [
        { id: 'a', folds: a },
        { id: 'b', folds: b },
      ],
      2,
    );
    expect(result.folds.map((f) => [f.n, f.accuracy])).toEqual([
      [2, 1],
      [2, 1],
    ]);
    expect(result.meanAccuracy).toBe(1);
    expect(result.stdAccuracy).toBe(0);
    expect(result.matrix).toEqual([
      [2, 0],
      [0, 2],
    ]);
  });

  it('reproduces a single member, errors included', () => {
    const result = crossValidatedEnsemble([{ id: 'a', folds: a }], 2);
    expect(result.folds.map((f) => f.accuracy)).toEqual([0.5, 0.5]);
    expect(result.matrix).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('refuses members whose folds held out different crops or carry no predictions', () => {
    const moved = [a[0], fold(1, [['happy/S3_1.png', 0, 0.5]])];
    expect(() =>
      crossValidatedEnsemble(
        [
          { id: 'a', folds: a },
          { id: 'moved', folds: moved },
        ],
        2,
      ),
    ).toThrow(/fold 1: moved held out other crops than a/);
    expect(() =>
      crossValidatedEnsemble(
        [
          { id: 'a', folds: a },
          { id: 'short', folds: [a[0]] },
        ],
        2,
      ),
    ).toThrow(/short has 1 folds/);
    const { heldOut: _, ...old } = a[1];
    expect(() => crossValidatedEnsemble([{ id: 'old', folds: [a[0], old] }], 2)).toThrow(
      /old: fold 1 has no held-out predictions/,
    );
  });
});
