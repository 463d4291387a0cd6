import type * as tf from '@tensorflow/tfjs-core';

/** Rows of a `[n, classes]` probability tensor, each renormalised to sum to 1. */
export async function probabilityRows(output: tf.Tensor, classes: number): Promise<number[][]> {
  const values = await output.data();
  const n = values.length / classes;
  if (!Number.isInteger(n)) throw new Error(`model gave ${values.length} values, not a multiple of ${classes} classes`);
  return Array.from({ length: n }, (_, i) => {
    const row = Array.from(values.subarray(i * classes, (i + 1) * classes), (p) => Math.max(0, p));
    const total = row.reduce((sum, p) => sum + p, 0);
    return row.map((p) => (total > 0 ? p / total : 1 / classes));
  });
}
