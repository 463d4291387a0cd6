/** Mean with a two-sided 95 % t interval over independent units (participants). */
export interface Estimate {
  mean: number;
  ci95: [number, number];
  n: number;
}

export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) return { mean: NaN, ci95: [NaN, NaN], n: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, ci95: [NaN, NaN], n };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const half = tQuantile975(n - 1) * (sd / Math.sqrt(n));
  return { mean, ci95: [mean - half, mean + half], n };
}

/** t(0.975, df) for df 1..30 (standard tables). */
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448,
  2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484,
  2.0452, 2.0423,
];

/** 0.975 quantile of Student's t: the table up to 30 degrees of freedom, a Cornish-Fisher expansion beyond (< 1e-4 off). */
export function tQuantile975(df: number): number {
  if (df >= 1 && df <= 30 && Number.isInteger(df)) return T975[df - 1];
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
}

/**
 * Relative difference mean(a) / mean(b) - 1 of paired per-unit values, with a 95 % percentile
 * bootstrap interval over units (seeded, so the report is deterministic).
 */
export function pairedLift(
  a: readonly number[],
  b: readonly number[],
  rng: () => number,
  resamples = 2000,
): { estimate: number; ci95: [number, number] } {
  const n = Math.min(a.length, b.length);
  const mean = (xs: readonly number[], idx?: Int32Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[idx ? idx[i] : i];
    return s / n;
  };
  const point = mean(a) / mean(b) - 1;
  const draws: number[] = [];
  const idx = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.min(n - 1, Math.floor(rng() * n));
    draws.push(mean(a, idx) / mean(b, idx) - 1);
  }
  draws.sort((x, y) => x - y);
  return { estimate: point, ci95: [draws[Math.floor(0.025 * resamples)], draws[Math.ceil(0.975 * resamples) - 1]] };
}
