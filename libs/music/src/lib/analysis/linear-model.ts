/**
 * Ridge regression on standardised inputs, leave-one-out evaluation and rank correlation:
 * plain functions over plain arrays, enough to fit and honestly evaluate a small linear model.
 */
export interface LinearModel {
  /** Input names, in order. */
  inputs: readonly string[];
  /** Standardisation of each input (from the training data). */
  means: readonly number[];
  sds: readonly number[];
  /** Weights on the standardised inputs. */
  weights: readonly number[];
  intercept: number;
}

export function predictLinear(model: LinearModel, x: readonly number[]): number {
  let y = model.intercept;
  for (let i = 0; i < model.weights.length; i++) y += (model.weights[i] * (x[i] - model.means[i])) / (model.sds[i] || 1);
  return y;
}

/** Minimises |y - Xw - c|^2 + lambda |w|^2 with X standardised (so lambda treats every input alike). */
export function fitRidge(inputs: readonly string[], xs: readonly (readonly number[])[], ys: readonly number[], lambda: number): LinearModel {
  const n = xs.length;
  const d = inputs.length;
  const means = inputs.map((_, j) => xs.reduce((s, x) => s + x[j], 0) / n);
  const sds = inputs.map((_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j] - means[j]) ** 2, 0) / n) || 1);
  const z = xs.map((x) => x.map((v, j) => (v - means[j]) / sds[j]));
  const yMean = ys.reduce((s, v) => s + v, 0) / n;
  // Normal equations (Z'Z + lambda I) w = Z'(y - mean y).
  const a = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => z.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? lambda : 0)),
  );
  const b = Array.from({ length: d }, (_, i) => z.reduce((s, row, k) => s + row[i] * (ys[k] - yMean), 0));
  return { inputs: [...inputs], means, sds, weights: solve(a, b), intercept: yMean };
}

/** Gaussian elimination with partial pivoting (small dense systems). */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) throw new Error('singular system');
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Predictions for each sample from a model fitted on all the others (standardisation included). */
export function leaveOneOut(
  inputs: readonly string[],
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  lambda: number,
): number[] {
  return xs.map((x, i) => {
    const model = fitRidge(
      inputs,
      xs.filter((_, k) => k !== i),
      ys.filter((_, k) => k !== i),
      lambda,
    );
    return predictLinear(model, x);
  });
}

/** Ranks 1..n, ties sharing their mean rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].v === order[s].v) e++;
    for (let k = s; k <= e; k++) out[order[k].i] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return out;
}

/** Spearman's rank correlation (Pearson on mid-ranks, so ties are handled). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}
