import type { LayersModel } from '@tensorflow/tfjs-layers';
import { Worker } from 'node:worker_threads';
import type { BackendName } from '../backend';
import { workerEntry } from '../worker-entry';
import type { BatchShard, Distillation } from './batch-gradients';
import type { GradientWorkerMessage, GradientWorkerSetup, ShardTask } from './gradient-worker-protocol';

/** A shard's gradients as the worker sent them, in trainable-weight order. */
export interface WorkerGradients {
  grads: Float32Array[];
  weightedLoss: number;
  weightSum: number;
  hits: number;
}

interface Pending {
  resolve: (result: WorkerGradients) => void;
  reject: (error: Error) => void;
}

/**
 * worker_threads that each hold a copy of the model being trained, for data-parallel steps: the
 * trainer hands each one a shard of the batch with the current weights and computes the first
 * shard itself meanwhile. A worker that fails or exits fails the step with its message.
 */
export class GradientWorkers {
  private nextId = 1;
  private failure?: Error;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly workers: Worker[]) {}

  /** Starts `count` workers holding copies of `model` and resolves once each has built it. */
  static async start(
    count: number,
    model: LayersModel,
    options: { backend: BackendName; classes: number; distillation?: Distillation },
  ): Promise<GradientWorkers> {
    const entry = workerEntry(__dirname, 'gradient-worker');
    const setup: GradientWorkerSetup = {
      backend: options.backend,
      topology: model.toJSON() as string,
      classes: options.classes,
      distillation: options.distillation,
    };
    const workers = Array.from(
      { length: count },
      () => new Worker(entry.file, { workerData: setup, execArgv: entry.execArgv, env: entry.env }),
    );
    const pool = new GradientWorkers(workers);
    try {
      await Promise.all(workers.map((worker) => pool.listen(worker)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Sends worker `index` the current `weights` and a shard; resolves to its gradients. The shard is
   * read out synchronously, so its tensors may be disposed as soon as this returns.
   */
  compute(index: number, weights: Float32Array[], shard: BatchShard): Promise<WorkerGradients> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const [n, size] = shard.x.shape;
    const task: ShardTask = {
      id,
      weights,
      x: shard.x.dataSync() as Float32Array,
      n,
      size,
      labels: shard.labels.dataSync() as Int32Array,
      sampleWeights: shard.sampleWeights.dataSync() as Float32Array,
      taught: shard.taught?.dataSync() as Float32Array | undefined,
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[index].postMessage(task);
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('gradient workers closed'));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /** Resolves when the worker has built its model; afterwards routes its answers to their steps. */
  private listen(worker: Worker): Promise<void> {
    return new Promise((ready, notReady) => {
      worker.on('message', (message: GradientWorkerMessage) => {
        if (message.kind === 'ready') return ready();
        if (message.kind === 'unstarted')
          return notReady(new Error(`gradient worker failed to start: ${message.message}`));
        const step = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.kind === 'failed') step?.reject(new Error(`gradient worker: ${message.message}`));
        else step?.resolve(message);
      });
      worker.on('error', (error) => {
        notReady(error);
        this.fail(new Error(`gradient worker crashed: ${error.message}`));
      });
      worker.on('exit', (code) => {
        const error = new Error(`gradient worker exited (code ${code})`);
        notReady(error);
        this.fail(error);
      });
    });
  }

  /** Fails every unanswered step and every later one. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const step of this.pending.values()) step.reject(this.failure);
    this.pending.clear();
  }
}
