import { Worker } from 'node:worker_threads';

/** Mono PCM of a decoded file at its own sample rate. */
export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: number;
}

/**
 * The decoder runs in a worker thread: audio-decode is ESM-only, and a worker is a plain Node
 * context where `import()` works whatever loaded this module (jest's CommonJS runtime cannot
 * import it, swc-node and webpack bundles can). It also keeps wasm decoding off the caller's
 * event loop. The worker mixes to mono so only one buffer crosses back (transferred, not copied).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
// Resolved here, not in the caller: a bundler rewriting the caller's require.resolve cannot break it.
const modulePath = workerData.modulePath || require.resolve('audio-decode', { paths: workerData.paths });
const ready = import(pathToFileURL(modulePath).href).then((m) => m.default);
parentPort.on('message', async ({ id, bytes }) => {
  try {
    const decode = await ready;
    const { channelData, sampleRate } = await decode(new Uint8Array(bytes));
    if (!channelData.length || !sampleRate) throw new Error('no audio in the file');
    const n = channelData[0].length;
    const mono = new Float32Array(n);
    for (const channel of channelData) for (let i = 0; i < n; i++) mono[i] += channel[i];
    if (channelData.length > 1) for (let i = 0; i < n; i++) mono[i] /= channelData.length;
    parentPort.postMessage({ id, samples: mono, sampleRate }, [mono.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Pending {
  resolve: (audio: DecodedAudio) => void;
  reject: (error: Error) => void;
}

/** Decodes mp3/ogg/flac/wav bytes to mono PCM in a worker thread; one instance per batch, then `dispose()`. */
export class AudioDecoder {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** `modulePath`: audio-decode's entry file, when it is not resolvable from the working directory or this module. */
  constructor(private readonly modulePath?: string) {}

  decode(bytes: Uint8Array): Promise<DecodedAudio> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<DecodedAudio>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A copy, transferred: the caller's buffer stays usable (e.g. for hashing).
      const copy = bytes.slice();
      worker.ref();
      worker.postMessage({ id, bytes: copy.buffer }, [copy.buffer]);
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('decoder disposed'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: {
        modulePath: this.modulePath,
        paths: [process.cwd(), ...(typeof __dirname === 'string' ? [__dirname] : [])],
      },
    });
    // An idle decoder must not keep a CLI run alive; pending work keeps it referenced below.
    worker.unref();
    worker.on('message', (msg: { id: number; samples?: Float32Array; sampleRate?: number; error?: string }) => {
      const job = this.pending.get(msg.id);
      if (!job) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.error !== undefined || !msg.samples || !msg.sampleRate) job.reject(new Error(msg.error ?? 'decoding failed'));
      else job.resolve({ samples: msg.samples, sampleRate: msg.sampleRate });
    });
    worker.on('error', (error) => {
      this.worker = null;
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('decoder worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
