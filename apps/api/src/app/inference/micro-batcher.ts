export interface MicroBatcherOptions {
  /** A batch leaves as soon as it holds this many items... */
  maxBatch: number;
  /** ...or this long after its first item arrived, whichever comes first. */
  maxDelayMs: number;
}

interface Pending<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers single requests from many sessions into batches for one model call. Items are never
 * dropped: each batch is handed to `run` (which may be called again before an earlier batch
 * finished: the worker pool spreads them), and every caller gets its own output or the batch's error.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: MicroBatcherOptions,
    private readonly onBatch?: (size: number) => void,
  ) {
    if (options.maxBatch < 1) throw new Error('maxBatch must be at least 1');
  }

  /** Items waiting for their batch to leave. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Batches handed to `run` and not yet answered. */
  get batchesInFlight(): number {
    return this.inFlight;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Sends what is waiting now (also used on shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      void this.dispatch(batch);
    }
  }

  private async dispatch(batch: Pending<I, O>[]): Promise<void> {
    this.inFlight++;
    this.onBatch?.(batch.length);
    try {
      const outputs = await this.run(batch.map((p) => p.item));
      if (outputs.length !== batch.length) {
        throw new Error(`batch of ${batch.length} answered with ${outputs.length} outputs`);
      }
      batch.forEach((p, i) => p.resolve(outputs[i]));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight--;
    }
  }
}
