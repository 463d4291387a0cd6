import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetsDir } from '../../testing/fixtures';
import { chooseBackend } from '../backend';
import { loadCkPlus48 } from '../datasets/ckplus48';
import type { FaceCropSet } from '../datasets/face-crop-set';
import { TrainedFaceClassifier } from '../face/trained-face-classifier';
import { NO_AUGMENTATION } from './augment';
import { buildFaceModel } from './architectures';
import { argmax, evaluateModel } from './evaluate';
import { assembleFaceEnsemble, parseFaceEnsembleConfig } from './face-ensemble';
import { runFaceTraining, type FoldResult } from './face-training';
import { parseFaceTrainingConfig } from './face-training-config';
import { trainClassifier, type TrainRun } from './trainer';
import { registerWasmGradients } from './wasm-gradients';

const DATASETS = datasetsDir();
const available = existsSync(join(DATASETS, 'ckplus48'));
if (!available) console.warn(`CK+48 not found under ${DATASETS}: training smoke tests skipped (set DATASETS_DIR)`);

/** Four epochs of the tiny architecture on `data`, validated on the same crops. */
function fourEpochs(data: FaceCropSet, checkpointDir: string): TrainRun {
  return {
    build: () => buildFaceModel('tiny', data.labels.length, 48, 1),
    train: data,
    validation: data,
    config: {
      epochs: 4,
      // 64 steps: enough for batch norm's moving averages (momentum 0.9) to follow the data.
      batchSize: 8,
      learningRate: 0.003,
      seed: 1,
      augment: NO_AUGMENTATION,
      classWeighting: 'none',
    },
    checkpointDir,
    log: () => undefined,
  };
}

