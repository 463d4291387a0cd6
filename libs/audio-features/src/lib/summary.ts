import { FEATURE_CONFIG, FEATURE_LENGTH, FRAME_FEATURES, SUMMARY_STATS } from './config';
import { extractFrames, frameCount, type FrameMatrix } from './frames';
import { resample } from './resample';
import { detectVoice, percentile, type VadOptions } from './vad';

const F0 = FRAME_FEATURES.indexOf('f0');
const ENERGY = FRAME_FEATURES.indexOf('logEnergy');
const STATS = SUMMARY_STATS.length;

/** A window's vector, or null when the window holds too little voice to say anything. */
export interface WindowVector {
  /** Index of the window's first frame; its start in seconds is `startFrame * hop / rate`. */
  startFrame: number;
  vector: Float32Array | null;
}

/** The frames `[from, to)` of a matrix, sharing its storage. */
export function sliceFrames(frames: FrameMatrix, from: number, to: number): FrameMatrix {
  const { width } = frames;
  return { count: to - from, width, values: frames.values.subarray(from * width, to * width) };
}

/**
 * The fixed-length vector (`FEATURE_NAMES` order) of a run of frames, from its voiced frames
 * only: per descriptor mean, std, 10th/90th percentile and the std of its frame-to-frame change
 * (over consecutive voiced frames); F0 statistics over pitched frames; then the voiced and
 * pitched shares, run rates and the F0 and energy slopes. All zeros but the shares when
 * nothing is voiced.
 */
export function summariseFrames(frames: FrameMatrix, voiced: readonly boolean[]): Float32Array {
  const { count, width, values } = frames;
  const out = new Float32Array(FEATURE_LENGTH);
  const voicedIdx: number[] = [];
  for (let i = 0; i < count; i++) if (voiced[i]) voicedIdx.push(i);
  let pitched = 0;
  for (let j = 0; j < width; j++) {
    const series: number[] = [];
    const deltas: number[] = [];
    for (const i of voicedIdx) {
      const v = values[i * width + j];
      if (Number.isNaN(v)) continue;
      series.push(v);
      if (i > 0 && voiced[i - 1]) {
        const prev = values[(i - 1) * width + j];
        if (!Number.isNaN(prev)) deltas.push(v - prev);
      }
    }
    if (j === F0) pitched = series.length;
    if (series.length === 0) continue;
    const { mean, std } = moments(series);
    out.set([mean, std, percentile(series, 0.1), percentile(series, 0.9), moments(deltas).std], j * STATS);
  }
  const g = width * STATS;
  const seconds = (count * FEATURE_CONFIG.hopSize) / FEATURE_CONFIG.sampleRate;
  const pitchedAt = (i: number) => voiced[i] && !Number.isNaN(values[i * width + F0]);
  let voicedRuns = 0;
  let pitchedRuns = 0;
  for (let i = 0; i < count; i++) {
    if (voiced[i] && (i === 0 || !voiced[i - 1])) voicedRuns++;
    if (pitchedAt(i) && (i === 0 || !pitchedAt(i - 1))) pitchedRuns++;
  }
  out[g] = count > 0 ? voicedIdx.length / count : 0;
  out[g + 1] = voicedIdx.length > 0 ? pitched / voicedIdx.length : 0;
  out[g + 2] = seconds > 0 ? voicedRuns / seconds : 0;
  out[g + 3] = seconds > 0 ? pitchedRuns / seconds : 0;
  out[g + 4] = slopePerSecond(voicedIdx.filter(pitchedAt), (i) => values[i * width + F0]);
  out[g + 5] = slopePerSecond(voicedIdx, (i) => values[i * width + ENERGY]);
  return out;
}

/** Frames of any mono signal at the fixed rate (resampled first when needed). */
export function framesOf(signal: Float32Array, sampleRate: number): FrameMatrix {
  return extractFrames(resample(signal, sampleRate, FEATURE_CONFIG.sampleRate));
}

/**
 * One vector for a whole utterance (training and offline evaluation): statistics over all of
 * its voiced frames. Null when no frame is voiced.
 */
export function utteranceFeatures(
  signal: Float32Array,
  sampleRate: number,
  vad: Partial<VadOptions> = {},
): Float32Array | null {
  const frames = framesOf(signal, sampleRate);
  const voiced = detectVoice(frames, vad);
  return voiced.some(Boolean) ? summariseFrames(frames, voiced) : null;
}

