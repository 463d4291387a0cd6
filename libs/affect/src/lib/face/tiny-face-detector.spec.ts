import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { datasetsDir } from '../../testing/fixtures';
import { composeFrame } from '../compose-frame';
import { decodeImage } from '../image';
import { TinyFaceDetector } from './tiny-face-detector';

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

  it('finds nothing in a flat grey frame', async () => {
    const grey = tf.fill([480, 640, 3], 128) as tf.Tensor3D;
    await expect(detector.predict(grey)).resolves.toEqual([]);
    grey.dispose();
  });
});
