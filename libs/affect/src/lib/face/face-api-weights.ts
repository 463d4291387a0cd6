import { decodeWeightManifest } from '@attune/face-net';
import type * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packageDir } from '../node-require';

/** The `model/` directory of @vladmandic/face-api, whose expression and tiny detector weights this lib runs. */
export function faceApiModelsDir(): string {
  return join(packageDir('@vladmandic/face-api'), 'model');
}

/**
 * Named weight tensors from a tfjs weights manifest (`*-weights_manifest.json` + shards) on disk.
 * face-api ships weights only, without a graph: its networks are built in code from these names,
 * and so are ours.
 */
export async function loadWeightMap(manifestPath: string): Promise<tf.NamedTensorMap> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as tf.io.WeightsManifestConfig;
  const dir = dirname(manifestPath);
  return decodeWeightManifest(manifest, async (path) => new Uint8Array(await readFile(join(dir, path))));
}
