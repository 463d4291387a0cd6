import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseBackend } from '../backend';
import type { FaceCropSet } from '../datasets/face-crop-set';
import { buildFaceModel } from './architectures';
import { NO_AUGMENTATION } from './augment';
import { imageBatch, toModelInput } from './batches';
import { loadCheckpoint } from './checkpoint';
import { evaluateModel } from './evaluate';
import { seededRandom } from './seeded-random';
import { trainClassifier } from './trainer';
import { registerWasmGradients } from './wasm-gradients';
import { recomputeBatchNormStatistics, WeightAverage } from './weight-averaging';

const SIZE = 48;

/** Two classes a CNN can tell apart: a bright upper or lower half, under seeded noise. */
function syntheticCrops(n: number, seed: number): FaceCropSet {
  const random = seededRandom(seed);
  const area = SIZE * SIZE;
  const pixels = new Uint8Array(n * area);
  const targets = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    targets[i] = i % 2;
    for (let p = 0; p < area; p++) {
      const upper = p < area / 2;
      const bright = upper === (targets[i] === 0);
      pixels[i * area + p] = Math.round((bright ? 150 : 60) + 80 * random());
    }
  }
  return { labels: ['happy', 'sad'], size: SIZE, pixels, targets, sources: Array.from(targets, String) };
}

function values(tensors: tf.Tensor[]): number[][] {
  return tensors.map((t) => Array.from(t.dataSync()));
}

beforeAll(async () => {
  await chooseBackend('wasm');
  registerWasmGradients();
});

describe('WeightAverage', () => {
  it('holds the element-wise mean of the weights it was given and writes it into a model', () => {
    const models = [1, 2, 3].map((seed) => buildFaceModel('tiny', 2, SIZE, seed));
    const average = WeightAverage.empty();
    models.forEach((m) => average.add(m));
    expect(average.count).toBe(3);
    const target = buildFaceModel('tiny', 2, SIZE, 9);
    average.applyTo(target);
    const expected = models[0].trainableWeights.map((_, i) =>
      tf.tidy(() => tf.div(tf.addN(models.map((m) => m.trainableWeights[i].read())), 3)),
    );
    const got = values(target.trainableWeights.map((w) => w.read()));
    values(expected).forEach((row, i) => row.forEach((v, j) => expect(got[i][j]).toBeCloseTo(v, 5)));
    tf.dispose(expected);
    average.dispose();
    [...models, target].forEach((m) => m.dispose());
  });
});

describe('recomputeBatchNormStatistics', () => {
  it('makes every batch-norm layer normalise its input over the crops, layer after layer', () => {
    const model = buildFaceModel('tiny', 2, SIZE, 1);
    const data = syntheticCrops(40, 1);
    const indices = Array.from(data.targets, (_, i) => i);
    // Non-trivial scales and shifts, so that "normalised" is not just mean 0 and variance 1.
    const norms = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
    norms.forEach((layer, k) => {
      const [gamma, beta, mean, variance] = layer.getWeights();
      const scaled = [tf.fill(gamma.shape, 0.5 + k), tf.fill(beta.shape, 0.1 * (k + 1))];
      layer.setWeights([...scaled, mean, variance]);
      tf.dispose(scaled);
    });

    // Batches of 16 on 40 crops: the per-batch moments must combine into the exact ones.
    recomputeBatchNormStatistics(model, data, indices, 16);

    expect(norms.length).toBeGreaterThan(1);
    for (const [k, layer] of norms.entries()) {
      const probe = tfl.model({ inputs: model.inputs, outputs: layer.output as tfl.SymbolicTensor });
      const moments = tf.tidy(() => {
        const out = probe.predict(toModelInput(imageBatch(data, indices))) as tf.Tensor;
        const m = tf.moments(out, [0, 1, 2]);
        return [m.mean.dataSync(), m.variance.dataSync()];
      });
      const variance = layer.getWeights()[3].dataSync();
      moments[0].forEach((mean) => expect(mean).toBeCloseTo(0.1 * (k + 1), 3));
      // BN divides by sqrt(variance + epsilon), epsilon = 1e-3 in tfjs-layers.
      moments[1].forEach((v, c) => expect(v).toBeCloseTo(((0.5 + k) ** 2 * variance[c]) / (variance[c] + 1e-3), 3));
    }
    model.dispose();
  });
});

describe('trainClassifier with averageWeightsFrom', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'attune-swa-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('validates and returns the average, trains on the raw weights, and keeps the average across a resume', async () => {
    const train = syntheticCrops(48, 2);
    const validation = syntheticCrops(24, 3);
    const lines: string[] = [];
    const run = {
      build: () => buildFaceModel('tiny', 2, SIZE, 1),
      train,
      validation,
      config: {
        epochs: 3,
        batchSize: 8,
        learningRate: 0.003,
        seed: 1,
        augment: NO_AUGMENTATION,
        classWeighting: 'none' as const,
        averageWeightsFrom: 2,
      },
      checkpointDir: join(work, 'checkpoint'),
      log: (line: string) => lines.push(line),
    };

    const first = await trainClassifier({ ...run, maxEpochs: 2 });
    const saved = await loadCheckpoint(run.checkpointDir);
    expect(saved?.average?.count).toBe(1);
    // One epoch averaged: the average is that epoch's weights, and the checkpoint trains on them.
    const returned = values(first.model.trainableWeights.map((w) => w.read()));
    const stored = values(saved?.average?.tensors.map((t) => t.tensor) ?? []);
    const checkpointWeights = values(saved?.model.trainableWeights.map((w) => w.read()) ?? []);
    stored.forEach((row, i) => row.forEach((v, j) => expect(returned[i][j]).toBeCloseTo(v, 6)));
    checkpointWeights.forEach((row, i) => row.forEach((v, j) => expect(stored[i][j]).toBeCloseTo(v, 6)));
    saved?.model.dispose();
    first.model.dispose();

    const second = await trainClassifier(run);
    const history = second.state.history;
    expect(history.map((h) => h.averagedEpochs)).toEqual([undefined, 1, 2]);
    expect(lines.filter((l) => l.includes('(average of 2 epochs)'))).toHaveLength(1);
    // What was validated at the last epoch is the model handed back.
    const again = await evaluateModel(second.model, validation);
    expect(again.loss).toBeCloseTo(history[2].valLoss, 5);
    // Two epochs averaged: the raw weights in the checkpoint have moved on from the average.
    const last = await loadCheckpoint(run.checkpointDir);
    const raw = values(last?.model.trainableWeights.map((w) => w.read()) ?? []);
    const mean = values(last?.average?.tensors.map((t) => t.tensor) ?? []);
    const differs = raw.some((row, i) => row.some((v, j) => Math.abs(v - mean[i][j]) > 1e-6));
    expect(differs).toBe(true);
    last?.model.dispose();
    second.model.dispose();
  });
});
