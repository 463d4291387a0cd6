import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../../..');
const DATASETS = resolve(process.env['DATASETS_DIR'] ?? join(ROOT, '../shared/datasets'));
const available = existsSync(join(DATASETS, 'ckplus48')) && existsSync(join(DATASETS, 'fer2013'));
if (!available)
  console.warn(`eval/bench command tests skipped: no CK+48 and FER2013 in ${DATASETS} (set DATASETS_DIR)`);

/** Runs the CLI as `npm run -s attune -- …` does; stderr is kept apart, as a user sees it. */
async function attune(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' }, maxBuffer: 16 << 20 },
    );
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return e;
  }
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop() as string);

/** Copies the first `count` images of each class folder of `from` into `to`. */
async function copyLayout(from: string, to: string, count: number): Promise<void> {
  for (const cls of await readdir(from)) {
    await mkdir(join(to, cls), { recursive: true });
    for (const file of (await readdir(join(from, cls))).sort().slice(0, count))
      await copyFile(join(from, cls, file), join(to, cls, file));
  }
}

jest.setTimeout(120_000);

(available ? describe : describe.skip)('attune eval face / bench face / train face', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-eval-'));
    await copyLayout(join(DATASETS, 'ckplus48'), join(dir, 'ck'), 3);
    // A FER2013 folder with only a test split, as the public release has it.
    await copyLayout(join(DATASETS, 'fer2013', 'validation'), join(dir, 'fer', 'test'), 3);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('evaluates an anchor on a CK+48 folder it has never seen, on the shared classes', async () => {
    const { stdout, code } = await attune(
      'eval',
      'face',
      '--dataset',
      'ckplus48',
      '--data',
      join(dir, 'ck'),
      '--model',
      'face-api-expression',
      '--json',
    );
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const result = lastJson(stdout);
    expect(result).toMatchObject({
      model: 'face-api-expression',
      dataset: 'ckplus48',
      n: 18,
      excludedLabels: ['contempt'],
    });
    expect(Object.keys(result.perClass)).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise']);
    expect(result.perClass.happy).toEqual({
      precision: expect.any(Number),
      recall: expect.any(Number),
      f1: expect.any(Number),
      support: 3,
    });
    expect(result.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(18);
    expect(result.accuracy).toBeGreaterThan(0.5);
  });

  it('uses the catalog default and the test split when there is no validation split', async () => {
    const { stdout, stderr, code } = await attune(
      'eval',
      'face',
      '--dataset',
      'fer2013',
      '--data',
      join(dir, 'fer'),
      '--models-dir',
      join(dir, 'none'),
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/no trained face model for fer2013.*using human-emotion/);
    expect(stdout).toMatch(/human-emotion on fer2013 test: 21 images/);
    expect(lastJson(stdout)).toMatchObject({ model: 'human-emotion', split: 'test', n: 21, excludedLabels: [] });
  });

  it('fails with a message on an unknown model or layout', async () => {
    const unknown = await attune('eval', 'face', '--dataset', 'ckplus48', '--data', join(dir, 'ck'), '--model', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown face model nope/);
    const layout = await attune('eval', 'face', '--dataset', 'ckplus48', '--data', join(dir, 'fer'));
    expect(layout.code).toBe(1);
    expect(layout.stderr).toMatch(/unknown class folder/);
  });

  it('benchmarks every model, detector and pipeline, naming the machine', async () => {
    const { stdout, code } = await attune(
      'bench',
      'face',
      '--frames',
      '3',
      '--recall-faces',
      '1',
      '--models-dir',
      join(dir, 'none'),
      '--json',
    );
    expect(code).toBe(0);
    const result = lastJson(stdout);
    expect(result.machine).toMatchObject({ cores: expect.any(Number), node: process.version, backend: 'wasm' });
    expect(result.classifiers.map((c: { model: string }) => c.model)).toEqual(['human-emotion', 'face-api-expression']);
    expect(result.classifiers[0].batch16).toMatchObject({ p50: expect.any(Number), p95: expect.any(Number) });
    expect(result.detectors.map((d: { id: string }) => d.id)).toContain('blazeface');
    expect(result.pipelines[0]).toMatchObject({
      frames: 3,
      total: { p50: expect.any(Number) },
      decode: expect.any(Object),
    });
  });

  it("trains a cross-validated CK+48 model, then draws its card's figures from the run's records", async () => {
    const config = join(dir, 'ck-smoke.json');
    await writeFile(
      config,
      JSON.stringify({
        id: 'ck-smoke',
        architecture: 'tiny',
        dataset: 'ckplus48',
        data: 'ckplus48',
        folds: 2,
        epochs: 2,
        tta: true,
      }),
    );
    const models = join(dir, 'models');
    const trained = await attune('train', 'face', '--config', config, '--models-dir', models, '--limit', '48');
    expect(trained.code).toBe(0);
    expect(lastJson(trained.stdout)).toMatchObject({ id: 'ck-smoke', complete: true, metadata: { tta: true } });

    const { stdout, code } = await attune('train', 'report', '--model', 'ck-smoke', '--models-dir', models);
    expect(code).toBe(0);
    const report = lastJson(stdout);
    expect(report.written.map((f: string) => f.slice(models.length + 1))).toEqual([
      'ck-smoke.training-accuracy.png',
      'ck-smoke.training-loss.png',
      'ck-smoke.cv-confusion.png',
    ]);
    report.written.forEach((f: string) => expect(existsSync(f)).toBe(true));
    expect(report.epochs).toBe(2);
    expect(Object.keys(report.perClass)).toContain('contempt');
    const support = Object.values(report.perClass as Record<string, { support: number }>).reduce(
      (n, c) => n + c.support,
      0,
    );
    expect(support).toBe(48);
    expect(report.macroF1).toBeLessThanOrEqual(1);

    // An ensemble of that one model: its held-out predictions give the same figures, without curves.
    const ensembleConfig = join(dir, 'ck-ensemble.json');
    const ensemble = { id: 'ck-ensemble', architecture: 'accurate', dataset: 'ckplus48', members: ['ck-smoke'] };
    await writeFile(ensembleConfig, JSON.stringify({ ...ensemble, tta: true }));
    const assembled = await attune('train', 'face', '--config', ensembleConfig, '--models-dir', models);
    expect(assembled.code).toBe(0);
    const single = JSON.parse(readFileSync(join(models, 'ck-smoke', 'metadata.json'), 'utf8'));
    expect(lastJson(assembled.stdout).metadata.metrics).toMatchObject({
      meanAccuracy: single.metrics.meanAccuracy,
      confusion: single.metrics.confusion,
    });
    const ensembleReport = await attune('train', 'report', '--model', 'ck-ensemble', '--models-dir', models);
    expect(ensembleReport.code).toBe(0);
    expect(lastJson(ensembleReport.stdout)).toMatchObject({
      epochs: 0,
      written: [join(models, 'ck-ensemble.cv-confusion.png')],
      macroF1: report.macroF1,
    });
  });
});
