/** Per-feature z-scoring with statistics from training data; serialisable. */
export interface Standardiser {
  mean: number[];
  std: number[];
}

/** Mean and std of each column; a constant column gets std 1 (it standardises to 0). */
export function fitStandardiser(rows: readonly ArrayLike<number>[]): Standardiser {
  if (rows.length === 0) throw new Error('no rows to fit a standardiser on');
  const width = rows[0].length;
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  for (const r of rows) for (let j = 0; j < width; j++) mean[j] += r[j];
  for (let j = 0; j < width; j++) mean[j] /= rows.length;
  for (const r of rows) for (let j = 0; j < width; j++) sq[j] += (r[j] - mean[j]) ** 2;
  const std = sq.map((s) => {
    const sd = Math.sqrt(s / rows.length);
    return sd > 1e-8 ? sd : 1;
  });
  return { mean, std };
}

/** z-scores of one row, clipped to ±`clip` so one odd window cannot dominate the network. */
export function standardise(row: ArrayLike<number>, s: Standardiser, clip = 8): Float32Array {
  const out = new Float32Array(s.mean.length);
  for (let j = 0; j < out.length; j++) out[j] = Math.max(-clip, Math.min(clip, (row[j] - s.mean[j]) / s.std[j]));
  return out;
}
