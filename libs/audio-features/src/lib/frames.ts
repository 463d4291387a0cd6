import Meyda from 'meyda';
import { FEATURE_CONFIG, FRAME_FEATURES } from './config';
import { estimatePitch, toSemitones } from './pitch';

const FRAME_WIDTH = FRAME_FEATURES.length;
const MFCC = 13;
const LOG_ENERGY = FRAME_FEATURES.indexOf('logEnergy');
const F0 = FRAME_FEATURES.indexOf('f0');
/** RMS below this (-100 dBFS) is digital silence: Meyda's spectral ratios are 0/0 there. */
const SILENT_RMS = 1e-5;

/** Per-frame descriptors: `values[i * width + j]` is feature `FRAME_FEATURES[j]` of frame i. */
export interface FrameMatrix {
  count: number;
  width: number;
  values: Float32Array;
}

/** Number of whole frames in a signal of `length` samples at the fixed frame and hop sizes. */
export function frameCount(length: number): number {
  const { frameSize, hopSize } = FEATURE_CONFIG;
  return length < frameSize ? 0 : Math.floor((length - frameSize) / hopSize) + 1;
}

/**
 * Low-level descriptors of every frame of a 16 kHz signal (frame i starts at sample
 * i * hopSize). `f0` is NaN on frames without a clear pitch.
 */
export function extractFrames(signal: Float32Array): FrameMatrix {
  const { frameSize, hopSize } = FEATURE_CONFIG;
  const count = frameCount(signal.length);
  const values = new Float32Array(count * FRAME_WIDTH);
  for (let i = 0; i < count; i++) {
    const frame = signal.subarray(i * hopSize, i * hopSize + frameSize);
    values.set(frameDescriptors(frame), i * FRAME_WIDTH);
  }
  return { count, width: FRAME_WIDTH, values };
}

/** The descriptors of one frame of `frameSize` samples at 16 kHz. */
export function frameDescriptors(frame: Float32Array): Float32Array {
  const { sampleRate, frameSize, minF0, maxF0 } = FEATURE_CONFIG;
  const out = new Float32Array(FRAME_WIDTH);
  let energy = 0;
  for (let i = 0; i < frame.length; i++) energy += frame[i] * frame[i];
  const rms = Math.sqrt(energy / frame.length);
  out[LOG_ENERGY] = 20 * Math.log10(Math.max(rms, SILENT_RMS));
  out[F0] = NaN;
  if (rms < SILENT_RMS) return out; // MFCCs and spectral shape are undefined; VAD drops the frame anyway
  // Meyda is configured through its module-level object; set it on every call (synchronous, so
  // nothing else can change it in between) rather than trusting whoever used it last.
  Meyda.bufferSize = frameSize;
  Meyda.sampleRate = sampleRate;
  Meyda.windowingFunction = 'hanning';
  Meyda.numberOfMFCCCoefficients = MFCC;
  Meyda.melBands = 26;
  const f = Meyda.extract(
    ['mfcc', 'zcr', 'spectralCentroid', 'spectralFlatness', 'spectralRolloff', 'spectralSpread'],
    frame,
  ) as unknown as {
    mfcc: number[];
    zcr: number;
    spectralCentroid: number;
    spectralFlatness: number;
    spectralRolloff: number;
    spectralSpread: number;
  };
  const binHz = sampleRate / frameSize;
  for (let m = 0; m < MFCC; m++) out[m] = finite(f.mfcc[m]);
  out[MFCC + 1] = f.zcr / (frame.length - 1);
  out[MFCC + 2] = (finite(f.spectralCentroid) * binHz) / 1000;
  out[MFCC + 3] = finite(f.spectralFlatness);
  out[MFCC + 4] = finite(f.spectralRolloff) / 1000;
  out[MFCC + 5] = (finite(f.spectralSpread) * binHz) / 1000;
  const pitch = estimatePitch(frame, sampleRate, minF0, maxF0);
  out[F0] = pitch.f0 > 0 ? toSemitones(pitch.f0) : NaN;
  out[F0 + 1] = pitch.clarity;
  return out;
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
