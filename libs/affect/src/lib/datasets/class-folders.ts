import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaceLabel } from '../face/face-crop-classifier';
import { decodeAll } from './decode-grey';
import type { FaceCropSet } from './face-crop-set';

export interface LoadOptions {
  /** Side the crops are resized to (48 = native). */
  size?: number;
  /** At most this many items, spread evenly over the sorted list so every class keeps some (smoke runs). */
  limit?: number;
}

/** Every k-th item so that at most `limit` remain, in order. */
export function spread<T>(items: readonly T[], limit?: number): T[] {
  if (limit === undefined || items.length <= limit) return [...items];
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]);
}

/** How one dataset lays out its class folders. */
export interface ClassFolderLayout {
  /** The dataset's name, for error messages. */
  dataset: string;
  /** Folder name (lower case) -> label. */
  folders: Readonly<Record<string, FaceLabel>>;
  /** Class index -> label, the set's `labels`. */
  labels: readonly FaceLabel[];
  /** Which files in a class folder are images. */
  images: RegExp;
  /** The subject of an image from its file name, when the layout names subjects; may throw on a bad name. */
  subject?: (fileName: string) => string;
}

/**
 * `<root>/<class>/<image>` as grey crops: images sorted by path, spread down to `limit`, decoded
 * and resized to `size`. A class folder the layout does not map is an error (a label map must say
 * where it goes), and so is a folder without any image.
 */
export async function loadClassFolders(
  root: string,
  layout: ClassFolderLayout,
  { size = 48, limit }: LoadOptions = {},
): Promise<FaceCropSet> {
  const entries: Array<{ file: string; target: number; subject?: string }> = [];
  for (const folder of (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const label = layout.folders[folder.name.toLowerCase()];
    if (!label) throw new Error(`${layout.dataset}: unknown class folder "${folder.name}" in ${root}`);
    const target = layout.labels.indexOf(label);
    for (const name of (await readdir(join(root, folder.name))).filter((n) => layout.images.test(n))) {
      entries.push({ file: join(root, folder.name, name), target, subject: layout.subject?.(name) });
    }
  }
  if (entries.length === 0) throw new Error(`${layout.dataset}: no images under ${root}`);
  entries.sort((a, b) => a.file.localeCompare(b.file));
  const chosen = spread(entries, limit);
  return {
    labels: layout.labels,
    size,
    pixels: await decodeAll(
      chosen.map((e) => e.file),
      size,
    ),
    targets: Int32Array.from(chosen, (e) => e.target),
    sources: chosen.map((e) => e.file),
    ...(layout.subject ? { subjects: chosen.map((e) => e.subject as string) } : {}),
  };
}
