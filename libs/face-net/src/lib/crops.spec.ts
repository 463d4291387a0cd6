import * as tf from '@tensorflow/tfjs-core';
import { cropFaces, greyModelInput } from './crops';

describe('crops', () => {
  it('crops a grey square around a box, scaled 0..1 for the trained models', () => {
    const image = tf.fill([100, 100, 3], 255) as tf.Tensor3D;
    const input = tf.tidy(() =>
      greyModelInput(cropFaces(image, [{ x: 30, y: 20, width: 40, height: 60 }], 0.9, 48), 48),
    );
    expect(input.shape).toEqual([1, 48, 48, 1]);
    expect(tf.max(input).dataSync()[0]).toBeCloseTo(1, 3);
    expect(tf.min(input).dataSync()[0]).toBeCloseTo(1, 3);
    tf.dispose([image, input]);
  });

  it('leaves the part of the square outside the image black', () => {
    const image = tf.fill([100, 100, 3], 200) as tf.Tensor3D;
    const crop = cropFaces(image, [{ x: 0, y: 0, width: 40, height: 40 }], 2, 20);
    const values = crop.dataSync();
    // The square spans -20..60: its top-left corner lies outside, its bottom-right inside.
    expect(values[0]).toBe(0);
    expect(values[values.length - 1]).toBeCloseTo(200, 3);
    tf.dispose([image, crop]);
  });
});
