import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { datasetsDir } from '../../testing/fixtures';
import { chooseBackend } from '../backend';
import { FaceApiExpressionClassifier } from './face-api-expression-classifier';
import type { FaceCropClassifier } from './face-crop-classifier';
import { HumanEmotionClassifier } from './human-emotion-classifier';

const HAPPY = join(datasetsDir(), 'ckplus48', 'happy');
const withHappy = existsSync(HAPPY) ? it : it.skip;
if (!existsSync(HAPPY))
  console.warn(`CK+48 not found at ${HAPPY}: the anchors' real-face check is skipped (set DATASETS_DIR)`);

/** The last frame of the first `count` happy sequences, as a grey `[n, 48, 48, 1]` batch. */
async function happyCrops(count: number): Promise<tf.Tensor4D> {
  const peaks = new Map<string, string>();
  for (const file of readdirSync(HAPPY).sort()) peaks.set(file.slice(0, 8), file);
  const files = [...peaks.values()].slice(0, count);
  const pixels = await Promise.all(files.map((f) => sharp(join(HAPPY, f)).greyscale().raw().toBuffer()));
  return tf.tensor4d(new Float32Array(Buffer.concat(pixels)), [files.length, 48, 48, 1]);
}

describe.each<[string, () => FaceCropClassifier, number]>([
  ['human-emotion', () => new HumanEmotionClassifier(), 64],
  ['face-api-expression', () => new FaceApiExpressionClassifier(), 112],
])('%s as a FaceCropClassifier', (id, create, inputSize) => {
  const classifier = create();

  beforeAll(async () => {
    await chooseBackend();
    await classifier.load();
    await classifier.warmup();
  });
  afterAll(() => classifier.dispose());

  it('describes itself', () => {
    expect(classifier).toMatchObject({ id, inputSize });
    expect(classifier.labels).toHaveLength(7);
    expect(classifier.status()).toEqual({ id, loaded: true, backend: 'wasm' });
  });

  it('gives one probability row per crop, grey or RGB, at any crop size, leaking no tensor', async () => {
    const grey = tf.randomUniform([3, 48, 48, 1], 0, 255, 'float32', 1) as tf.Tensor4D;
    const rgb = tf.randomUniform([2, 150, 150, 3], 0, 255, 'float32', 2) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const rows = [...(await classifier.classifyCrops(grey)), ...(await classifier.classifyCrops(rgb))];
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([grey, rgb]);
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row).toHaveLength(7);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
    }
  });

  it('answers an empty batch with no rows and refuses 2-channel crops', async () => {
    const none = tf.zeros([0, 48, 48, 1]) as tf.Tensor4D;
    const twoChannels = tf.zeros([1, 48, 48, 2]) as tf.Tensor4D;
    await expect(classifier.classifyCrops(none)).resolves.toEqual([]);
    await expect(classifier.classifyCrops(twoChannels)).rejects.toThrow(/1 or 3 channels/);
    tf.dispose([none, twoChannels]);
  });

  withHappy('labels most posed smiles of distinct subjects happy', async () => {
    const crops = await happyCrops(10);
    const rows = await classifier.classifyCrops(crops);
    crops.dispose();
    const happy = rows.filter((row) => classifier.labels[row.indexOf(Math.max(...row))] === 'happy').length;
    expect(happy).toBeGreaterThanOrEqual(9);
  });
});

describe('an unloaded face classifier', () => {
  it('says so instead of running', async () => {
    const crops = tf.zeros([1, 48, 48, 1]) as tf.Tensor4D;
    await expect(new FaceApiExpressionClassifier().classifyCrops(crops)).rejects.toThrow(/not loaded/);
    await expect(new HumanEmotionClassifier().classifyCrops(crops)).rejects.toThrow(/not loaded/);
    crops.dispose();
  });

  it('reports a weights file of the wrong network at load', async () => {
    const { faceApiModelsDir } = await import('./face-api-weights');
    const wrong = new FaceApiExpressionClassifier({
      manifestPath: join(faceApiModelsDir(), 'tiny_face_detector_model-weights_manifest.json'),
    });
    await expect(wrong.load()).rejects.toThrow(/weights lack dense0\/conv0\/filters/);
    expect(wrong.status()).toMatchObject({ loaded: false, error: expect.stringMatching(/dense0/) });
  });
});
