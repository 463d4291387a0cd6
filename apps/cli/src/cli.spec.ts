import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../..');
const DATASETS = resolve(process.env['DATASETS_DIR'] ?? join(ROOT, '../shared/datasets'));

/** Runs the CLI exactly as `npm run -s attune -- …` does. */
async function attune(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' } },
    );
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; code: number };
    return { stdout: e.stdout, code: e.code };
  }
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

jest.setTimeout(60_000);

describe('attune command line', () => {
  it('lists its commands in --help', async () => {
    const { stdout, code } = await attune('--help');
    expect(code).toBe(0);
    for (const command of ['detect', 'catalog', 'db']) expect(stdout).toContain(command);
  });

  it('scans the demo catalog into every emotion folder', async () => {
    const out = lastJson((await attune('catalog', 'scan', '--json')).stdout);
    expect(out.problems).toEqual([]);
    expect(new Set(out.tracks.map((t: { emotion: string }) => t.emotion)).size).toBe(7);
  });

  (existsSync(join(DATASETS, 'ckplus48')) ? it : it.skip)('detects a happy face and reports a bad file', async () => {
    const face = join(DATASETS, 'ckplus48/happy/S010_006_00000015.png');
    const { stdout, code } = await attune('detect', face, join(ROOT, 'package.json'), '--json');
    expect(code).toBe(1);
    const [good, bad] = lastJson(stdout).results;
    expect(good.faces[0].label).toBe('happy');
    expect(bad).toMatchObject({ faces: [], error: expect.stringMatching(/not a decodable image/) });
  });
});
