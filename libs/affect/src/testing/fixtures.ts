import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Deterministic noise bytes (a linear congruential generator). */
export function noiseBytes(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** `DATASETS_DIR`, else `<repo root>/../shared/datasets` (docs: datasets/README.md). */
export function datasetsDir(): string {
  const configured = process.env['DATASETS_DIR'];
  if (configured) return resolve(configured);
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (nx.json) above ' + __dirname);
    dir = parent;
  }
  return join(dir, '..', 'shared', 'datasets');
}
