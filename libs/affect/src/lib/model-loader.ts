import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A tfjs IOHandler over the local file system: `model.json` plus its weight shards, the layout
 * `tfjs-node`'s `file://` handler and the tfjs converter use. Saving writes one shard,
 * `<name>.weights.bin`, next to the json.
 */
export function diskIOHandler(modelJsonPath: string): tf.io.IOHandler {
  const dir = dirname(modelJsonPath);
  return {
    async load() {
      const modelJson = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const shards = await Promise.all(manifest.flatMap((group) => group.paths.map((p) => readFile(join(dir, p)))));
        return [manifest.flatMap((group) => group.weights), shards.map(toArrayBuffer)];
      });
    },
    async save(artifacts) {
      const weightsFile = `${basename(modelJsonPath, '.json')}.weights.bin`;
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? []);
      const { modelTopology = {}, format, generatedBy, convertedBy, trainingConfig } = artifacts;
      const { signature, userDefinedMetadata, modelInitializer } = artifacts;
      // JSON.stringify leaves out the fields a model does not have.
      const modelJson: tf.io.ModelJSON = {
        modelTopology,
        format,
        generatedBy,
        convertedBy,
        trainingConfig,
        signature,
        userDefinedMetadata,
        modelInitializer,
        weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs ?? [] }],
      };
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, weightsFile), new Uint8Array(weights));
      await writeFile(modelJsonPath, JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts),
      };
    },
  };
}

export function loadGraphModelFromDisk(modelJsonPath: string): Promise<GraphModel> {
  return loadGraphModel(diskIOHandler(modelJsonPath));
}

export function loadLayersModelFromDisk(modelJsonPath: string): Promise<LayersModel> {
  return loadLayersModel(diskIOHandler(modelJsonPath));
}

// Copies into an ArrayBuffer of this realm: tfjs checks `instanceof ArrayBuffer`, which fails for
// a Node Buffer's backing store under jest's per-test realms, and pooled Buffers share theirs.
function toArrayBuffer(buffer: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return copy.buffer;
}
