import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { datasetsDir } from '../../testing/fixtures';
import { composeFrame } from '../compose-frame';
import { decodeImage } from '../image';
import { faceApiModelsDir, loadWeightMap } from './face-api-weights';
import { TinyFaceDetector } from './tiny-face-detector';

/** Exposes the weights the forward pass runs on. */
class InspectableTinyFaceDetector extends TinyFaceDetector {
  forwardWeights(): tf.NamedTensorMap {
    return this.weightMap;
  }
}

const FACE = join(datasetsDir(), 'ckplus48', 'happy', 'S010_006_00000015.png');
const withFace = existsSync(FACE) ? it : it.skip;
if (!existsSync(FACE)) console.warn(`CK+48 not found (${FACE}): the tiny detector's real-face check is skipped`);

async function frameTensor(bytes: Uint8Array): Promise<tf.Tensor3D> {
  const image = await decodeImage(bytes);
  return tf.tensor3d(image.data, [image.height, image.width, 3], 'float32');
}

describe('TinyFaceDetector', () => {
  const detector = new TinyFaceDetector();

  beforeAll(async () => {
    await detector.load();
    await detector.warmup();
  });
  afterAll(() => detector.dispose());

  it('refuses input sizes the network cannot take', () => {
    expect(() => new TinyFaceDetector({ inputSize: 200 })).toThrow(/multiple of 32/);
    expect(new TinyFaceDetector({ inputSize: 160 }).id).toBe('tiny-face-detector-160');
  });

  withFace('finds a real face pasted in a 640x480 frame, box on the face, leaking no tensor', async () => {
    const image = await frameTensor(await composeFrame(readFileSync(FACE)));
    const before = tf.memory().numTensors;
    const faces = await detector.predict(image);
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
    expect(faces).toHaveLength(1);
    const [{ pixels, box, score }] = faces;
    expect(score).toBeGreaterThan(0.5);
    // Pasted at x 210..430, y 130..350; the box's centre lies near the face's.
    expect(pixels.x + pixels.width / 2).toBeGreaterThan(290);
    expect(pixels.x + pixels.width / 2).toBeLessThan(350);
    expect(pixels.y + pixels.height / 2).toBeGreaterThan(200);
    expect(pixels.y + pixels.height / 2).toBeLessThan(290);
    expect(pixels.width).toBeGreaterThan(160);
    expect(pixels.width).toBeLessThan(300);
    expect(box.width).toBeCloseTo(pixels.width / 640, 6);
  });

  withFace('maps boxes back to the image from a non-square input (portrait frame)', async () => {
    const portrait = await frameTensor(
      await composeFrame(readFileSync(FACE), { width: 480, height: 640, faceSize: 400 }),
    );
    const faces = await detector.predict(portrait);
    portrait.dispose();
    expect(faces).toHaveLength(1);
    // Pasted at x 40..440, y 120..520: centres within a fifth of the face size (its boxes sit low).
    const { x, y, width, height } = faces[0].pixels;
    expect(Math.abs(x + width / 2 - 240)).toBeLessThan(80);
    expect(Math.abs(y + height / 2 - 320)).toBeLessThan(80);
  });

  it("folds face-api's input normalisation into conv0 exactly", async () => {
    const folded = new InspectableTinyFaceDetector();
    await folded.load();
    const original = await loadWeightMap(join(faceApiModelsDir(), 'tiny_face_detector_model-weights_manifest.json'));
    const pixels = tf.randomUniform([1, 12, 12, 3], 0, 255, 'float32', 7) as tf.Tensor4D;
    const conv = (x: tf.Tensor4D, weights: tf.NamedTensorMap) =>
      tf.add(tf.conv2d(x, weights['conv0/filters'] as tf.Tensor4D, 1, 'valid'), weights['conv0/bias']);
    const expected = conv(tf.div(tf.sub(pixels, [117.001, 114.697, 97.404]), 255) as tf.Tensor4D, original);
    const actual = conv(pixels, folded.forwardWeights());
    expect(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(expected)).dataSync()[0]).toBeGreaterThan(0.1);
    folded.dispose();
    tf.dispose([pixels, expected, actual, ...Object.values(original)]);
  });

  it('finds nothing in a flat grey frame', async () => {
    const grey = tf.fill([480, 640, 3], 128) as tf.Tensor3D;
    await expect(detector.predict(grey)).resolves.toEqual([]);
    grey.dispose();
  });
});
