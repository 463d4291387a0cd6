import { FEATURE_CONFIG, FEATURE_LENGTH, VOICED_FRACTION_INDEX } from '@attune/audio-features';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SpeakerNormaliser } from './speaker-normaliser';
import { standardise } from './standardiser';
import type { VoiceModelMetadata } from './voice-model-metadata';
import { predictProbabilities } from './voice-network';

/** The windows worth classifying: right length, finite, and voiced enough. */
export function voicedWindows(windows: readonly ArrayLike<number>[]): ArrayLike<number>[] {
  return windows.filter(
    (w) =>
      w.length === FEATURE_LENGTH &&
      w[VOICED_FRACTION_INDEX] >= FEATURE_CONFIG.minVoicedFraction &&
      Array.prototype.every.call(w, Number.isFinite),
  );
}

/**
 * Class probabilities of a run of windows from one speaker (an utterance, or one live payload):
 * the voiced windows are added to the speaker's statistics, normalised, classified, and their
 * probabilities averaged. Null when no window is voiced. Shared by training-time evaluation and
 * the served model, so both see the same numbers.
 */
export function utteranceProbabilities(
  network: LayersModel,
  normalisation: VoiceModelMetadata['normalisation'],
  windows: readonly ArrayLike<number>[],
  speaker?: SpeakerNormaliser,
  observe = true,
): Float32Array | null {
  const voiced = voicedWindows(windows);
  if (voiced.length === 0) return null;
  let bySpeaker: readonly ArrayLike<number>[] = voiced;
  if (normalisation.bySpeaker) {
    // Without a speaker, an empty normaliser: its statistics are the prior's.
    const normaliser = speaker ?? new SpeakerNormaliser(normalisation.speakerPrior, 1);
    if (speaker && observe) normaliser.observe(voiced);
    bySpeaker = normaliser.normalise(voiced);
  }
  const rows = bySpeaker.map((r) => standardise(r, normalisation.standardiser));
  return meanProbabilities(predictProbabilities(network, rows));
}

/** Geometric mean of per-window probabilities, renormalised: one confident window does not swamp the rest. */
export function meanProbabilities(perWindow: readonly Float32Array[]): Float32Array {
  const classes = perWindow[0].length;
  const logSum = new Float64Array(classes);
  for (const p of perWindow) for (let k = 0; k < classes; k++) logSum[k] += Math.log(Math.max(p[k], 1e-7));
  const out = new Float32Array(classes);
  let total = 0;
  for (let k = 0; k < classes; k++) total += out[k] = Math.exp(logSum[k] / perWindow.length);
  for (let k = 0; k < classes; k++) out[k] /= total;
  return out;
}