// A few batches of the tiny architecture on real CK+48 crops: the whole training path on wasm.
(available ? describe : describe.skip)('training on real CK+48 crops (smoke)', () => {
  let work: string;
  beforeAll(async () => {
    await chooseBackend('wasm');
    registerWasmGradients();
    work = await mkdtemp(join(tmpdir(), 'attune-train-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('lowers the loss, checkpoints every epoch and resumes from the saved epoch', async () => {
    const data = await loadCkPlus48(join(DATASETS, 'ckplus48'), { limit: 128 });
    const lines: string[] = [];
    const run = { ...fourEpochs(data, join(work, 'checkpoint')), log: (line: string) => lines.push(line) };

    const before = await evaluateModel(buildFaceModel('tiny', data.labels.length, 48, 1), data);
    const first = await trainClassifier({ ...run, maxEpochs: 2 });
    expect(first.state.epoch).toBe(2);
    expect(JSON.parse(readFileSync(join(work, 'checkpoint', 'latest.json'), 'utf8'))).toEqual({
      checkpoint: 'epoch-2',
    });
    expect(existsSync(join(work, 'checkpoint', 'epoch-2', 'optimizer.bin'))).toBe(true);
    first.model.dispose();

    const second = await trainClassifier(run);
    expect(lines).toContain(
      'resuming after epoch 2 (best val_acc ' +
        (first.state.bestValAccuracy * 100).toFixed(2) +
        `% at epoch ${first.state.bestEpoch})`,
    );
    expect(second.state.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(lines.filter((l) => l.startsWith('epoch'))).toHaveLength(4);
    const losses = second.state.history.map((h) => h.loss);
    expect(losses[3]).toBeLessThan(losses[0] * 0.95);
    // Inference runs on batch norm's moving averages: they must have followed the data.
    const after = await evaluateModel(second.model, data);
    expect(after.loss).toBeLessThan(before.loss * 0.95);
    expect(after.accuracy).toBeGreaterThan(0.3);
    second.model.dispose();
  });

  it('trains data-parallel over two threads, recording it per epoch', async () => {
    const data = await loadCkPlus48(join(DATASETS, 'ckplus48'), { limit: 128 });
    const before = await evaluateModel(buildFaceModel('tiny', data.labels.length, 48, 1), data);
    const result = await trainClassifier({ ...fourEpochs(data, join(work, 'parallel')), workers: 2 });
    expect(result.state.history.map((h) => h.workers)).toEqual([2, 2, 2, 2]);
    const losses = result.state.history.map((h) => h.loss);
    expect(losses[3]).toBeLessThan(losses[0] * 0.95);
    const after = await evaluateModel(result.model, data);
    expect(after.loss).toBeLessThan(before.loss * 0.95);
    expect(after.accuracy).toBeGreaterThan(0.3);
    result.model.dispose();
  });

  it('writes a loadable model folder with metadata through runFaceTraining, resuming after --max-epochs', async () => {
    const config = parseFaceTrainingConfig({
      id: 'smoke-ck',
      architecture: 'tiny',
      dataset: 'ckplus48',
      data: 'ckplus48',
      folds: 2,
      epochs: 1,
      batchSize: 32,
    });
    const options = { datasetsDir: DATASETS, modelsDir: join(work, 'models'), limit: 64, log: () => undefined };
    const partial = await runFaceTraining(config, { ...options, resume: false, maxEpochs: 1 });
    expect(partial.complete).toBe(false);
    await expect(runFaceTraining(config, { ...options, resume: false })).rejects.toThrow(/--resume/);
    // A checkpoint written before a config field existed resumes with that field's default.
    const savedConfig = join(work, 'models', 'smoke-ck', 'checkpoint', 'config.json');
    const { tta, learningRateSchedule, ...older } = JSON.parse(readFileSync(savedConfig, 'utf8'));
    expect([tta, learningRateSchedule]).toEqual([false, 'constant']);
    writeFileSync(savedConfig, JSON.stringify(older));
    await expect(runFaceTraining({ ...config, tta: true }, { ...options, resume: true })).rejects.toThrow(
      /different config/,
    );
    const done = await runFaceTraining(config, { ...options, resume: true });
    expect(done.complete).toBe(true);
    const dir = join(work, 'models', 'smoke-ck');
    const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({
      id: 'smoke-ck',
      architecture: 'tiny',
      dataset: 'ckplus48',
      inputSize: 48,
      channels: 1,
    });
    expect(metadata.labels).toContain('contempt');
    expect(metadata.metrics.folds).toHaveLength(2);
    // Each fold keeps its held-out predictions, which reproduce its score (for ensembles).
    const folds: FoldResult[] = JSON.parse(readFileSync(join(dir, 'folds.json'), 'utf8'));
    for (const f of folds) {
      expect(f.heldOut).toHaveLength(f.n);
      const correct = f.heldOut!.filter((p) => argmax(p.probabilities) === p.target).length;
      expect(correct / f.n).toBe(f.accuracy);
      expect(f.heldOut![0].source).toMatch(/^[a-z]+\/S\d+_\d+_\d+\.png$/);
    }

    const classifier = new TrainedFaceClassifier(dir);
    await classifier.load();
    const crops = tf.randomUniform([3, 60, 60, 3], 0, 255) as tf.Tensor4D;
    await classifier.classifyCrops(crops);
    const tensors = tf.memory().numTensors;
    const rows = await classifier.classifyCrops(crops);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(rows).toHaveLength(3);
    rows.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
    crops.dispose();
    classifier.dispose();

    // Fine-tuning: another run starts from this model's weights and records where it came from;
    // a cosine schedule sets each epoch's learning rate, and tta is recorded for inference.
    const tuned = parseFaceTrainingConfig({
      ...config,
      id: 'smoke-ck-tuned',
      initFrom: 'smoke-ck',
      epochs: 2,
      learningRate: 0.002,
      learningRateSchedule: 'cosine',
      tta: true,
    });
    const tunedLog: string[] = [];
    const outcome = await runFaceTraining(tuned, { ...options, resume: false, log: (l) => tunedLog.push(l) });
    // Same labels, so the softmax carries over too.
    expect(tunedLog).toContain('initialised from smoke-ck (all layers)');
    expect(outcome.metadata?.config['initialisedFrom']).toMatchObject({ id: 'smoke-ck', metrics: metadata.metrics });
    expect(outcome.metadata?.tta).toBe(true);
    const history = JSON.parse(readFileSync(join(work, 'models', 'smoke-ck-tuned', 'history.json'), 'utf8'));
    expect(history.map((h: { learningRate: number }) => h.learningRate)).toEqual([0.002, 0.001]);

    // Both runs held out the same subjects, so their held-out predictions form a cross-validated ensemble.
    const ensembleConfig = { id: 'smoke-ck-both', architecture: 'accurate', dataset: 'ckplus48' };
    const members = ['smoke-ck', 'smoke-ck-tuned'];
    await expect(
      assembleFaceEnsemble(parseFaceEnsembleConfig({ ...ensembleConfig, members, tta: true }), options),
    ).rejects.toThrow(/smoke-ck was scored without the mirror/);
    await expect(
      assembleFaceEnsemble(parseFaceEnsembleConfig({ ...ensembleConfig, members: ['smoke-ck', 'absent'] }), options),
    ).rejects.toThrow(/member absent: no trained model/);
    const ensemble = await assembleFaceEnsemble(parseFaceEnsembleConfig({ ...ensembleConfig, members }), options);
    expect(ensemble).toMatchObject({ dataset: 'ckplus48', members, labels: metadata.labels });
    expect(ensemble.metrics['folds']).toEqual(
      folds.map(({ fold, subjects, n }) => expect.objectContaining({ fold, subjects, n })),
    );
    const loaded = new TrainedFaceClassifier(join(work, 'models', 'smoke-ck-both'));
    await loaded.load();
    const faces = tf.randomUniform([2, 48, 48, 3], 0, 255) as tf.Tensor4D;
    expect(await loaded.classifyCrops(faces)).toHaveLength(2);
    faces.dispose();
    loaded.dispose();
  });
});
