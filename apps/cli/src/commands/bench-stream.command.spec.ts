import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../../..');
const DATASETS = process.env['DATASETS_DIR'] ?? join(ROOT, '../shared/datasets');
const BUILT = existsSync(join(ROOT, 'dist/apps/api/main.js'));
const ready = BUILT && existsSync(join(DATASETS, 'ckplus48'));
if (!ready) console.warn('bench-stream spec: needs the built API (npm test builds it) and DATASETS_DIR; skipped');

jest.setTimeout(180_000);

(ready ? describe : describe.skip)('attune bench stream (a real server, real faces)', () => {
  it.each(['crop', 'frame'])('streams %s payloads from simulated participants and accounts for every one', async (mode) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'bench', 'stream', '--sessions', '3', '--fps', '2', '--seconds', '4', '--warmup', '2', '--mode', mode, '--json'],
      { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', DATASETS_DIR: DATASETS } },
    );
    const report = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(report).toMatchObject({ mode, sessions: 3, fps: 2 });
    const f = report.frames;
    expect(f.sent).toBeGreaterThan(0);
    expect(f.processed).toBeGreaterThan(0);
    // Every frame sent is processed, replaced by a newer one, or refused with a typed error: none is lost.
    const refused = Object.values(f.errors as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(f.processed + f.replaced + refused).toBe(f.sent);
    expect(f.unanswered).toBe(0);
    expect(report.latencyMs.p95).toBeGreaterThan(0);
    expect(report.server.rssMb.end).toBeGreaterThan(0);
    expect(report.machine.cores).toBeGreaterThan(0);
  });
});
