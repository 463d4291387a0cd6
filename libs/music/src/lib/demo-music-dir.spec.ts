import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_MUSIC_DIR, findDemoMusicDir } from './demo-music-dir';

describe('findDemoMusicDir', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'attune-repo-'));
    await mkdir(join(root, 'demo', 'music'), { recursive: true });
    await writeFile(join(root, 'demo', 'music', 'catalog.json'), '[]');
    await mkdir(join(root, 'dist', 'apps', 'api'), { recursive: true });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('walks up from a bundle directory to the repo root', () => {
    expect(findDemoMusicDir([join(root, 'dist', 'apps', 'api')])).toBe(join(root, 'demo', 'music'));
  });

  it('tries the next starting point when the first finds nothing', () => {
    expect(findDemoMusicDir([tmpdir(), root])).toBe(join(root, 'demo', 'music'));
  });

  it('is null when no start lies inside a repo with the demo', () => {
    expect(findDemoMusicDir([join(root, '..')])).toBeNull();
  });

  it('finds the demo of this repo from the source tree', () => {
    expect(DEMO_MUSIC_DIR).toBe(resolve(__dirname, '../../../../demo/music'));
  });
});
