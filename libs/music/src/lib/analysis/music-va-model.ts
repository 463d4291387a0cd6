import { type LinearModel, predictLinear } from './linear-model';
import type { MusicFeatures } from './music-features';

/** Inputs of the valence/arousal models, derived from MusicFeatures (see modelInputs). */
export const AROUSAL_INPUTS = ['loudnessDb', 'log2CentroidHz', 'flux', 'onsetsPerSec', 'tempoBpm'] as const;
export const VALENCE_INPUTS = ['modeMargin', 'tempoBpm', 'log2CentroidHz', 'loudnessDb'] as const;

export function modelInputs(f: MusicFeatures, names: readonly string[]): number[] {
  const all: Record<string, number> = {
    loudnessDb: f.loudnessDb,
    log2CentroidHz: Math.log2(Math.max(f.centroidHz, 1)),
    flux: f.flux,
    onsetsPerSec: f.onsetsPerSec,
    tempoBpm: f.tempoBpm,
    modeMargin: f.modeMargin,
  };
  return names.map((n) => all[n]);
}

export interface MusicVaModel {
  id: string;
  /** Both predict the mean rating on MediaEval's 1-9 scale. */
  valence: LinearModel;
  arousal: LinearModel;
}

/**
 * Fitted by `attune catalog fit-va` (ridge, lambda 2, standardised inputs) on the 10 MediaEval
 * 2013 clips whose audio is on this machine: ten blues excerpts. Ten is tiny: read the
 * leave-one-out figures in models/music-va-linear.md before trusting any single estimate.
 * Regenerate with `npm run -s attune -- catalog fit-va --write`.
 */
// BEGIN GENERATED MUSIC_VA_MODEL
export const MUSIC_VA_MODEL: MusicVaModel = {
  id: 'music-va-linear@1',
  valence: {
    inputs: ['modeMargin', 'tempoBpm', 'log2CentroidHz', 'loudnessDb'],
    means: [-0.011187, 105.425195, 9.772814, -20.989311],
    sds: [0.143791, 30.900324, 0.480176, 3.457698],
    weights: [0.137827, -0.048023, 0.046222, 0.613629],
    intercept: 4.88,
  },
  arousal: {
    inputs: ['loudnessDb', 'log2CentroidHz', 'flux', 'onsetsPerSec', 'tempoBpm'],
    means: [-20.989311, 9.772814, 44.263592, 2.226729, 105.425195],
    sds: [3.457698, 0.480176, 17.443944, 0.423177, 30.900324],
    weights: [0.416383, -0.048175, 0.273158, 0.186124, -0.310191],
    intercept: 4.28,
  },
};
// END GENERATED MUSIC_VA_MODEL

/** Valence and arousal in [-1, 1] (the mood's scale): the 1-9 prediction mapped by (y - 5) / 4, clipped. */
export function predictValenceArousal(f: MusicFeatures, model: MusicVaModel = MUSIC_VA_MODEL): { valence: number; arousal: number } {
  const toUnit = (y: number) => Math.max(-1, Math.min(1, (y - 5) / 4));
  return {
    valence: toUnit(predictLinear(model.valence, modelInputs(f, model.valence.inputs))),
    arousal: toUnit(predictLinear(model.arousal, modelInputs(f, model.arousal.inputs))),
  };
}

/** Energy in [0, 1] from mean loudness: -40 dBFS -> 0, -10 dBFS -> 1, linear in dB between. */
export function energyOf(f: MusicFeatures): number {
  return Math.max(0, Math.min(1, (f.loudnessDb + 40) / 30));
}
