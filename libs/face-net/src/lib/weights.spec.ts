import * as tf from '@tensorflow/tfjs-core';
import { decodeWeightManifest, weight } from './weights';

describe('weights', () => {
  it('decodes a group whose bytes are split across shards, in manifest order', async () => {
    const bytes = new Uint8Array(new Float32Array([1, 2, 3, 4, 5, 6]).buffer);
    const shards: Record<string, Uint8Array> = { a: bytes.slice(0, 10), b: bytes.slice(10) };
    const manifest: tf.io.WeightsManifestConfig = [
      {
        paths: ['a', 'b'],
        weights: [
          { name: 'w', shape: [2, 2], dtype: 'float32' },
          { name: 'b', shape: [2], dtype: 'float32' },
        ],
      },
    ];
    const map = await decodeWeightManifest(manifest, async (path) => shards[path]);
    expect(await map['w'].array()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(Array.from(await map['b'].data())).toEqual([5, 6]);
    tf.dispose(Object.values(map));
  });

  it('returns a weight of the expected rank and names a missing or misshapen one', () => {
    const map = { v: tf.tensor1d([1, 2]) };
    expect(weight(map, 'v', 1).shape).toEqual([2]);
    expect(() => weight(map, 'u', 1)).toThrow('weights lack u');
    expect(() => weight(map, 'v', 4)).toThrow('weight v has shape [2], expected rank 4');
    map.v.dispose();
  });
});
