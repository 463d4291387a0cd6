import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../../..');
const DATASETS = resolve(process.env['DATASETS_DIR'] ?? join(ROOT, '../shared/datasets'));
const available = existsSync(join(DATASETS, 'fer2013', 'validation')) && existsSync(join(DATASETS, 'dair_emotion'));
if (!available)
  console.warn(`eval fusion smoke test skipped: no FER2013 and dair emotion in ${DATASETS} (set DATASETS_DIR)`);

function attune(args: string[]): Promise<{ stdout: string }> {
  return promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', DATASETS_DIR: DATASETS },
    maxBuffer: 16 * 1024 * 1024,
  });
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop() ?? '');

/** A voice held-out file as `eval voice --protocol loso --held-out-out` writes it (10 per class, 70% right). */
function voiceFixture() {
  const labels = ['angry', 'fear', 'happy', 'sad'];
  const emotions = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];
  const predictions = labels.flatMap((label, li) =>
    Array.from({ length: 10 }, (_, i) => {
      const said = i < 7 ? label : labels[(li + 1) % labels.length];
      const distribution = Object.fromEntries(
        emotions.map((e) => [e, e === said ? 0.7 : labels.includes(e) ? 0.1 : 0]),
      );
      return { label, distribution, confidence: 0.7, id: `${label}-${i}.wav` };
    }),
  );
  return { modality: 'voice', modelId: 'voice-emodb', source: 'fixture', predictions };
}

jest.setTimeout(90_000);

(available ? describe : describe.skip)('attune eval fusion (smoke)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-fusion-'));
    await writeFile(join(dir, 'voice.json'), JSON.stringify(voiceFixture()));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs the study on a few held-out samples per class and reports every condition and the acceptance', async () => {
    const out = join(dir, 'eval-fusion.json');
    const { stdout } = await attune([
      'eval',
      'fusion',
      '--limit',
      '12',
      '--triples',
      '20',
      '--seeds',
      '1,2',
      '--voice-held-out',
      join(dir, 'voice.json'),
      '--out',
      out,
      '--json',
    ]);
    const result = lastJson(stdout);
    expect(result).toMatchObject({
      study: 'fusion',
      seeds: [1, 2],
      triples: 80,
      labels: ['angry', 'fear', 'happy', 'sad'],
    });
    expect(result.protocol).toMatch(/calibration half/i);
    expect(result.sources.voice).toMatchObject({ modelId: 'voice-emodb', heldOut: 40 });
    expect(result.sources.face.heldOut).toBe(48);
    expect(result.sources.text.modelId).toBe('text-dair');
    for (const name of [
      'single:face',
      'single:voice',
      'single:text',
      'fusion',
      'missing:voice',
      'corrupt-noise:text',
      'corrupt-wrong:face',
    ])
      expect(result.conditions[name]).toMatchObject({
        accuracy: { mean: expect.any(Number), min: expect.any(Number) },
        macroF1: { mean: expect.any(Number), min: expect.any(Number) },
        ci95AtMin: [expect.any(Number), expect.any(Number)],
      });
    expect(result.acceptance).toMatchObject({
      beatsBestSingle: expect.any(Boolean),
      degradesGracefully: expect.any(Boolean),
    });
    expect(Object.keys(result.acceptance.perCondition)).toHaveLength(10);
    expect(result.acceptance.perCondition['corrupt-wrong:voice']).toMatchObject({
      holds: expect.any(Boolean),
      seeds: 2,
    });
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(result);
  });

  it('refuses --held-out-out without the leave-one-speaker-out protocol', async () => {
    await expect(
      attune(['eval', 'voice', '--dataset', 'emodb', '--data', dir, '--held-out-out', join(dir, 'x.json')]),
    ).rejects.toThrow(/--held-out-out needs --protocol loso/);
  });
});
