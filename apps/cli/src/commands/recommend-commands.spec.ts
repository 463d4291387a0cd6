import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../../..');

/** Runs the CLI exactly as `npm run -s attune -- …` does. */
async function attune(env: Record<string, string>, ...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...env },
    });
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; code: number };
    return { stdout: e.stdout, code: e.code };
  }
}

const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

jest.setTimeout(90_000);

describe('attune simulate / bench recommend / catalog analyze', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'attune-rec-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('simulates deterministically for a seed, ending with one JSON object', async () => {
    const args = ['simulate', '--strategies', 'emotion-folder-random,contextual-bandit', '--participants', '6', '--tracks-per-session', '12', '--seed', '4', '--json'];
    const [a, b] = await Promise.all([attune({}, ...args), attune({}, ...args)]);
    expect(a.code).toBe(0);
    const report = lines(a.stdout).pop();
    const again = lines(b.stdout).pop();
    delete report.seconds;
    delete again.seconds;
    expect(again).toEqual(report);
    expect(report.results.map((r: { strategy: string }) => r.strategy)).toEqual(['emotion-folder-random', 'contextual-bandit']);
    expect(report.results[1].meanReward.ci95).toHaveLength(2);
  });

  it('benchmarks recommendations per strategy with the machine named', async () => {
    const { stdout, code } = await attune({}, 'bench', 'recommend', '--tracks', '500', '--iterations', '5', '--strategies', 'mood-congruent,contextual-bandit+diversity', '--json');
    expect(code).toBe(0);
    const report = lines(stdout).pop();
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.results.map((r: { strategy: string }) => r.strategy)).toEqual(['mood-congruent', 'contextual-bandit+diversity']);
    expect(report.results[0].p50Ms).toBeGreaterThan(0);
  });

  it('analyses a folder: one JSON line per track, a bad file reported, a summary last', async () => {
    const music = join(dir, 'music');
    mkdirSync(join(music, 'happy'), { recursive: true });
    // 3 s of a 220 Hz tone with a click every half second, as 16-bit mono WAV.
    const rate = 22050;
    const pcm = Buffer.alloc(rate * 3 * 2);
    for (let i = 0; i < rate * 3; i++) {
      const click = i % (rate / 2) < 200 ? 0.5 * Math.sin(i) : 0;
      pcm.writeInt16LE(Math.round(32767 * (0.2 * Math.sin((2 * Math.PI * 220 * i) / rate) + click)), i * 2);
    }
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(36 + pcm.length, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(rate, 24);
    header.writeUInt32LE(rate * 2, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36);
    header.writeUInt32LE(pcm.length, 40);
    writeFileSync(join(music, 'happy', 'tone.wav'), Buffer.concat([header, pcm]));
    writeFileSync(join(music, 'happy', 'broken.mp3'), 'not audio at all');
    const env = { DATA_DIR: join(dir, 'data') };
    const first = await attune(env, 'catalog', 'analyze', '--dir', music, '--json');
    expect(first.code).toBe(1);
    const out = lines(first.stdout);
    const summary = out.pop();
    expect(out).toEqual([
      { file: 'happy/broken.mp3', error: expect.any(String) },
      expect.objectContaining({ file: 'happy/tone.wav', emotion: 'happy', cached: false, provenance: expect.objectContaining({ valence: 'analysis' }) }),
    ]);
    expect(summary).toMatchObject({ tracks: 2, analysed: 1, failed: 1, cached: 0, problems: [{ path: 'happy/broken.mp3' }] });
    expect(summary.xRealTime).toBeGreaterThan(0);
    const second = lines((await attune(env, 'catalog', 'analyze', '--dir', music, '--json')).stdout);
    expect(second.pop()).toMatchObject({ analysed: 0, cached: 1, xRealTime: null });
    expect(readFileSync(join(dir, 'data', 'music-analysis', `${out[1].sha256}.json`), 'utf8')).toContain(out[1].sha256);
  });

  it('states the last-line convention in --help', async () => {
    const { stdout } = await attune({}, 'catalog', 'analyze', '--help');
    expect(stdout.replace(/\s+/g, ' ')).toMatch(/last line is always one JSON object/);
  });
});
