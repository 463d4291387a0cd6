import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetsDir } from '../../testing/fixtures';
import { chooseBackend } from '../backend';
import { loadCkPlus48 } from '../datasets/ckplus48';
import { NO_AUGMENTATION } from './augment';
import { buildFaceModel } from './architectures';
import { imageBatch, toModelInput } from './batches';
import { runFaceTraining } from './face-training';
import { parseFaceTrainingConfig } from './face-training-config';
import { sampleLoss } from './batch-gradients';
import { trainClassifier } from './trainer';
import { registerWasmGradients } from './wasm-gradients';

const DATASETS = datasetsDir();
const available = existsSync(join(DATASETS, 'ckplus48')) && existsSync(join(DATASETS, 'fer2013'));
if (!available)
  console.warn(`CK+48 / FER2013 not found under ${DATASETS}: distillation runs skipped (set DATASETS_DIR)`);

describe('sampleLoss', () => {
  beforeAll(() => chooseBackend('wasm'));
  const values = (t: tf.Tensor) => Array.from(t.dataSync());

  it('is the cross-entropy with the labels without a teacher, and its share of it with a matching one', () => {
    tf.tidy(() => {
      const probs = tf.tensor2d([
        [0.7, 0.3],
        [0.4, 0.6],
      ]);
      const oneHot = tf.tensor2d([
        [1, 0],
        [1, 0],
      ]);
      const expected = [-Math.log(0.7), -Math.log(0.4)];
      values(sampleLoss(probs, oneHot)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
      const same = sampleLoss(probs, oneHot, { taught: probs, weight: 0.25, temperature: 3 });
      values(same).forEach((v, i) => expect(v).toBeCloseTo(0.75 * expected[i], 5));
    });
  });

  it('adds T^2 times the divergence of the softened teacher from the softened student', () => {
    tf.tidy(() => {
      const p = [0.7, 0.3];
      const t = [0.2, 0.8];
      const soften = (x: number[], temperature: number) => {
        const r = x.map((v) => v ** (1 / temperature));
        return r.map((v) => v / (r[0] + r[1]));
      };
      const kl = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * Math.log(v / b[i]), 0);
      const [pT, tT] = [soften(p, 2), soften(t, 2)];
      const loss = sampleLoss(tf.tensor2d([p]), tf.tensor2d([[0, 1]]), {
        taught: tf.tensor2d([t]),
        weight: 0.5,
        temperature: 2,
      });
      expect(values(loss)[0]).toBeCloseTo(0.5 * -Math.log(0.3) + 0.5 * 4 * kl(tT, pT), 5);
    });
  });
});

(available ? describe : describe.skip)('distillation on real crops (smoke)', () => {
  let work: string;
  beforeAll(async () => {
    await chooseBackend('wasm');
    registerWasmGradients();
    work = await mkdtemp(join(tmpdir(), 'attune-distil-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('pulls the student towards the teacher, whatever the labels say', async () => {
    const data = await loadCkPlus48(join(DATASETS, 'ckplus48'), { limit: 64 });
    const classes = data.labels.length;
    // A teacher that always answers "surprise" with 0.8.
    const favourite = data.labels.indexOf('surprise');
    const row = Array.from({ length: classes }, (_, c) => (c === favourite ? 0.8 : 0.2 / (classes - 1)));
    const teacher = {
      probabilities: (input: tf.Tensor4D) => tf.tile(tf.tensor2d([row]), [input.shape[0], 1]) as tf.Tensor2D,
      weight: 1,
      temperature: 1,
    };
    const config = {
      epochs: 6,
      batchSize: 8,
      learningRate: 0.003,
      seed: 1,
      augment: NO_AUGMENTATION,
      classWeighting: 'none' as const,
    };
    const run = { train: data, validation: data, config, log: () => undefined };
    const build = () => buildFaceModel('tiny', classes, 48, 1);
    const taught = await trainClassifier({ ...run, build, checkpointDir: join(work, 'taught'), teacher });
    const plain = await trainClassifier({ ...run, build, checkpointDir: join(work, 'plain') });
    const meanFavourite = (model: typeof taught.model) =>
      tf.tidy(() => {
        const probs = model.predict(toModelInput(imageBatch(data, [...data.targets.keys()]))) as tf.Tensor2D;
        return tf.mean(tf.slice(probs, [0, favourite], [-1, 1])).dataSync()[0];
      });
    const share = data.targets.filter((t) => t === favourite).length / data.targets.length;
    expect(meanFavourite(taught.model)).toBeGreaterThan(0.6);
    expect(meanFavourite(plain.model)).toBeLessThan(share + 0.2);
    [taught.model, plain.model].forEach((m) => m.dispose());
  });

  it('distils from a finished FER2013 model, records it, and refuses one still in training', async () => {
    const base = {
      architecture: 'tiny',
      dataset: 'fer2013',
      data: 'fer2013',
      epochs: 2,
      batchSize: 32,
    };
    const options = { datasetsDir: DATASETS, modelsDir: join(work, 'models'), limit: 64, log: () => undefined };
    const teacherConfig = parseFaceTrainingConfig({ ...base, id: 'teacher' });
    expect((await runFaceTraining(teacherConfig, { ...options, resume: false, maxEpochs: 1 })).complete).toBe(false);
    const student = parseFaceTrainingConfig({ ...base, id: 'student', distillFrom: { model: 'teacher' } });
    expect(student.distillFrom).toEqual({ model: 'teacher', weight: 0.5, temperature: 2 });
    await expect(runFaceTraining(student, { ...options, resume: false })).rejects.toThrow(
      /distillFrom teacher: still training/,
    );
    await runFaceTraining(teacherConfig, { ...options, resume: true });
    await rm(join(work, 'models', 'student'), { recursive: true, force: true });
    const outcome = await runFaceTraining(student, { ...options, resume: false });
    expect(outcome.complete).toBe(true);
    const teacherMetadata = JSON.parse(readFileSync(join(work, 'models', 'teacher', 'metadata.json'), 'utf8'));
    expect(outcome.metadata?.config['distilledFrom']).toEqual({
      id: 'teacher',
      trainedAt: teacherMetadata.trainedAt,
      metrics: teacherMetadata.metrics,
    });
    expect(() =>
      parseFaceTrainingConfig({ ...base, id: 'ck', dataset: 'ckplus48', folds: 2, distillFrom: { model: 'x' } }),
    ).toThrow(/cannot distil/);
  });
});
