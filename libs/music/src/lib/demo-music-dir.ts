import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The bundled demo catalog (demo/music in the repo): the nearest `demo/music/catalog.json`
 * above the working directory or above this module. Both starting points, because jest and
 * swc-node run this file from libs/music/src while the API runs it bundled into
 * dist/apps/api/main.js, and either may be started from outside the repo. Null when neither
 * finds it (e.g. a deployment that ships without the demo).
 */
export function findDemoMusicDir(starts: readonly string[] = defaultStarts()): string | null {
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'demo', 'music', 'catalog.json'))) return join(dir, 'demo', 'music');
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

function defaultStarts(): string[] {
  // __dirname is absent under native ESM loaders; the working directory still applies there.
  return typeof __dirname === 'string' ? [process.cwd(), __dirname] : [process.cwd()];
}

/** findDemoMusicDir() resolved once at load; null if the demo catalog is not on this machine. */
export const DEMO_MUSIC_DIR: string | null = findDemoMusicDir();
