import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { composeFrame } from '@attune/affect';

/** The shared datasets folder (DATASETS_DIR), or null on a clone without it. */
export function datasetsDir(): string | null {
  const dir = resolve(process.env['DATASETS_DIR'] ?? join(__dirname, '../../../../../shared/datasets'));
  return existsSync(join(dir, 'ckplus48')) ? dir : null;
}

/** A 640x480 webcam-like JPEG with a real CK+48 face (subject S010, a posed smile) in it. */
export async function happyFrame(dir: string): Promise<Buffer> {
  return composeFrame(readFileSync(join(dir, 'ckplus48/happy/S010_006_00000015.png')));
}

/** A 640x480 JPEG with nobody in it. */
export function emptyFrame(): Promise<Buffer> {
  return sharp({
    create: {
      width: 640,
      height: 480,
      channels: 3,
      background: { r: 90, g: 110, b: 130 },
    },
  })
    .jpeg()
    .toBuffer();
}
