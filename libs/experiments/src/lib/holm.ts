/**
 * Holm–Bonferroni step-down adjustment (Holm 1979), controlling the family-wise error rate
 * across several arms compared with one control. With p sorted ascending, p(1) ≤ … ≤ p(m):
 *   adj(i) = min(1, max_{j ≤ i} (m − j + 1)·p(j)),
 * returned in the input order (as statsmodels multipletests(p, method='holm')[1]). NaN p-values
 * are kept as NaN and do not count towards m.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
