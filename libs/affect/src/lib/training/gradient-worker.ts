import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { parentPort, workerData } from 'node:worker_threads';
import { chooseBackend } from '../backend';
import { shardGradients } from './batch-gradients';
import type { GradientWorkerMessage, GradientWorkerSetup, ShardTask } from './gradient-worker-protocol';
import { registerWasmGradients } from './wasm-gradients';

/**
 * A worker thread with its own tfjs engine and a copy of the model being trained: each step it
 * takes the current weights and one shard of the batch and sends back that shard's gradients.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('gradient-worker runs only as a worker thread');
  const setup = workerData as GradientWorkerSetup;
  const send = (message: GradientWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    await chooseBackend(setup.backend);
    registerWasmGradients();
    const model = await tfl.models.modelFromJSON({ modelTopology: JSON.parse(setup.topology) });
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    port.on('message', (task: ShardTask) => {
      try {
        if (task.weights.length !== variables.length)
          throw new Error(`got ${task.weights.length} weight arrays for ${variables.length} trainable weights`);
        variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(task.weights[i], v.shape))));
        const shard = {
          x: tf.tensor4d(task.x, [task.n, task.size, task.size, 1]),
          labels: tf.tensor1d(task.labels, 'int32'),
          sampleWeights: tf.tensor1d(task.sampleWeights),
          taught: task.taught && tf.tensor2d(task.taught, [task.n, setup.classes]),
        };
        const result = shardGradients(model, variables, shard, setup.classes, setup.distillation);
        const grads = result.grads.map((g) => g.dataSync() as Float32Array);
        tf.dispose([...result.grads, shard.x, shard.labels, shard.sampleWeights]);
        shard.taught?.dispose();
        send(
          {
            kind: 'gradients',
            id: task.id,
            grads,
            weightedLoss: result.weightedLoss,
            weightSum: result.weightSum,
            hits: result.hits,
          },
          grads.map((g) => g.buffer as ArrayBuffer),
        );
      } catch (error) {
        send({ kind: 'failed', id: task.id, message: error instanceof Error ? error.message : String(error) });
      }
    });
    send({ kind: 'ready' });
  } catch (error) {
    send({ kind: 'unstarted', message: error instanceof Error ? error.message : String(error) });
  }
}

void main();
