import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseBackend } from './backend';
import { humanModelsDir } from './face/human-models';
import { diskIOHandler, loadGraphModelFromDisk, loadLayersModelFromDisk } from './model-loader';

describe('disk model loader', () => {
  let dir: string;

  beforeAll(async () => {
    await chooseBackend();
    dir = await mkdtemp(join(tmpdir(), 'affect-model-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads a converted graph model and its weight shards', async () => {
    const model = await loadGraphModelFromDisk(join(humanModelsDir(), 'emotion.json'));
    expect(model.inputs[0].shape).toEqual([-1, 64, 64, 1]);
    const output = model.execute(tf.zeros([2, 64, 64, 1])) as tf.Tensor;
    expect(output.shape).toEqual([2, 7]);
    const sums = await tf.sum(output, 1).data();
    expect(Array.from(sums).every((s) => Math.abs(s - 1) < 1e-4)).toBe(true);
    tf.dispose(output);
    model.dispose();
  });

  it('rejects when model.json is missing', async () => {
    await expect(loadGraphModelFromDisk(join(dir, 'absent.json'))).rejects.toThrow(/ENOENT/);
  });

  it('saves a layers model and loads it back with the same weights', async () => {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })],
    });
    const path = join(dir, 'tiny', 'model.json');
    await model.save(diskIOHandler(path));
    expect((await readdir(join(dir, 'tiny'))).sort()).toEqual(['model.json', 'model.weights.bin']);

    const loaded = await loadLayersModelFromDisk(path);
    const input = tf.tensor2d([[0.1, -0.4, 2]]);
    const expected = model.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(Array.from(await actual.data())).toEqual(Array.from(await expected.data()));
    tf.dispose([input, expected, actual]);
    model.dispose();
    loaded.dispose();
  });
});
