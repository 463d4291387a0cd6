import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseBackend } from '../backend';
import { diskIOHandler } from '../model-loader';
import { buildFaceModel } from '../training/architectures';
import { PREPROCESSING } from '../training/batches';
import { loadTrainedFaceClassifier, TrainedFaceClassifier } from './trained-face-classifier';
import type { TrainedModelMetadata } from './trained-model-metadata';

const LABELS: TrainedModelMetadata['labels'] = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

function metadata(id: string, extra: Partial<TrainedModelMetadata> = {}): TrainedModelMetadata {
  return {
    id,
    architecture: 'tiny',
    labels: LABELS,
    inputSize: 32,
    channels: 1,
    preprocessing: PREPROCESSING,
    dataset: 'fer2013',
    protocol: 'test fixture, untrained',
    metrics: {},
    trainedAt: '2026-01-01T00:00:00.000Z',
    config: {},
    ...extra,
  };
}

/** A folder with metadata.json and, given a seed, an untrained tiny model with `classes` outputs. */
async function writeModelFolder(
  root: string,
  meta: TrainedModelMetadata,
  seed?: number,
  classes = meta.labels.length,
): Promise<string> {
  const dir = join(root, meta.id);
  await mkdir(dir, { recursive: true });
  if (seed !== undefined) {
    const model = buildFaceModel('tiny', classes, meta.inputSize, seed);
    await model.save(diskIOHandler(join(dir, 'model.json')));
    model.dispose();
  }
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(meta));
  return dir;
}

describe('TrainedFaceClassifier', () => {
  let root: string;
  let crops: tf.Tensor4D;
  beforeAll(async () => {
    await chooseBackend('wasm');
    root = await mkdtemp(join(tmpdir(), 'attune-trained-'));
    await writeModelFolder(root, metadata('a'), 1);
    await writeModelFolder(root, metadata('b', { tta: true }), 2);
    await writeModelFolder(root, metadata('ab', { architecture: 'ensemble', members: ['a', 'b'] }));
    await writeModelFolder(root, metadata('a-tta', { architecture: 'ensemble', members: ['a'], tta: true }));
    await writeModelFolder(root, metadata('wrong', { labels: ['happy', 'sad'] }), 3, 7);
    crops = tf.randomUniform([2, 50, 40, 3], 0, 255, 'float32', 5) as tf.Tensor4D;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('takes id, labels and input size from metadata.json', () => {
    const classifier = new TrainedFaceClassifier(join(root, 'a'));
    expect([classifier.id, classifier.labels, classifier.inputSize]).toEqual(['a', LABELS, 32]);
    expect(classifier.status()).toEqual({ id: 'a', loaded: false, backend: null });
  });

  it('gives probability rows for crops of any size and channel count, without leaking tensors', async () => {
    const classifier = await loadTrainedFaceClassifier(join(root, 'b'));
    await classifier.warmup();
    const before = tf.memory().numTensors;
    const rows = await classifier.classifyCrops(crops);
    expect(tf.memory().numTensors).toBe(before);
    expect(rows).toHaveLength(2);
    rows.forEach((row) => expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5));
    expect(await classifier.classifyCrops(tf.zeros([0, 32, 32, 1]) as tf.Tensor4D)).toEqual([]);
    classifier.dispose();
    expect(classifier.status().loaded).toBe(false);
  });

  it('averages its members in an ensemble, each with its own test-time flip', async () => {
    const [a, b, ab] = await Promise.all(['a', 'b', 'ab'].map((id) => loadTrainedFaceClassifier(join(root, id))));
    const [ra, rb, rab] = await Promise.all([a, b, ab].map((c) => c.classifyCrops(crops)));
    rab.forEach((row, i) => row.forEach((p, j) => expect(p).toBeCloseTo((ra[i][j] + rb[i][j]) / 2, 5)));
    const before = tf.memory().numTensors;
    await ab.classifyCrops(crops);
    expect(tf.memory().numTensors).toBe(before);
    [a, b, ab].forEach((c) => c.dispose());
  });

  it("flips every member's crops when the ensemble itself has tta", async () => {
    const [a, aTta] = await Promise.all(['a', 'a-tta'].map((id) => loadTrainedFaceClassifier(join(root, id))));
    // At the model's input size, so that no resize sits between the flip and the model.
    const square = tf.randomUniform([2, 32, 32, 1], 0, 255, 'float32', 9) as tf.Tensor4D;
    const mirrored = tf.reverse(square, 2);
    const [plain, flipped, averaged] = await Promise.all([
      a.classifyCrops(square),
      a.classifyCrops(mirrored),
      aTta.classifyCrops(square),
    ]);
    tf.dispose([square, mirrored]);
    averaged.forEach((row, i) => row.forEach((p, j) => expect(p).toBeCloseTo((plain[i][j] + flipped[i][j]) / 2, 5)));
    expect(averaged[0][0]).not.toBeCloseTo(plain[0][0], 5);
    [a, aTta].forEach((c) => c.dispose());
  });

  it('refuses a model whose outputs do not match its labels, and reports why', async () => {
    const classifier = new TrainedFaceClassifier(join(root, 'wrong'));
    await expect(classifier.load()).rejects.toThrow(/outputs 7 classes but metadata.json lists 2 labels/);
    expect(classifier.status().error).toMatch(/outputs 7 classes/);
    await expect(classifier.classifyCrops(crops)).rejects.toThrow(/not loaded/);
  });
});
