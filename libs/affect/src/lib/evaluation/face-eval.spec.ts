import * as tf from '@tensorflow/tfjs-core';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { chooseBackend } from '../backend';
import type { ModelStatus } from '../model';
import type { FaceCropClassifier, FaceLabel } from '../face/face-crop-classifier';
import { evaluateFaceModel } from './evaluate-face-model';
import { readFaceEvalData } from './face-eval-data';

/** A grey PNG whose brightness encodes the class, so a fake model can "see" it. */
function face(level: number): Promise<Buffer> {
  return sharp({ create: { width: 48, height: 48, channels: 3, background: { r: level, g: level, b: level } } })
    .png()
    .toBuffer();
}

/** Reads the class off the mean brightness: 50 -> happy, 150 -> sad, 250 -> neutral (never contempt). */
class BrightnessModel implements FaceCropClassifier {
  readonly id = 'brightness';
  readonly labels: readonly FaceLabel[] = ['neutral', 'happy', 'sad'];
  readonly inputSize = 48;
  calls = 0;
  // Nothing to load, warm up or free: the "model" is arithmetic on the crops.
  load = () => Promise.resolve();
  warmup = () => Promise.resolve();
  dispose = () => undefined;
  status(): ModelStatus {
    return { id: this.id, loaded: true, backend: null };
  }
  async classifyCrops(crops: tf.Tensor4D): Promise<number[][]> {
    this.calls++;
    const mean = tf.mean(crops, [1, 2, 3]);
    const means = await mean.data();
    mean.dispose();
    return Array.from(means, (m) => (m < 100 ? [0.2, 0.7, 0.1] : m < 200 ? [0.1, 0.2, 0.7] : [0.6, 0.3, 0.1]));
  }
}

describe('face evaluation on dataset folders', () => {
  let dir: string;

  beforeAll(async () => {
    await chooseBackend();
    dir = await mkdtemp(join(tmpdir(), 'face-eval-'));
    // CK+48 layout: happy x3 (one looks sad), sadness x2, contempt x1.
    const ck = join(dir, 'ck');
    for (const [folder, levels] of [
      ['happy', [50, 50, 150]],
      ['sadness', [150, 150]],
      ['contempt', [50]],
    ] as const) {
      await mkdir(join(ck, folder), { recursive: true });
      for (const [i, level] of levels.entries())
        await writeFile(join(ck, folder, `S00${i}_001_0000000${i}.png`), await face(level));
    }
    // FER2013 layout with test only, plus a stray file.
    for (const [folder, level] of [
      ['happy', 50],
      ['neutral', 250],
    ] as const) {
      await mkdir(join(dir, 'fer', 'test', folder), { recursive: true });
      await writeFile(
        join(dir, 'fer', 'test', folder, '1.jpg'),
        await sharp(await face(level))
          .jpeg()
          .toBuffer(),
      );
    }
    await writeFile(join(dir, 'fer', 'test', 'happy', 'notes.txt'), 'not an image');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads CK+48 folders into canonical labels', async () => {
    const data = await readFaceEvalData('ckplus48', join(dir, 'ck'));
    expect(data.labels).toEqual(['happy', 'sad', 'contempt']);
    expect(data.samples).toHaveLength(6);
    expect(data.samples.filter((s) => s.label === 'sad')).toHaveLength(2);
  });

  it('defaults FER2013 to validation, else test, and refuses a missing split or unknown classes', async () => {
    const data = await readFaceEvalData('fer2013', join(dir, 'fer'));
    expect(data).toMatchObject({ split: 'test', labels: ['happy', 'neutral'] });
    expect(data.samples).toHaveLength(2);
    await expect(readFaceEvalData('fer2013', join(dir, 'fer'), 'train')).rejects.toThrow(/has no train\/ split/);
    await expect(readFaceEvalData('ckplus48', join(dir, 'fer'))).rejects.toThrow(/unknown class folder\(s\).*test/);
    await expect(readFaceEvalData('ckplus48', join(dir, 'nothing'))).rejects.toThrow(/no dataset folder/);
  });

  it('scores a model on the labels it shares with the data, in batches, leaking nothing', async () => {
    const model = new BrightnessModel();
    const data = await readFaceEvalData('ckplus48', join(dir, 'ck'));
    const before = tf.memory().numTensors;
    const result = await evaluateFaceModel(model, data, { batchSize: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(model.calls).toBe(3);
    // Contempt excluded (5 images); happy 2/3 right, sad 2/2; neutral never wins the shared argmax.
    expect(result).toMatchObject({
      model: 'brightness',
      dataset: 'ckplus48',
      n: 5,
      excludedLabels: ['contempt'],
      ignoredModelLabels: ['neutral'],
      imagesInFolder: 6,
      confusion: {
        labels: ['happy', 'sad'],
        matrix: [
          [2, 1],
          [0, 2],
        ],
      },
    });
    expect(result.accuracy).toBeCloseTo(0.8, 10);
    expect(result.perClass['sad']).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
  });

  it('counts ignored outputs as errors in the open-set accuracy', async () => {
    const data = await readFaceEvalData('fer2013', join(dir, 'fer'));
    const result = await evaluateFaceModel(new BrightnessModel(), data);
    expect(result).toMatchObject({ n: 2, accuracy: 1, openSetAccuracy: 1, excludedLabels: [] });
    const ck = await evaluateFaceModel(new BrightnessModel(), await readFaceEvalData('ckplus48', join(dir, 'ck')));
    expect(ck.openSetAccuracy).toBeCloseTo(0.8, 10);
  });
});
