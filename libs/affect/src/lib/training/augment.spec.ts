import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from '../backend';
import { augmentBatch, NO_AUGMENTATION, type AugmentConfig } from './augment';
import { seededRandom } from './seeded-random';

const FULL: AugmentConfig = { flip: true, rotateDegrees: 10, shift: 0.1, zoom: 0.1, brightness: 0.1, contrast: 0.2 };

describe('augmentBatch', () => {
  let images: tf.Tensor4D;
  beforeAll(async () => {
    await chooseBackend('wasm');
    images = tf.mul(tf.randomUniform([4, 12, 12, 1], 0, 1, 'float32', 3), 255) as tf.Tensor4D;
  });

  it('gives the same batch for the same seed and another for another seed', async () => {
    const a = await augmentBatch(images, FULL, seededRandom(7)).data();
    const b = await augmentBatch(images, FULL, seededRandom(7)).data();
    const c = await augmentBatch(images, FULL, seededRandom(8)).data();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThanOrEqual(255);
  });

  it('leaves images unchanged when every change is off', async () => {
    const out = await augmentBatch(images, NO_AUGMENTATION, seededRandom(1)).data();
    const diff = Array.from(out).map((v, i) => Math.abs(v - images.dataSync()[i]));
    expect(Math.max(...diff)).toBeLessThan(1e-3);
  });

  it('mirrors left-right when the flip is drawn', async () => {
    const out = await augmentBatch(images, { ...NO_AUGMENTATION, flip: true }, () => 0).data();
    const mirrored = await tf.reverse(images, 2).data();
    const diff = Array.from(out).map((v, i) => Math.abs(v - mirrored[i]));
    expect(Math.max(...diff)).toBeLessThan(1e-3);
  });
});
