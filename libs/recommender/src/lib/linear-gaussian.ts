/**
 * Bayesian linear regression with Gaussian noise as plain, serialisable data: the sufficient
 * statistics (precision matrix A = lambda*I + sum x x', vector b = sum r x) and the count.
 * Updates return new values; nothing is mutated, so a state can be stored, replayed and compared.
 */
export interface LinearGaussianState {
  dim: number;
  /** Row-major dim x dim precision matrix. */
  precision: number[];
  b: number[];
  n: number;
}

export function priorState(dim: number, priorPrecision: number): LinearGaussianState {
  const precision = new Array<number>(dim * dim).fill(0);
  for (let i = 0; i < dim; i++) precision[i * dim + i] = priorPrecision;
  return { dim, precision, b: new Array<number>(dim).fill(0), n: 0 };
}

/** The state after one more observation (x, r). */
export function observe(state: LinearGaussianState, x: ArrayLike<number>, r: number): LinearGaussianState {
  const { dim } = state;
  if (x.length !== dim) throw new Error(`feature vector has ${x.length} entries, the model ${dim}`);
  const precision = state.precision.slice();
  const b = state.b.slice();
  for (let i = 0; i < dim; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    b[i] += r * xi;
    for (let j = 0; j < dim; j++) precision[i * dim + j] += xi * x[j];
  }
  return { dim, precision, b, n: state.n + 1 };
}

/** Lower-triangular L with L L' = A (A symmetric positive definite). */
export function cholesky(a: ArrayLike<number>, dim: number): Float64Array {
  const l = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * dim + j];
      for (let k = 0; k < j; k++) sum -= l[i * dim + k] * l[j * dim + k];
      l[i * dim + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * dim + j];
    }
  }
  return l;
}

/** Solves L y = v (forward substitution). */
export function solveLower(l: Float64Array, dim: number, v: ArrayLike<number>): Float64Array {
  const y = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let sum = v[i];
    for (let k = 0; k < i; k++) sum -= l[i * dim + k] * y[k];
    y[i] = sum / l[i * dim + i];
  }
  return y;
}

/** Solves L' y = v (back substitution). */
export function solveUpper(l: Float64Array, dim: number, v: ArrayLike<number>): Float64Array {
  const y = new Float64Array(dim);
  for (let i = dim - 1; i >= 0; i--) {
    let sum = v[i];
    for (let k = i + 1; k < dim; k++) sum -= l[k * dim + i] * y[k];
    y[i] = sum / l[i * dim + i];
  }
  return y;
}

/** Posterior of the weights: mean A^-1 b, and the Cholesky factor of A for sampling and variances. */
export function posterior(state: LinearGaussianState): { mean: Float64Array; factor: Float64Array } {
  const factor = cholesky(state.precision, state.dim);
  const mean = solveUpper(factor, state.dim, solveLower(factor, state.dim, state.b));
  return { mean, factor };
}

/** One draw of the weights from N(mean, noiseVariance * A^-1), using `normal` for standard normals. */
export function sampleWeights(
  post: { mean: Float64Array; factor: Float64Array },
  dim: number,
  noiseSd: number,
  normal: () => number,
): Float64Array {
  const z = Float64Array.from({ length: dim }, normal);
  // If L L' = A then L'^-1 z has covariance A^-1.
  const offset = solveUpper(post.factor, dim, z);
  return post.mean.map((m, i) => m + noiseSd * offset[i]);
}

/** Posterior standard deviation of x'w: noiseSd * |L^-1 x|. */
export function predictiveSd(factor: Float64Array, dim: number, x: ArrayLike<number>, noiseSd: number): number {
  const u = solveLower(factor, dim, x);
  let s = 0;
  for (let i = 0; i < dim; i++) s += u[i] * u[i];
  return noiseSd * Math.sqrt(s);
}

/** Standard normal draws from a uniform rng (Box-Muller), two per pair of uniforms. */
export function normalSampler(rng: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = Math.max(rng(), 1e-12);
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
