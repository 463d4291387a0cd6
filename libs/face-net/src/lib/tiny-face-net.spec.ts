import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectTinyFaces, prepareTinyFaceWeights } from './tiny-face-net';
import { decodeWeightManifest } from './weights';

const MODEL_DIR = join(__dirname, '../../../../node_modules/@vladmandic/face-api/model');
const SETTINGS = { inputSize: 224, minScore: 0.5, maxFaces: 5, iouThreshold: 0.4 };

/** face-api's tiny face detector weights as shipped (not yet prepared). */
async function faceApiWeights(): Promise<tf.NamedTensorMap> {
  const manifest = JSON.parse(
    await readFile(join(MODEL_DIR, 'tiny_face_detector_model-weights_manifest.json'), 'utf8'),
  ) as tf.io.WeightsManifestConfig;
  return decodeWeightManifest(manifest, async (path) => new Uint8Array(await readFile(join(MODEL_DIR, path))));
}

describe('tiny face net', () => {
  it("folds face-api's input normalisation into conv0 exactly", async () => {
    const original = await faceApiWeights();
    const [filters, bias] = [original['conv0/filters'].clone(), original['conv0/bias'].clone()];
    const prepared = prepareTinyFaceWeights(original);
    const pixels = tf.randomUniform([1, 12, 12, 3], 0, 255, 'float32', 7) as tf.Tensor4D;
    const conv = (x: tf.Tensor4D, w: tf.Tensor, b: tf.Tensor) => tf.add(tf.conv2d(x, w as tf.Tensor4D, 1, 'valid'), b);
    const expected = conv(tf.div(tf.sub(pixels, [117.001, 114.697, 97.404]), 255) as tf.Tensor4D, filters, bias);
    const actual = conv(pixels, prepared['conv0/filters'], prepared['conv0/bias']);
    expect(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(expected)).dataSync()[0]).toBeGreaterThan(0.1);
    tf.dispose([filters, bias, pixels, expected, actual, ...Object.values(prepared)]);
  });

  it('names the first weight a wrong file lacks, or has in the wrong shape', async () => {
    const weights = await faceApiWeights();
    const { ['conv3/depthwise_filter']: missing, ...rest } = weights;
    expect(() => prepareTinyFaceWeights(rest)).toThrow('weights lack conv3/depthwise_filter');
    const flat = tf.reshape(weights['conv8/bias'], [1, -1]);
    expect(() => prepareTinyFaceWeights({ ...weights, 'conv8/bias': flat })).toThrow(/conv8\/bias has shape .* rank 1/);
    tf.dispose([missing, flat, ...Object.values(weights)]);
  });

  it('finds no face in a blank 4:3 frame and releases every tensor it made', async () => {
    const weights = prepareTinyFaceWeights(await faceApiWeights());
    const image = tf.zeros([120, 160, 3]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    expect(await detectTinyFaces(image, weights, SETTINGS)).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([image, ...Object.values(weights)]);
  });
});
