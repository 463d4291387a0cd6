import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { DETECTOR_WEIGHTS, detectFaces, faceCrops } from './tiny-face-net';

const MODEL_DIR = join(__dirname, '../../../../../../node_modules/@vladmandic/face-api/model');
const SETTINGS = { inputSize: 224, minScore: 0.5, maxFaces: 5, iouThreshold: 0.4 };

/** face-api's tiny face detector weights, as the browser decodes them. */
function weights(): tf.NamedTensorMap {
  const manifest = JSON.parse(
    readFileSync(join(MODEL_DIR, 'tiny_face_detector_model-weights_manifest.json'), 'utf8'),
  ) as tf.io.WeightsManifestConfig;
  const group = manifest[0];
  const bytes = new Uint8Array(readFileSync(join(MODEL_DIR, group.paths[0])));
  return tf.io.decodeWeights(bytes.buffer, group.weights);
}

describe('tiny face net (edge mode)', () => {
  let w: tf.NamedTensorMap;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    w = weights();
  });
  afterAll(() => tf.dispose(Object.values(w)));

  it('has every weight the forward pass reads', () => {
    expect(DETECTOR_WEIGHTS.filter((name) => !w[name])).toEqual([]);
  });

  it('finds no face in a blank 4:3 frame and releases every tensor it made', async () => {
    const image = tf.zeros([120, 160, 3]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    expect(await detectFaces(image, w, SETTINGS)).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });

  it('crops a grey square around a box, scaled 0..1', () => {
    const image = tf.fill([100, 100, 3], 255) as tf.Tensor3D;
    const crops = tf.tidy(() => faceCrops(image, [{ x: 30, y: 20, width: 40, height: 60 }], 0.9, 48));
    expect(crops.shape).toEqual([1, 48, 48, 1]);
    expect(tf.max(crops).dataSync()[0]).toBeCloseTo(1, 3);
    tf.dispose([image, crops]);
  });
});
