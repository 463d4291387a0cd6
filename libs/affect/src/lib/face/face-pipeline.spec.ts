import { affectEstimateSchema, EMOTIONS } from '@attune/protocol';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { noiseBytes } from '../../testing/fixtures';
import { InvalidImageError } from '../image';
import { BlazeFaceDetector } from './blazeface-detector';
import { FaceApiExpressionClassifier } from './face-api-expression-classifier';
import { HumanEmotionClassifier } from './human-emotion-classifier';
import { TinyFaceDetector } from './tiny-face-detector';
import { FacePipeline } from './face-pipeline';

async function greyFrame(): Promise<Buffer> {
  return sharp({
    create: {
      width: 320,
      height: 240,
      channels: 3,
      background: { r: 128, g: 128, b: 128 },
    },
  })
    .jpeg()
    .toBuffer();
}

/** A 640x480 JPEG with simple drawn faces (skin ellipse, eyes, smile) at the given centres. */
async function cartoonFaces(faces: Array<{ cx: number; cy: number; scale: number }>): Promise<Buffer> {
  const drawn = faces.map(
    ({ cx, cy, scale }) => `<g transform="translate(${cx} ${cy}) scale(${scale})">
      <ellipse rx="95" ry="120" fill="#e0b090"/>
      <ellipse cx="-35" cy="-25" rx="12" ry="8" fill="#222"/><ellipse cx="35" cy="-25" rx="12" ry="8" fill="#222"/>
      <path d="M-40 50 Q0 80 40 50" stroke="#822" stroke-width="8" fill="none"/></g>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#7a7a7a"/>${drawn.join('')}</svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

describe('FacePipeline', () => {
  const pipeline = new FacePipeline();
  const cartoonPipeline = new FacePipeline({
    detector: new BlazeFaceDetector(),
    classifier: new FaceApiExpressionClassifier(),
  });

  beforeAll(async () => {
    await cartoonPipeline.load();
    const statuses = await pipeline.load();
    expect(statuses).toEqual([
      { id: 'blazeface', loaded: true, backend: 'wasm' },
      { id: 'human-emotion', loaded: true, backend: 'wasm' },
    ]);
    await pipeline.warmup();
  });

  afterAll(() => {
    pipeline.dispose();
    cartoonPipeline.dispose();
  });

  it("crops with the detector's tight-crop scale unless told otherwise", () => {
    expect(pipeline.cropScale).toBe(1.1);
    expect(new FacePipeline({ detector: new TinyFaceDetector() }).cropScale).toBe(0.9);
    expect(new FacePipeline({ cropScale: 1.3 }).cropScale).toBe(1.3);
  });

  it('reports size and timings and finds no face in an empty frame', async () => {
    const analysis = await pipeline.analyzeImage(await greyFrame());
    expect(analysis).toMatchObject({ width: 320, height: 240, faces: [] });
    expect(analysis.error).toBeUndefined();
    expect(analysis.timings.decodeMs).toBeGreaterThan(0);
    expect(analysis.timings.detectMs).toBeGreaterThan(0);
  });

  it('leaves no tensor behind after analysing an image, with or without faces', async () => {
    const frame = await greyFrame();
    await pipeline.analyzeImage(frame);
    const before = tf.memory().numTensors;
    await pipeline.analyzeImage(frame);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws InvalidImageError for random bytes and a text file, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const text = await readFile(join(__dirname, '../../../README.md'));
    for (const bytes of [noiseBytes(2048), text]) {
      await expect(pipeline.analyzeImage(bytes)).rejects.toBeInstanceOf(InvalidImageError);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('puts an inference failure into `error`, leaking nothing', async () => {
    const frame = await greyFrame();
    const before = tf.memory().numTensors;
    const spy = jest.spyOn(BlazeFaceDetector.prototype, 'predict').mockRejectedValueOnce(new Error('kernel exploded'));
    try {
      const analysis = await pipeline.analyzeImage(frame);
      expect(analysis).toMatchObject({
        width: 320,
        height: 240,
        faces: [],
        error: 'face inference failed: kernel exploded',
      });
    } finally {
      spy.mockRestore();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives one valid canonical estimate per face, largest face first (BlazeFace + face-api)', async () => {
    // Cartoon faces are enough to make BlazeFace fire; accuracy on real faces is tested on CK+48.
    const before = tf.memory().numTensors;
    const analysis = await cartoonPipeline.analyzeImage(
      await cartoonFaces([
        { cx: 180, cy: 260, scale: 0.6 },
        { cx: 430, cy: 240, scale: 1 },
      ]),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(analysis.error).toBeUndefined();
    expect(analysis.faces).toHaveLength(2);
    const [large, small] = analysis.faces;
    expect(large.box.x + large.box.width / 2).toBeCloseTo(430 / 640, 1);
    expect(small.box.x + small.box.width / 2).toBeCloseTo(180 / 640, 1);
    expect(large.box.width * large.box.height).toBeGreaterThan(small.box.width * small.box.height);
    for (const face of analysis.faces) {
      expect(face.score).toBeGreaterThan(0.5);
      expect(affectEstimateSchema.parse(face.estimate)).toEqual(face.estimate);
      expect(face.estimate).toMatchObject({
        modality: 'face',
        modelId: 'face-api-expression',
      });
      const total = EMOTIONS.reduce((sum, e) => sum + face.estimate.distribution[e], 0);
      expect(total).toBeCloseTo(1, 6);
    }
  });
});

describe('FacePipeline without its model files', () => {
  let emptyDir: string;
  let pipeline: FacePipeline;

  beforeAll(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'affect-no-models-'));
    pipeline = new FacePipeline({
      detector: new TinyFaceDetector({
        manifestPath: join(emptyDir, 'tiny_face_detector_model-weights_manifest.json'),
      }),
      classifier: new HumanEmotionClassifier({ modelPath: join(emptyDir, 'emotion.json') }),
    });
  });

  afterAll(() => rm(emptyDir, { recursive: true, force: true }));

  it('reports the load failure in its status instead of throwing', async () => {
    const statuses = await pipeline.load();
    expect(statuses.map((s) => [s.id, s.loaded])).toEqual([
      ['tiny-face-detector-224', false],
      ['human-emotion', false],
    ]);
    expect(statuses.every((s) => /ENOENT/.test(s.error ?? ''))).toBe(true);
  });

  it('answers analyzeImage with an error, still decoding the image', async () => {
    const analysis = await pipeline.analyzeImage(await greyFrame());
    expect(analysis).toMatchObject({ width: 320, height: 240, faces: [] });
    expect(analysis.error).toMatch(/face models unavailable.*tiny-face-detector-224: .*ENOENT/);
  });
});
