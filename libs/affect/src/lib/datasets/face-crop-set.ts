import type { FaceLabel } from '../face/face-crop-classifier';

/** Labelled grey face crops, all resized to one square side, packed for training. */
export interface FaceCropSet {
  /** Class index -> label; `targets` hold indices into it. */
  labels: readonly FaceLabel[];
  /** Side of every crop in pixels. */
  size: number;
  /** `n * size * size` grey values 0..255, row-major, one crop after another. */
  pixels: Uint8Array;
  targets: Int32Array;
  /** Where each crop came from (a file path, or `<csv>#<row>`). */
  sources: string[];
  /** Person id per crop, when the dataset names its subjects (CK+). */
  subjects?: string[];
}

/** The items at `indices`, in that order (copies pixels; datasets are small enough). */
export function subsetOf(dataset: FaceCropSet, indices: readonly number[]): FaceCropSet {
  const area = dataset.size * dataset.size;
  const pixels = new Uint8Array(indices.length * area);
  indices.forEach((item, i) => pixels.set(dataset.pixels.subarray(item * area, (item + 1) * area), i * area));
  return {
    labels: dataset.labels,
    size: dataset.size,
    pixels,
    targets: Int32Array.from(indices, (i) => dataset.targets[i]),
    sources: indices.map((i) => dataset.sources[i]),
    ...(dataset.subjects ? { subjects: pick(dataset.subjects, indices) } : {}),
  };
}

function pick<T>(items: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => items[i]);
}

/** Items per class, in label order. */
export function classCounts(dataset: FaceCropSet): number[] {
  const counts = dataset.labels.map(() => 0);
  for (const t of dataset.targets) counts[t]++;
  return counts;
}
