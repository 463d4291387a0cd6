import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { loadClassFolders, spread, type LoadOptions } from './class-folders';
import type { FaceCropSet } from './face-crop-set';
import { FER2013_CODES, FER2013_FOLDERS } from './label-maps';

export type Fer2013Split = 'train' | 'validation' | 'test';

/** The CSV's `Usage` value of each folder split (Kaggle: Training, PublicTest, PrivateTest). */
export const FER2013_USAGE: Readonly<Record<Fer2013Split, string>> = {
  train: 'Training',
  validation: 'PublicTest',
  test: 'PrivateTest',
};

/** One split of the folder layout, `<dir>/<split>/<class>/*.jpg|png`; unknown class folders are an error. */
export function loadFer2013Folder(dir: string, split: Fer2013Split, options: LoadOptions = {}): Promise<FaceCropSet> {
  return loadClassFolders(
    join(dir, split),
    { dataset: 'FER2013', folders: FER2013_FOLDERS, labels: FER2013_CODES, images: /\.(jpe?g|png)$/i },
    options,
  );
}

/**
 * The Kaggle CSV, `emotion,pixels,Usage` (header first; pixels = 2304 space-separated 0..255 of a
 * 48x48 grey face). Rows whose Usage is not the split's are skipped.
 */
export async function loadFer2013Csv(
  file: string,
  split: Fer2013Split,
  { size = 48, limit }: LoadOptions = {},
): Promise<FaceCropSet> {
  const usage = FER2013_USAGE[split];
  const rows: Array<{ pixels: Uint8Array; target: number; source: string }> = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let columns: Record<string, number> | undefined;
  let row = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const cells = line.split(',').map((c) => c.trim());
    if (!columns) {
      columns = Object.fromEntries(cells.map((name, i) => [name.toLowerCase(), i]));
      for (const name of ['emotion', 'pixels', 'usage']) {
        if (columns[name] === undefined) throw new Error(`FER2013 CSV ${file}: no "${name}" column in the header`);
      }
      continue;
    }
    row++;
    if (cells[columns['usage']] !== usage) continue;
    const code = Number(cells[columns['emotion']]);
    if (!Number.isInteger(code) || !FER2013_CODES[code])
      throw new Error(`FER2013 CSV ${file} row ${row}: emotion "${cells[columns['emotion']]}" is not 0..6`);
    const values = cells[columns['pixels']].split(/\s+/).map(Number);
    if (values.length !== 48 * 48 || values.some((v) => !(v >= 0 && v <= 255))) {
      throw new Error(`FER2013 CSV ${file} row ${row}: expected 2304 pixel values 0..255, got ${values.length}`);
    }
    rows.push({ pixels: Uint8Array.from(values), target: code, source: `${file}#${row}` });
  }
  if (rows.length === 0) throw new Error(`FER2013 CSV ${file}: no rows with Usage ${usage}`);
  const chosen = spread(rows, limit);
  const area = size * size;
  const pixels = new Uint8Array(chosen.length * area);
  for (const [i, r] of chosen.entries())
    pixels.set(size === 48 ? r.pixels : await resizeGrey(r.pixels, size), i * area);
  return {
    labels: FER2013_CODES,
    size,
    pixels,
    targets: Int32Array.from(chosen, (r) => r.target),
    sources: chosen.map((r) => r.source),
  };
}

async function resizeGrey(pixels: Uint8Array, size: number): Promise<Uint8Array> {
  const data = await sharp(pixels, { raw: { width: 48, height: 48, channels: 1 } })
    .resize(size, size, { fit: 'fill' })
    .raw()
    .toBuffer();
  return Uint8Array.from(data);
}
