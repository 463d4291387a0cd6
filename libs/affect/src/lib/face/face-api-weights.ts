import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packageDir } from '../node-require';

/** The `model/` directory of @vladmandic/face-api, whose expression and tiny detector weights this lib runs. */
export function faceApiModelsDir(): string {
  return join(packageDir('@vladmandic/face-api'), 'model');
}

/**
 * Named weight tensors from a tfjs weights manifest (`*-weights_manifest.json` + shards).
 * face-api ships weights only, without a graph: its networks are built in code from these names,
 * and so are ours. Quantised (uint8) weights are de-quantised by tfjs.
 */
export async function loadWeightMap(manifestPath: string): Promise<tf.NamedTensorMap> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as tf.io.WeightsManifestConfig;
  const dir = dirname(manifestPath);
  const maps = await Promise.all(
    manifest.map(async (group) => {
      const shards = await Promise.all(group.paths.map((p) => readFile(join(dir, p))));
      const joined = new Uint8Array(Buffer.concat(shards));
      return tf.io.decodeWeights(joined.buffer, group.weights);
    }),
  );
  return Object.assign({}, ...maps);
}

interface TensorOfRank {
  1: tf.Tensor1D;
  2: tf.Tensor2D;
  4: tf.Tensor4D;
}

/** The named weight, checked against the rank the network code expects. */
export function weight<R extends keyof TensorOfRank>(map: tf.NamedTensorMap, name: string, rank: R): TensorOfRank[R] {
  const tensor = map[name];
  if (!tensor) throw new Error(`weights lack ${name}`);
  if (tensor.rank !== rank) throw new Error(`weight ${name} has shape [${tensor.shape}], expected rank ${rank}`);
  return tensor as TensorOfRank[R];
}