/** The vector of one live window of frames, or null when it is (mostly) silent. */
export function summariseWindow(frames: FrameMatrix, vad: Partial<VadOptions> = {}): Float32Array | null {
  const voiced = detectVoice(frames, vad);
  const share = voiced.filter(Boolean).length / Math.max(1, frames.count);
  return share >= FEATURE_CONFIG.minVoicedFraction ? summariseFrames(frames, voiced) : null;
}

/**
 * The live windows of a signal (1 s every 0.5 s): exactly what `StreamingFeatureExtractor`
 * emits for the same samples.
 */
export function windowFeatures(
  signal: Float32Array,
  sampleRate: number,
  vad: Partial<VadOptions> = {},
): WindowVector[] {
  return windowsOfFrames(framesOf(signal, sampleRate), vad);
}

export function windowsOfFrames(frames: FrameMatrix, vad: Partial<VadOptions> = {}): WindowVector[] {
  const { windowFrames, windowHopFrames } = FEATURE_CONFIG;
  const out: WindowVector[] = [];
  for (let start = 0; start + windowFrames <= frames.count; start += windowHopFrames)
    out.push({ startFrame: start, vector: summariseWindow(sliceFrames(frames, start, start + windowFrames), vad) });
  return out;
}

/**
 * Incremental extractor for a live 16 kHz stream (AudioWorklet/ScriptProcessor chunks of any
 * size): frames at the same positions as `extractFrames` on the concatenated samples, and a
 * window vector every `windowHopFrames` frames, identical to `windowFeatures` on the same samples.
 */
export class StreamingFeatureExtractor {
  private pending = new Float32Array(0);
  private readonly frameRows: Float32Array[] = [];
  private framesSeen = 0;
  private nextWindow = FEATURE_CONFIG.windowFrames;

  constructor(private readonly vad: Partial<VadOptions> = {}) {}

  /** Adds samples; returns the windows completed by them. */
  push(samples: Float32Array): WindowVector[] {
    const { frameSize, hopSize, windowFrames } = FEATURE_CONFIG;
    const joined = new Float32Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    const n = frameCount(joined.length);
    if (n > 0) {
      const frames = extractFrames(joined.subarray(0, (n - 1) * hopSize + frameSize));
      for (let i = 0; i < n; i++) this.frameRows.push(frames.values.slice(i * frames.width, (i + 1) * frames.width));
      this.framesSeen += n;
    }
    this.pending = joined.slice(n * hopSize);
    const windows: WindowVector[] = [];
    while (this.framesSeen >= this.nextWindow) {
      const startFrame = this.nextWindow - windowFrames;
      const offset = this.framesSeen - this.frameRows.length; // index of frameRows[0]
      const rows = this.frameRows.slice(startFrame - offset, startFrame - offset + windowFrames);
      windows.push({ startFrame, vector: summariseWindow(stack(rows), this.vad) });
      this.nextWindow += FEATURE_CONFIG.windowHopFrames;
    }
    // Keep only the frames a future window can still use.
    const keepFrom = this.nextWindow - windowFrames - (this.framesSeen - this.frameRows.length);
    if (keepFrom > 0) this.frameRows.splice(0, keepFrom);
    return windows;
  }
}

function stack(rows: Float32Array[]): FrameMatrix {
  const width = FRAME_FEATURES.length;
  const values = new Float32Array(rows.length * width);
  rows.forEach((r, i) => values.set(r, i * width));
  return { count: rows.length, width, values };
}

/** Least-squares slope of `value(i)` against frame time, per second; 0 with fewer than 2 frames. */
function slopePerSecond(frames: readonly number[], value: (i: number) => number): number {
  if (frames.length < 2) return 0;
  let mt = 0;
  let mv = 0;
  for (const i of frames) {
    mt += i;
    mv += value(i);
  }
  mt /= frames.length;
  mv /= frames.length;
  let cov = 0;
  let vt = 0;
  for (const i of frames) {
    cov += (i - mt) * (value(i) - mv);
    vt += (i - mt) ** 2;
  }
  const framesPerSecond = FEATURE_CONFIG.sampleRate / FEATURE_CONFIG.hopSize;
  return vt > 0 ? (cov / vt) * framesPerSecond : 0;
}

function moments(xs: readonly number[]): { mean: number; std: number } {
  if (xs.length === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let sq = 0;
  for (const x of xs) sq += (x - mean) * (x - mean);
  return { mean, std: Math.sqrt(sq / xs.length) };
}
