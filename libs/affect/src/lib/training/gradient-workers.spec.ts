import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { chooseBackend, type BackendName } from '../backend';
import { shardGradients, splitRows, type BatchShard } from './batch-gradients';
import { GradientWorkers } from './gradient-workers';
import { registerWasmGradients } from './wasm-gradients';

const CLASSES = 3;

/** Conv, pool and a softmax, without batch norm or dropout: shards' gradients must add up exactly. */
function plainModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [8, 8, 1] });
  const conv = tfl.layers
    .conv2d({
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tfl.initializers.heNormal({ seed: 1 }),
    })
    .apply(input);
  const pooled = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(conv);
  const flat = tfl.layers.flatten().apply(pooled);
  const output = tfl.layers
    .dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) })
    .apply(flat) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}

function batch(n: number): Required<BatchShard> {
  return {
    x: tf.randomUniform([n, 8, 8, 1], 0, 1, 'float32', 3) as tf.Tensor4D,
    labels: tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % CLASSES),
      'int32',
    ),
    sampleWeights: tf.tensor1d(Array.from({ length: n }, (_, i) => 1 + (i % CLASSES) / 2)),
    taught: tf.softmax(tf.randomNormal([n, CLASSES], 0, 1, 'float32', 4)) as tf.Tensor2D,
  };
}

function shardsOf(whole: Required<BatchShard>, parts: number): BatchShard[] {
  const xs = splitRows(whole.x, parts);
  const labels = splitRows(whole.labels, parts);
  const weights = splitRows(whole.sampleWeights, parts);
  const taught = splitRows(whole.taught, parts);
  return xs.map((x, i) => ({ x, labels: labels[i], sampleWeights: weights[i], taught: taught[i] }));
}

describe('GradientWorkers', () => {
  let model: tfl.LayersModel;
  let variables: tf.Variable[];
  let workers: GradientWorkers;
  const distillation = { weight: 0.4, temperature: 2 };

  beforeAll(async () => {
    const backend = (await chooseBackend('wasm')) as BackendName;
    registerWasmGradients();
    model = plainModel();
    variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    workers = await GradientWorkers.start(2, model, { backend, classes: CLASSES, distillation });
    // Weights the workers' copies (built from the same seeded initialisers) do not start with.
    variables.forEach((v, i) => v.assign(tf.randomNormal(v.shape, 0, 0.3, 'float32', 10 + i)));
  });
  afterAll(async () => {
    await workers.close();
    model.dispose();
  });

  it('splits rows into near-equal consecutive parts, never more parts than rows', () => {
    const rows = tf.range(0, 7);
    expect(splitRows(rows, 3).map((part) => Array.from(part.dataSync()))).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(splitRows(tf.range(0, 2), 3)).toHaveLength(2);
  });

  it("adds up, over this thread's shard and two workers', to the whole batch's gradients", async () => {
    const whole = batch(10);
    const expected = shardGradients(model, variables, whole, CLASSES, distillation);
    const [own, ...rest] = shardsOf(whole, 3);
    const weights = variables.map((v) => v.dataSync() as Float32Array);
    const pending = rest.map((shard, i) => workers.compute(i, weights, shard));
    const mine = shardGradients(model, variables, own, CLASSES, distillation);
    const theirs = await Promise.all(pending);

    expect(mine.weightSum + theirs.reduce((s, r) => s + r.weightSum, 0)).toBeCloseTo(expected.weightSum, 5);
    expect(mine.weightedLoss + theirs.reduce((s, r) => s + r.weightedLoss, 0)).toBeCloseTo(expected.weightedLoss, 4);
    expect(mine.hits + theirs.reduce((s, r) => s + r.hits, 0)).toBe(expected.hits);
    expected.grads.forEach((grad, i) => {
      const summed = Array.from(mine.grads[i].dataSync()).map(
        (v, j) => v + theirs[0].grads[i][j] + theirs[1].grads[i][j],
      );
      const want = Array.from(grad.dataSync());
      const scale = Math.max(...want.map(Math.abs));
      summed.forEach((v, j) => expect(Math.abs(v - want[j])).toBeLessThan(1e-4 * scale + 1e-6));
    });
    // The workers really computed something: their shards' gradients are not the batch's.
    expect(Array.from(theirs[0].grads[0])).not.toEqual(Array.from(expected.grads[0].dataSync()));
  });

  it('rejects a step with a message when the weights do not fit the model, and keeps working', async () => {
    const shard = batch(2);
    await expect(workers.compute(0, [new Float32Array(3)], shard)).rejects.toThrow(
      `gradient worker: got 1 weight arrays for ${variables.length} trainable weights`,
    );
    const weights = variables.map((v) => v.dataSync() as Float32Array);
    await expect(workers.compute(0, weights, shard)).resolves.toMatchObject({ hits: expect.any(Number) });
  });

  it('fails every later step once closed', async () => {
    const backend = tf.getBackend() as BackendName;
    const extra = await GradientWorkers.start(1, model, { backend, classes: CLASSES });
    await extra.close();
    await expect(extra.compute(0, [], batch(2))).rejects.toThrow('gradient workers closed');
  });
});
