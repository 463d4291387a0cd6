import { Logger } from '@nestjs/common';
import { InvalidImageError } from '@attune/affect';
import { parentPort, workerData } from 'node:worker_threads';
import { createFacePipeline } from '../affect/face-pipeline-factory';
import type { FaceTask, FaceWorkerMessage, FaceWorkerSettings } from './face-worker-protocol';

/**
 * A worker thread with its own wasm backend and its own copy of the live face pipeline: the
 * pool runs one per core so inference leaves the event loop free and uses every core.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('face-worker runs only as a worker thread');
  const settings = workerData as FaceWorkerSettings;
  const pipeline = await createFacePipeline('live', settings, new Logger('FaceWorker'));
  const send = (message: FaceWorkerMessage) => port.postMessage(message);
  port.on('message', (task: FaceTask) => {
    void run(task).then(send, (error: unknown) =>
      send({
        kind: 'failed',
        id: task.id,
        message: error instanceof Error ? error.message : String(error),
        invalidImage: error instanceof InvalidImageError,
      }),
    );
  });
  send({ kind: 'ready', statuses: pipeline.status() });

  async function run(task: FaceTask): Promise<FaceWorkerMessage> {
    if (task.kind === 'frame') return { kind: 'frame', id: task.id, analysis: await pipeline.analyzeImage(task.image) };
    return { kind: 'crops', id: task.id, crops: await pipeline.analyzeCrops(task.images) };
  }
}

void main();
