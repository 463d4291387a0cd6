import Meyda from 'meyda';
import { estimateKeyMode } from './key-mode';
import { estimateRhythm } from './tempo';

/** Analysis rate: enough for rhythm, timbre and pitch classes up to ~2 kHz, and 4x cheaper than 44.1 kHz. */
export const ANALYSIS_RATE = 11025;
export const FRAME_SIZE = 1024;
export const HOP_SIZE = 512;
/** Quieter frames (-70 dBFS) are silence (fades, gaps) and do not vote on brightness or key. */
const SILENT_RMS = 10 ** (-70 / 20);

/** What the analysis measures on a track; the inputs of the valence/arousal model. */
export interface MusicFeatures {
  durationSec: number;
  /** Mean frame RMS in dBFS (Meyda's RMS of the Hann-windowed frame: 4.3 dB below the plain RMS). */
  loudnessDb: number;
  /** Standard deviation of frame RMS in dB: dynamics. */
  dynamicsDb: number;
  /** Energy-weighted mean spectral centroid in Hz (below ANALYSIS_RATE / 2). */
  centroidHz: number;
  /** Mean half-wave-rectified log-spectral flux per frame: how much the sound changes. */
  flux: number;
  tempoBpm: number;
  pulseClarity: number;
  onsetsPerSec: number;
  key: string;
  mode: 'major' | 'minor';
  modeMargin: number;
}

/**
 * Mono signal at `sampleRate` -> ANALYSIS_RATE by averaging blocks of `factor` samples (a box
 * low-pass: crude, but the features used here are robust to the little aliasing it lets through).
 */
export function downsample(samples: Float32Array, sampleRate: number): { samples: Float32Array; sampleRate: number } {
  const factor = Math.max(1, Math.round(sampleRate / ANALYSIS_RATE));
  if (factor === 1) return { samples, sampleRate };
  const out = new Float32Array(Math.floor(samples.length / factor));
  for (let i = 0, k = 0; i < out.length; i++) {
    let s = 0;
    for (let j = 0; j < factor; j++) s += samples[k++];
    out[i] = s / factor;
  }
  return { samples: out, sampleRate: sampleRate / factor };
}

/**
 * Frame-level Meyda features (RMS, spectral centroid, amplitude spectrum; Hann window,
 * FRAME_SIZE/HOP_SIZE), summarised per track, with spectral flux, tempo (tempo.ts) and a
 * pitch-class profile for key and mode (key-mode.ts) computed from Meyda's spectrum.
 */
export function extractMusicFeatures(mono: Float32Array, inputRate: number): MusicFeatures {
  const { samples, sampleRate } = downsample(mono, inputRate);
  // Meyda is configured through its module-level object: set it on every call (synchronous,
  // so nothing else can change it in between) rather than trusting whoever used it last.
  Meyda.bufferSize = FRAME_SIZE;
  Meyda.sampleRate = sampleRate;
  Meyda.windowingFunction = 'hanning';
  const bins = FRAME_SIZE / 2;
  const pitchClass = pitchClassOfBins(bins, sampleRate);
  const binHz = sampleRate / FRAME_SIZE;
  const frames = samples.length < FRAME_SIZE ? 0 : Math.floor((samples.length - FRAME_SIZE) / HOP_SIZE) + 1;
  const envelope = new Float64Array(frames);
  const chroma = new Float64Array(12);
  const dbs: number[] = [];
  let previous: Float64Array | null = null;
  let rmsSum = 0;
  let centroidWeighted = 0;
  let centroidWeight = 0;
  for (let f = 0; f < frames; f++) {
    const frame = samples.subarray(f * HOP_SIZE, f * HOP_SIZE + FRAME_SIZE);
    const m = Meyda.extract(['rms', 'spectralCentroid', 'amplitudeSpectrum'], frame) as {
      rms: number;
      spectralCentroid: number;
      amplitudeSpectrum: Float32Array;
    };
    rmsSum += m.rms;
    dbs.push(20 * Math.log10(Math.max(m.rms, 1e-6)));
    const spectrum = m.amplitudeSpectrum;
    const logMag = new Float64Array(bins);
    let flux = 0;
    for (let k = 0; k < bins; k++) {
      logMag[k] = Math.log1p(spectrum[k]);
      if (previous) flux += Math.max(0, logMag[k] - previous[k]);
    }
    envelope[f] = flux;
    previous = logMag;
    if (m.rms < SILENT_RMS) continue;
    const energy = m.rms * m.rms;
    // Meyda's centroid is in bins.
    if (Number.isFinite(m.spectralCentroid)) {
      centroidWeighted += m.spectralCentroid * binHz * energy;
      centroidWeight += energy;
    }
    for (let k = 1; k < bins; k++) if (pitchClass[k] >= 0) chroma[pitchClass[k]] += spectrum[k] * spectrum[k];
  }
  const meanDb = dbs.length ? dbs.reduce((s, v) => s + v, 0) / dbs.length : -120;
  const rhythm = estimateRhythm(envelope, sampleRate / HOP_SIZE);
  const keyMode = estimateKeyMode(chroma);
  return {
    durationSec: mono.length / inputRate,
    loudnessDb: frames ? 20 * Math.log10(Math.max(rmsSum / frames, 1e-6)) : -120,
    dynamicsDb: dbs.length ? Math.sqrt(dbs.reduce((s, v) => s + (v - meanDb) ** 2, 0) / dbs.length) : 0,
    centroidHz: centroidWeight > 0 ? centroidWeighted / centroidWeight : 0,
    flux: frames > 1 ? envelope.reduce((s, v) => s + v, 0) / (frames - 1) : 0,
    ...rhythm,
    ...keyMode,
  };
}

/** Pitch class (0 = C) of each FFT bin between C2 (65 Hz) and B6 (~2 kHz), else -1: where pitch, not noise, dominates. */
function pitchClassOfBins(bins: number, sampleRate: number): Int8Array {
  const out = new Int8Array(bins).fill(-1);
  for (let k = 1; k < bins; k++) {
    const hz = (k * sampleRate) / FRAME_SIZE;
    if (hz < 65 || hz > 2000) continue;
    out[k] = (Math.round(12 * Math.log2(hz / 440)) + 9 + 1200) % 12;
  }
  return out;
}
