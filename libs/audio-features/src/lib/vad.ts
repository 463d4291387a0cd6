import type { FrameMatrix } from './frames';
import { FRAME_FEATURES } from './config';

export interface VadOptions {
  /** Frames quieter than this (dBFS) are never speech. */
  absoluteFloorDb: number;
  /** Speech must be this far (dB) above the signal's noise floor (its 10th energy percentile). */
  marginDb: number;
  /** Frames this flat (noise-like spectrum) only count as speech when also clearly pitched. */
  maxFlatness: number;
  /** Voiced state is held for this many frames after the last speech frame (trailing consonants). */
  hangoverFrames: number;
  /** A speech run must last this many frames to switch the detector on (ignores clicks). */
  minOnsetFrames: number;
}

export const DEFAULT_VAD: VadOptions = {
  absoluteFloorDb: -55,
  marginDb: 12,
  maxFlatness: 0.45,
  hangoverFrames: 8,
  minOnsetFrames: 3,
};

const ENERGY = FRAME_FEATURES.indexOf('logEnergy');
const FLATNESS = FRAME_FEATURES.indexOf('flatness');
const CLARITY = FRAME_FEATURES.indexOf('clarity');

/**
 * Voice activity per frame: energy above an absolute floor and above the adaptive noise floor,
 * with a speech-like (not flat) spectrum or a clear pitch; then onset debouncing and hangover.
 * Silence and steady noise give all-false, so no estimate is made from them.
 *
 * `noiseFloorDb` lets a stream pass the floor it has tracked so far; by default it is
 * estimated from these frames.
 */
export function detectVoice(frames: FrameMatrix, options: Partial<VadOptions> = {}, noiseFloorDb?: number): boolean[] {
  const o = { ...DEFAULT_VAD, ...options };
  const { count, width, values } = frames;
  const energies = Array.from({ length: count }, (_, i) => values[i * width + ENERGY]);
  const floor = noiseFloorDb ?? percentile(energies, 0.1);
  // In a stretch of continuous speech the 10th percentile is speech too: never ask for more
  // than 25 dB below the loudest frame.
  const peak = Math.max(...energies);
  const threshold = Math.max(o.absoluteFloorDb, Math.min(floor + o.marginDb, peak - 25));
  const raw = energies.map((e, i) => {
    if (e < threshold) return false;
    const flat = values[i * width + FLATNESS] > o.maxFlatness;
    return !flat || values[i * width + CLARITY] > 0.7;
  });
  const voiced = new Array<boolean>(count).fill(false);
  let run = 0;
  let hold = 0;
  for (let i = 0; i < count; i++) {
    run = raw[i] ? run + 1 : 0;
    if (run >= o.minOnsetFrames) {
      // Back-fill the onset frames that the debounce delayed.
      for (let j = i - run + 1; j <= i; j++) voiced[j] = true;
      hold = o.hangoverFrames;
    } else if (hold > 0) {
      voiced[i] = true;
      hold--;
    }
  }
  return voiced;
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
