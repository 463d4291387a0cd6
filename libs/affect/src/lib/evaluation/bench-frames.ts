import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeFrame } from '../compose-frame';
import type { FrameWithFace } from './detector-recall';

const FRAME = { width: 640, height: 480 };

/**
 * 640x480 camera-like frames with one real face pasted in the centre: `perSet` faces from each of
 * CK+48 (posed, lab) and FER2013 validation (in the wild, harder), taken evenly across classes,
 * each at every size in `faceSizes` (a face far from or near the camera). Sets absent from
 * `datasetsDir` are skipped.
 */
export async function benchFrames(datasetsDir: string, perSet: number, faceSizes: number[]): Promise<FrameWithFace[]> {
  const sources: Array<[string, string]> = [
    ['ckplus48', join(datasetsDir, 'ckplus48')],
    ['fer2013', join(datasetsDir, 'fer2013', 'validation')],
  ];
  const frames: FrameWithFace[] = [];
  for (const [name, dir] of sources) {
    if (!existsSync(dir)) continue;
    for (const file of await spreadAcrossClasses(dir, perSet)) {
      const face = await readFile(file);
      for (const faceSize of faceSizes) {
        const x = Math.round((FRAME.width - faceSize) / 2);
        const y = Math.round((FRAME.height - faceSize) / 2);
        frames.push({
          bytes: await composeFrame(face, { ...FRAME, faceSize }),
          face: { x, y, width: faceSize, height: faceSize },
          group: `${name}@${faceSize}px`,
        });
      }
    }
  }
  return frames;
}

/** About `count` files, evenly spaced through each class folder (so across subjects), deterministic. */
async function spreadAcrossClasses(dir: string, count: number): Promise<string[]> {
  const classes = (await readdir(dir)).sort();
  const perClass = Math.ceil(count / classes.length);
  const picks = await Promise.all(
    classes.map(async (c) => {
      const files = (await readdir(join(dir, c))).sort();
      const take = Math.min(perClass, files.length);
      return Array.from({ length: take }, (_, i) => join(dir, c, files[Math.floor((i * files.length) / take)]));
    }),
  );
  return picks.flat().slice(0, count);
}
