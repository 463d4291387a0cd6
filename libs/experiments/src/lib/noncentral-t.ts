import { normalCdf } from './distributions';
import { logBeta, regularizedBeta } from './special-functions';

/**
 * CDF of the noncentral t distribution with df degrees of freedom and noncentrality δ, for the
 * power of t tests. Algorithm AS 243 (Lenth 1989, Appl. Statist. 38): the Poisson-weighted series
 * of incomplete beta functions, summed until the remaining weight bounds the error below 1e-13.
 * Accurate to ~1e-12 absolute for |δ| up to ~35 (exp(−δ²/2) underflows beyond).
 */
export function noncentralTCdf(t: number, df: number, delta: number): number {
  if (Number.isNaN(t) || !(df > 0) || Number.isNaN(delta)) return NaN;
  const negative = t < 0;
  const tt = negative ? -t : t;
  const del = negative ? -delta : delta;
  let tnc = 0;
  if (tt > 0) {
    const x = (tt * tt) / (tt * tt + df);
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    let q = Math.sqrt(2 / Math.PI) * p * del;
    let s = -0.5 * Math.expm1(-0.5 * lambda); // 0.5 − p, without cancellation for small δ
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = Math.pow(1 - x, b);
    const albeta = logBeta(a, b);
    let xodd = regularizedBeta(x, a, b);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    let xeven = 1 - rxb;
    let geven = b * x * rxb;
    tnc = p * xodd + q * xeven;
    for (let en = 1; en <= 10_000; en++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * en);
      q *= lambda / (2 * en + 1);
      s -= p;
      tnc += p * xodd + q * xeven;
      if (2 * s * (xodd - godd) < 1e-13) break;
    }
  }
  tnc += normalCdf(-del);
  const cdf = negative ? 1 - tnc : tnc;
  return Math.min(1, Math.max(0, cdf));
}

export function noncentralTSf(t: number, df: number, delta: number): number {
  return 1 - noncentralTCdf(t, df, delta);
}
