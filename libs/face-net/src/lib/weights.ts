import * as tf from '@tensorflow/tfjs-core';

type TensorOfRank = { 1: tf.Tensor1D; 2: tf.Tensor2D; 3: tf.Tensor3D; 4: tf.Tensor4D };

/** The named weight, checked against the rank the network code expects. */
export function weight<R extends keyof TensorOfRank>(map: tf.NamedTensorMap, name: string, rank: R): TensorOfRank[R] {
  const tensor = map[name];
  if (!tensor) throw new Error(`weights lack ${name}`);
  if (tensor.rank !== rank) throw new Error(`weight ${name} has shape [${tensor.shape}], expected rank ${rank}`);
  return tensor as TensorOfRank[R];
}

/**
 * Named weight tensors from a tfjs weights manifest (`*-weights_manifest.json`) and its shards,
 * read by `readShard` (from disk on the server, fetched in the browser; paths as the manifest
 * lists them). Quantised (uint8) weights are de-quantised by tfjs.
 */
export async function decodeWeightManifest(
  manifest: tf.io.WeightsManifestConfig,
  readShard: (path: string) => Promise<Uint8Array>,
): Promise<tf.NamedTensorMap> {
  const maps = await Promise.all(
    manifest.map(async (group) => {
      const shards = await Promise.all(group.paths.map(readShard));
      const joined = new Uint8Array(shards.reduce((n, shard) => n + shard.length, 0));
      let at = 0;
      for (const shard of shards) {
        joined.set(shard, at);
        at += shard.length;
      }
      return tf.io.decodeWeights(joined.buffer, group.weights);
    }),
  );
  return Object.assign({}, ...maps);
}
