import type { CropAnalysis, CropImage, FaceAnalysis, ModelStatus } from '@attune/affect';
import { InvalidImageError, workerEntry } from '@attune/affect';
import { Worker } from 'node:worker_threads';
import type { FaceTask, FaceWorkerMessage, FaceWorkerSettings } from './face-worker-protocol';

type Outcome = FaceWorkerMessage & { kind: 'frame' | 'crops' | 'failed' };

interface Slot {
  worker: Worker;
  /** Tasks sent to this worker and not yet answered. */
  pending: Map<number, { resolve: (m: Outcome) => void; reject: (e: Error) => void }>;
}

/**
 * Each worker's young generation, pinned: left to itself V8 grows the new space to 32 MB under the
 * allocation rate of inference and hands it back only ~100 s later, a swing of ~55 MB of RSS for
 * two workers. 12 MB (4 MB semi-spaces) is about what V8 settles on by itself after that, at the
 * same frame latency (experiments/stream/README.md).
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/**
 * worker_threads that each hold the live face pipeline. A task goes to the worker with the
 * fewest unanswered tasks; a worker that dies fails its own tasks (never silently) and is
 * replaced, so one bad frame cannot take inference down for everyone.
 */
export class FaceWorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private statuses: ModelStatus[] = [];
  private closing = false;

  private constructor(
    private readonly settings: FaceWorkerSettings,
    private readonly log: (problem: string) => void,
  ) {}

  /** Starts `size` workers and resolves once every one has loaded and warmed its models. */
  static async start(
    size: number,
    settings: FaceWorkerSettings,
    log: (problem: string) => void,
  ): Promise<FaceWorkerPool> {
    const pool = new FaceWorkerPool(settings, log);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Tasks handed to workers and not yet answered, over all workers. */
  get tasksInFlight(): number {
    return this.slots.reduce((sum, s) => sum + s.pending.size, 0);
  }

  status(): ModelStatus[] {
    return this.statuses;
  }

  async analyzeFrame(image: Uint8Array): Promise<FaceAnalysis> {
    const outcome = await this.send((id) => ({ id, kind: 'frame', image }));
    if (outcome.kind !== 'frame') throw new Error('face worker answered a frame with crops');
    return outcome.analysis;
  }

  async analyzeCrops(images: CropImage[]): Promise<CropAnalysis[]> {
    const outcome = await this.send((id) => ({ id, kind: 'crops', images }));
    if (outcome.kind !== 'crops') throw new Error('face worker answered crops with a frame');
    return outcome.crops;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private send(task: (id: number) => FaceTask): Promise<Outcome> {
    // The least busy worker; ties go round the pool, so a light load still uses every core.
    const start = this.nextId % Math.max(1, this.slots.length);
    const order = [...this.slots.slice(start), ...this.slots.slice(0, start)];
    const slot = order.reduce<Slot | undefined>((best, s) => (!best || s.pending.size < best.pending.size ? s : best), undefined);
    if (!slot) return Promise.reject(new Error('the face worker pool is closed'));
    const message = task(this.nextId++);
    return new Promise<Outcome>((resolve, reject) => {
      slot.pending.set(message.id, { resolve, reject });
      slot.worker.postMessage(message);
    }).then((outcome) => {
      if (outcome.kind !== 'failed') return outcome;
      throw outcome.invalidImage ? new InvalidImageError(outcome.message) : new Error(outcome.message);
    });
  }

  private spawn(): Promise<void> {
    const { file, execArgv, env } = workerEntry(__dirname, 'face-worker');
    const worker = new Worker(file, {
      workerData: this.settings,
      execArgv,
      env,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, pending: new Map() };
    return new Promise<void>((ready, failed) => {
      let started = false;
      worker.on('message', (message: FaceWorkerMessage) => {
        if (message.kind === 'ready') {
          started = true;
          this.statuses = message.statuses;
          this.slots.push(slot);
          ready();
          return;
        }
        const waiter = slot.pending.get(message.id);
        slot.pending.delete(message.id);
        waiter?.resolve(message);
      });
      worker.on('error', (error) => {
        if (!started) failed(error);
        for (const waiter of slot.pending.values()) waiter.reject(new Error(`face worker failed: ${error.message}`));
        slot.pending.clear();
      });
      worker.on('exit', (code) => {
        const index = this.slots.indexOf(slot);
        if (index >= 0) this.slots.splice(index, 1);
        for (const waiter of slot.pending.values()) waiter.reject(new Error(`face worker exited with code ${code}`));
        slot.pending.clear();
        if (!started) failed(new Error(`face worker exited with code ${code} before it was ready`));
        else if (!this.closing) {
          this.log(`face worker exited with code ${code}; starting a new one`);
          void this.spawn().catch((error: Error) => this.log(`could not replace the face worker: ${error.message}`));
        }
      });
    });
  }
}
