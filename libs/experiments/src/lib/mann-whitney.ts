import { normalSf } from './distributions';

export interface MannWhitneyResult {
  /** U statistic of the treatment sample (rank sum − n1(n1 + 1)/2), as scipy reports it */
  u: number;
  z: number;
  /** two-sided */
  p: number;
}

/**
 * Mann-Whitney U test, two-sided, normal approximation with tie-corrected variance and
 * continuity correction: scipy.stats.mannwhitneyu(x, y, alternative='two-sided',
 * method='asymptotic', use_continuity=True).
 *   U = R₁ − n₁(n₁+1)/2 with midranks, μ = n₁n₂/2,
 *   σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1))) over tie groups of size t,
 *   z = (max(U, n₁n₂ − U) − μ − ½)/σ,  p = min(1, 2·(1 − Φ(z))).
 */
export function mannWhitneyU(treatment: readonly number[], control: readonly number[]): MannWhitneyResult {
  const n1 = treatment.length;
  const n2 = control.length;
  if (n1 === 0 || n2 === 0) return { u: NaN, z: NaN, p: NaN };
  const pooled = [
    ...treatment.map((value) => ({ value, first: true })),
    ...control.map((value) => ({ value, first: false })),
  ].sort((a, b) => a.value - b.value);
  const n = n1 + n2;
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && pooled[j + 1].value === pooled[i].value) j++;
    const midrank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (pooled[k].first) rankSum += midrank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (Math.max(u, n1 * n2 - u) - mu - 0.5) / sigma;
  // All values tied: no evidence either way (scipy: z = −inf, p clipped to 1).
  if (!(sigma > 0)) return { u, z: -Infinity, p: 1 };
  return { u, z, p: Math.min(1, 2 * normalSf(z)) };
}
