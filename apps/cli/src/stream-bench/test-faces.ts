import { composeFrame } from '@attune/affect';
import { FACE_CROP_SIDE } from '@attune/protocol';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** What a client sends for one face: the whole 640x480 frame, or its face crop as the web client cuts it. */
export interface TestFace {
  source: string;
  frame: Buffer;
  /** FACE_CROP_SIDE^2 grey bytes (GREY_CROP_MIME). */
  crop: Buffer;
}

/**
 * Real faces from the shared datasets (CK+48 and FER2013 validation, alternating classes),
 * each as a 640x480 webcam-like JPEG and as the raw grey FACE_CROP_SIDE crop the default client sends.
 */
export async function loadTestFaces(datasetsDir: string, count: number): Promise<TestFace[]> {
  const roots = [join(datasetsDir, 'ckplus48'), join(datasetsDir, 'fer2013', 'validation')].filter((d) => existsSync(d));
  if (roots.length === 0) throw new Error(`no face datasets under ${datasetsDir} (set DATASETS_DIR)`);
  const files: string[] = [];
  for (const root of roots) {
    for (const label of (await readdir(root)).sort()) {
      const names = (await readdir(join(root, label))).sort();
      files.push(...names.slice(0, Math.ceil(count / 7)).map((n) => join(root, label, n)));
    }
  }
  // Spread over datasets and classes rather than the first folder's first images.
  const step = Math.max(1, Math.floor(files.length / count));
  const chosen = files.filter((_, i) => i % step === 0).slice(0, count);
  return Promise.all(
    chosen.map(async (file) => {
      const bytes = await readFile(file);
      const crop = await sharp(bytes)
        .greyscale()
        .resize(FACE_CROP_SIDE, FACE_CROP_SIDE)
        .extractChannel(0)
        .raw()
        .toBuffer();
      return { source: file, frame: await composeFrame(bytes), crop };
    }),
  );
}
