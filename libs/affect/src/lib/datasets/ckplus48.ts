import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeAll } from './decode-grey';
import type { FaceCropSet } from './face-crop-set';
import { CKPLUS48_FOLDERS, CKPLUS48_LABELS } from './label-maps';

/** `S010_004_00000017.png`: subject S010, sequence 004, frame 17. */
const CKPLUS_NAME = /^(S\d+)_(\d+)_(\d+)\.png$/i;

export function ckplusSubject(fileName: string): string {
  const match = CKPLUS_NAME.exec(fileName);
  if (!match) throw new Error(`not a CK+ file name (S###_###_########.png): ${fileName}`);
  return match[1].toUpperCase();
}

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

/**
 * CK+48 in its public layout, `<dir>/<class>/S###_###_########.png`. Unknown class folders are an
 * error (a label map must say where they go), files not named like CK+ too.
 */
export async function loadCkPlus48(dir: string, { size = 48, limit }: LoadOptions = {}): Promise<FaceCropSet> {
  const entries: Array<{ file: string; target: number; subject: string }> = [];
  for (const folder of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const label = CKPLUS48_FOLDERS[folder.name.toLowerCase()];
    if (!label) throw new Error(`CK+48: unknown class folder "${folder.name}" in ${dir}`);
    const target = CKPLUS48_LABELS.indexOf(label);
    for (const name of (await readdir(join(dir, folder.name))).filter((n) => /\.png$/i.test(n)).sort()) {
      entries.push({ file: join(dir, folder.name, name), target, subject: ckplusSubject(name) });
    }
  }
  if (entries.length === 0) throw new Error(`CK+48: no images under ${dir}`);
  entries.sort((a, b) => a.file.localeCompare(b.file));
  const chosen = spread(entries, limit);
  return {
    labels: CKPLUS48_LABELS,
    size,
    pixels: await decodeAll(
      chosen.map((e) => e.file),
      size,
    ),
    targets: Int32Array.from(chosen, (e) => e.target),
    sources: chosen.map((e) => e.file),
    subjects: chosen.map((e) => e.subject),
  };
}
