import type { SparseVector } from './text-features';

/** Multinomial logistic regression weights: `weights[f * classes + k]`, one bias per class. */
export interface SoftmaxWeights {
  features: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface SoftmaxTrainingOptions {
  /** L2 penalty (lambda / 2 * ||W||^2) on the weights, not the biases, on the scale of the mean per-sample loss. */
  l2: number;
  /** L-BFGS iterations at most. */
  maxIterations: number;
  /** Stop when the gradient's max-norm falls below this. */
  tolerance: number;
  /** L-BFGS history length. */
  memory: number;
  /** Per-class loss weights (e.g. inverse frequency for macro-F1); default all 1. */
  classWeights?: readonly number[];
}

export const DEFAULT_SOFTMAX_TRAINING: SoftmaxTrainingOptions = {
  l2: 1e-5,
  maxIterations: 300,
  tolerance: 1e-6,
  memory: 10,
};

/** Class probabilities of one sparse row. */
export function softmaxProbabilities(model: SoftmaxWeights, x: SparseVector): number[] {
  const { classes, weights, bias } = model;
  const logits = Array.from(bias);
  for (let n = 0; n < x.indices.length; n++) {
    const base = x.indices[n] * classes;
    const v = x.values[n];
    for (let k = 0; k < classes; k++) logits[k] += weights[base + k] * v;
  }
  return softmax(logits);
}

/**
 * Full-batch L-BFGS on the (class-weighted) mean cross-entropy + L2. The objective is convex and
 * the optimiser has no randomness, so a run is reproducible bit for bit and every regularisation
 * setting is compared at its optimum, not at wherever a stochastic run happened to stop.
 */
export function trainSoftmax(
  rows: readonly SparseVector[],
  labels: readonly number[],
  classes: number,
  features: number,
  options: SoftmaxTrainingOptions,
): SoftmaxWeights {
  if (rows.length !== labels.length) throw new Error(`${rows.length} rows but ${labels.length} labels`);
  const classWeights = options.classWeights ?? new Array<number>(classes).fill(1);
  const nW = features * classes;
  const size = nW + classes;
  const sampleWeight = labels.map((l) => classWeights[l] / rows.length);

  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const logits = new Float64Array(classes);
    for (let r = 0; r < rows.length; r++) {
      const x = rows[r];
      for (let k = 0; k < classes; k++) logits[k] = theta[nW + k];
      for (let n = 0; n < x.indices.length; n++) {
        const base = x.indices[n] * classes;
        const v = x.values[n];
        for (let k = 0; k < classes; k++) logits[k] += theta[base + k] * v;
      }
      let max = -Infinity;
      for (let k = 0; k < classes; k++) max = Math.max(max, logits[k]);
      let total = 0;
      for (let k = 0; k < classes; k++) total += Math.exp(logits[k] - max);
      const logZ = max + Math.log(total);
      const y = labels[r];
      const sw = sampleWeight[r];
      loss += sw * (logZ - logits[y]);
      for (let k = 0; k < classes; k++) {
        const d = sw * (Math.exp(logits[k] - logZ) - (k === y ? 1 : 0));
        grad[nW + k] += d;
        for (let n = 0; n < x.indices.length; n++) grad[x.indices[n] * classes + k] += d * x.values[n];
      }
    }
    for (let i = 0; i < nW; i++) {
      loss += 0.5 * options.l2 * theta[i] * theta[i];
      grad[i] += options.l2 * theta[i];
    }
    return loss;
  };

  const theta = lbfgs(objective, size, options);
  return {
    features,
    classes,
    weights: Float32Array.from(theta.subarray(0, nW)),
    bias: Float32Array.from(theta.subarray(nW)),
  };
}

/** Minimises a smooth convex function from 0 with L-BFGS (two-loop recursion, backtracking Armijo line search). */
function lbfgs(
  f: (x: Float64Array, grad: Float64Array) => number,
  size: number,
  options: Pick<SoftmaxTrainingOptions, 'maxIterations' | 'tolerance' | 'memory'>,
): Float64Array {
  let x = new Float64Array(size);
  let g = new Float64Array(size);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(size);
  const nextX = new Float64Array(size);
  const nextG = new Float64Array(size);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(g) < options.tolerance) break;
    // Two-loop recursion: direction = -H g.
    direction.set(g);
    const alpha = new Array<number>(s.length);
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(s[i], direction);
      axpy(-alpha[i], y[i], direction);
    }
    const gamma =
      s.length > 0
        ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1])
        : 1 / Math.max(1, norm(g));
    for (let i = 0; i < size; i++) direction[i] *= gamma;
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i] * dot(y[i], direction);
      axpy(alpha[i] - beta, s[i], direction);
    }
    for (let i = 0; i < size; i++) direction[i] = -direction[i];
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -g[i];
      slope = dot(g, direction);
    }
    let step = 1;
    let fNext = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < size; i++) nextX[i] = x[i] + step * direction[i];
      fNext = f(nextX, nextG);
      if (fNext <= fx + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNext < fx)) break;
    const sNew = new Float64Array(size);
    const yNew = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      sNew[i] = nextX[i] - x[i];
      yNew[i] = nextG[i] - g[i];
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
      if (s.length > options.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    const converged = Math.abs(fx - fNext) <= 1e-10 * Math.max(1, Math.abs(fx));
    x = Float64Array.from(nextX);
    g = Float64Array.from(nextG);
    fx = fNext;
    if (converged) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]));
  return max;
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}
