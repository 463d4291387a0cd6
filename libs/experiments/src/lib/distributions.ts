import { logBeta, logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ } from './special-functions';

/**
 * Normal, Student t and chi-square distribution functions. Tail functions (`…Sf`) are computed
 * directly, not as 1 - cdf, so small p-values keep their relative accuracy.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x), via Φ(x) = Q(1/2, x²/2) / 2 for x < 0 (so the lower tail is relatively accurate). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const half = 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
  return x < 0 ? half : 1 - half;
}

/** 1 - Φ(x). */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/**
 * Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9) refined by one Halley step
 * on normalCdf, which brings it to machine precision.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = acklam(p);
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  x -= u / (1 + 0.5 * x * u);
  return x;
}

function acklam(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export function studentTPdf(t: number, df: number): number {
  return Math.exp(-0.5 * (df + 1) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(0.5, 0.5 * df));
}

/** P(T > t) for Student's t with df > 0 degrees of freedom (df may be fractional, as in Welch). */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalSf(t);
  const tail = 0.5 * regularizedBeta(df / (df + t * t), 0.5 * df, 0.5);
  return t > 0 ? tail : 1 - tail;
}

export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

/** Inverse of studentTCdf. */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  // Solve sf(t) = p for t > 0, then mirror: the tail is where the precision matters.
  return -solveIncreasing((x) => -studentTSf(x, df), (x) => studentTPdf(x, df), -p, Math.max(1, -normalQuantile(p)));
}

export function chiSquarePdf(x: number, df: number): number {
  if (x < 0) return 0;
  if (x === 0) return df === 2 ? 0.5 : df < 2 ? Infinity : 0;
  const k = 0.5 * df;
  return Math.exp((k - 1) * Math.log(x) - 0.5 * x - k * Math.LN2 - logGamma(k));
}

export function chiSquareCdf(x: number, df: number): number {
  if (!(df > 0)) return NaN;
  return regularizedGammaP(0.5 * df, 0.5 * Math.max(0, x));
}

/** P(X > x): the p-value of a chi-square statistic. */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) return NaN;
  return regularizedGammaQ(0.5 * df, 0.5 * Math.max(0, x));
}

export function chiSquareQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const pdf = (x: number) => chiSquarePdf(x, df);
  return p < 0.5
    ? solveIncreasing((x) => chiSquareCdf(x, df), pdf, p, Math.max(df, 1))
    : solveIncreasing((x) => -chiSquareSf(x, df), pdf, -(1 - p), Math.max(df, 1));
}

/**
 * Solves g(x) = target on x >= 0 for an increasing g with derivative dg: Newton steps kept
 * inside a bisection bracket, so it cannot diverge and converges quadratically once close.
 * Callers pass the tail they care about (−sf or cdf) so the target keeps its relative precision.
 */
function solveIncreasing(g: (x: number) => number, dg: (x: number) => number, target: number, start: number): number {
  let lo = 0;
  let hi = start;
  while (g(hi) < target) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  let x = 0.5 * (lo + hi);
  for (let i = 0; i < 500; i++) {
    const f = g(x) - target;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const slope = dg(x);
    let next = slope > 0 && Number.isFinite(slope) ? x - f / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x) || hi - lo <= 1e-15 * hi) return next;
    x = next;
  }
  return x;
}
