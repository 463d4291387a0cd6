import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeFrame } from '@attune/affect';
import { REPO_ROOT } from './server-process';
import { stillY4m } from './y4m';

/** The public datasets (`DATASETS_DIR`, default ../shared/datasets). */
export const DATASETS = resolve(process.env['DATASETS_DIR'] ?? join(REPO_ROOT, '../shared/datasets'));

/** A real posed smile (CK+48, subject S010) for the fake webcam. */
export const HAPPY_FACE = join(DATASETS, 'ckplus48/happy/S010_006_00000015.png');

/** Writes a y4m of the CK+48 smile upscaled onto a 640x480 frame, as a webcam would show it; returns its path. */
export async function happyFaceVideo(dir: string): Promise<string> {
  const frame = await composeFrame(readFileSync(HAPPY_FACE));
  const video = join(dir, 'happy-face.y4m');
  writeFileSync(video, await stillY4m(frame));
  return video;
}
