import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeWav16 } from '@attune/audio-features';

const ROOT = join(__dirname, '../../../..');
const CODES = ['W', 'L', 'E', 'A', 'F', 'T', 'N'];

/** A harmonic vowel whose pitch and brightness depend on the class: learnable, and voiced. */
function vowel(classIndex: number, take: number, rate = 22050): Float32Array {
  const f0 = 110 + 25 * classIndex + 3 * take;
  const harmonics = 3 + classIndex;
  return Float32Array.from({ length: Math.round(1.6 * rate) }, (_, i) => {
    let v = 0;
    for (let h = 1; h <= harmonics; h++) v += Math.sin((2 * Math.PI * f0 * h * i) / rate) / h;
    return 0.12 * v;
  });
}

function attune(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string }> {
  return promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop() ?? '');

// Training a small voice model on real WAVs takes a while on a loaded 2-core machine.
jest.setTimeout(180_000);

describe('attune train|eval|bench voice', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-voice-'));
    await mkdir(join(dir, 'wav'));
    for (const speaker of ['03', '08'])
      for (const [c, code] of CODES.entries())
        for (const take of [0, 1])
          await writeFile(join(dir, 'wav', `${speaker}a0${take}${code}a.wav`), encodeWav16(vowel(c, take), 22050));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('trains a model on a folder, then evaluates it and benches it with one JSON object on the last line', async () => {
    const trained = lastJson(
      (await attune(['train', 'voice', '--data', dir, '--out', join(dir, 'models/tiny'), '--no-loso'])).stdout,
    );
    expect(trained).toMatchObject({ model: 'voice-emodb', utterances: 28 });

    const result = lastJson(
      (
        await attune([
          'eval',
          'voice',
          '--dataset',
          'emodb',
          '--data',
          dir,
          '--models-dir',
          join(dir, 'models'),
          '--model',
          'tiny',
          '--json',
        ])
      ).stdout,
    );
    for (const key of ['model', 'dataset', 'n', 'accuracy', 'macroF1', 'uar', 'perClass', 'confusion'])
      expect(result).toHaveProperty(key);
    expect(result).toMatchObject({ model: 'tiny', dataset: 'emodb', n: 28 });
    expect(result.confusion.labels).toEqual(['anger', 'boredom', 'disgust', 'fear', 'happiness', 'sadness', 'neutral']);
    expect(Object.keys(result.perClass.anger).sort()).toEqual(['f1', 'precision', 'recall', 'support']);

    const bench = lastJson(
      (
        await attune(
          ['bench', 'voice', '--windows', '10', '--models-dir', join(dir, 'models'), '--model', 'tiny', '--json'],
          { DATASETS_DIR: dir },
        )
      ).stdout,
    );
    expect(bench.msPerWindow.features.n).toBe(10);
    expect(bench.msPerWindow.inference.p50).toBeGreaterThan(0);
    expect(bench.machine.cores).toBeGreaterThan(0);
  }, 240_000);
});
