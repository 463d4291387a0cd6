/** Zero crossings of the sinc kept on each side of the output sample. */
const HALF_TAPS = 16;

interface Kernel {
  ratio: number;
  cutoff: number;
  halfWidth: number;
}

function kernelFor(fromRate: number, toRate: number): Kernel {
  if (!(fromRate > 0 && toRate > 0)) throw new RangeError('sample rates must be positive');
  const ratio = toRate / fromRate;
  // Cut-off relative to the input rate; the kernel widens when downsampling.
  const cutoff = Math.min(1, ratio);
  return { ratio, cutoff, halfWidth: HALF_TAPS / cutoff };
}

/** Kernel values per zero crossing in the lookup table (linear interpolation in between). */
const TABLE_STEPS = 512;

/** Hann-windowed sinc over u = 0..HALF_TAPS zero crossings (it is symmetric), tabulated once. */
const KERNEL_TABLE = Float64Array.from({ length: HALF_TAPS * TABLE_STEPS + 2 }, (_, i) => {
  const u = i / TABLE_STEPS;
  if (u >= HALF_TAPS) return 0;
  const window = 0.5 + 0.5 * Math.cos((Math.PI * u) / HALF_TAPS);
  return u === 0 ? 1 : (window * Math.sin(Math.PI * u)) / (Math.PI * u);
});

function kernelAt(u: number): number {
  const pos = Math.abs(u) * TABLE_STEPS;
  const i = Math.floor(pos);
  if (i >= HALF_TAPS * TABLE_STEPS) return 0;
  const frac = pos - i;
  return KERNEL_TABLE[i] + (KERNEL_TABLE[i + 1] - KERNEL_TABLE[i]) * frac;
}

/**
 * Output sample n from the input samples `at(k)` for k in [first, last] (absolute indices),
 * normalised by the kernel's sum so DC gain is exactly 1, also at the edges.
 */
function outputSample(k: Kernel, n: number, first: number, last: number, at: (index: number) => number): number {
  const centre = n / k.ratio;
  let acc = 0;
  let weightSum = 0;
  for (let i = first; i <= last; i++) {
    const w = kernelAt((i - centre) * k.cutoff);
    acc += at(i) * w;
    weightSum += w;
  }
  return weightSum !== 0 ? acc / weightSum : 0;
}

/**
 * Band-limited resampling by a Hann-windowed sinc (cut-off at the lower Nyquist rate, so
 * downsampling does not alias). Deterministic and stateless: the same input always gives the
 * same output, which is what the browser/Node parity rests on.
 */
export function resample(signal: Float32Array, fromRate: number, toRate: number): Float32Array {
  const k = kernelFor(fromRate, toRate);
  if (fromRate === toRate) return signal;
  const out = new Float32Array(Math.floor(signal.length * k.ratio));
  const at = (i: number) => signal[i];
  for (let n = 0; n < out.length; n++) {
    const centre = n / k.ratio;
    const first = Math.max(0, Math.ceil(centre - k.halfWidth));
    const last = Math.min(signal.length - 1, Math.floor(centre + k.halfWidth));
    out[n] = outputSample(k, n, first, last, at);
  }
  return out;
}

/**
 * The same resampler over a stream of chunks (the browser's microphone at 44.1/48 kHz): emits
 * each output sample once its whole kernel has arrived, so apart from the first ~1 ms (where
 * `resample` sees the signal's start) the output equals `resample` of the concatenated input.
 */
export class StreamingResampler {
  private readonly kernel: Kernel;
  private buffer = new Float32Array(0);
  /** Absolute input index of buffer[0]. */
  private start = 0;
  /** Next output index. */
  private next = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    this.kernel = kernelFor(fromRate, toRate);
  }

  push(chunk: Float32Array): Float32Array {
    if (this.fromRate === this.toRate) return chunk;
    const { ratio, halfWidth } = this.kernel;
    const joined = new Float32Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const end = this.start + joined.length;
    const start = this.start;
    const at = (i: number) => joined[i - start];
    const out: number[] = [];
    for (;;) {
      const centre = this.next / ratio;
      const last = Math.floor(centre + halfWidth);
      if (last >= end) break;
      out.push(outputSample(this.kernel, this.next, Math.max(0, Math.ceil(centre - halfWidth)), last, at));
      this.next++;
    }
    const keepFrom = Math.max(this.start, Math.ceil(this.next / ratio - halfWidth));
    this.buffer = this.buffer.slice(keepFrom - this.start);
    this.start = keepFrom;
    return Float32Array.from(out);
  }
}
