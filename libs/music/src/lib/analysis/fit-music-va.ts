import { fitRidge, leaveOneOut, predictLinear, spearman } from './linear-model';
import type { MusicFeatures } from './music-features';
import { AROUSAL_INPUTS, modelInputs, type MusicVaModel, VALENCE_INPUTS } from './music-va-model';

export interface LabelledClip {
  id: string;
  features: MusicFeatures;
  /** Mean ratings, 1-9. */
  valence: number;
  arousal: number;
}

export interface MusicVaFit {
  model: MusicVaModel;
  lambda: number;
  n: number;
  /** Spearman of leave-one-out predictions (each clip predicted by a model fitted without it). */
  looSpearman: { valence: number; arousal: number };
  /** Spearman of the full model on its own training clips: optimistic, for contrast only. */
  inSampleSpearman: { valence: number; arousal: number };
  /** Spearman of a single a-priori cue per dimension, nothing fitted: mode margin for valence, loudness for arousal. */
  singleCueSpearman: { valence: number; arousal: number };
  predictions: { id: string; valence: number; arousal: number; looValence: number; looArousal: number; trueValence: number; trueArousal: number }[];
}

/**
 * Fits the two ridge models (inputs chosen a priori from the music-emotion literature, not
 * searched on these clips: arousal from loudness, brightness, flux, onset rate and tempo;
 * valence from mode, tempo, brightness and loudness) and evaluates them by leave-one-out.
 */
export function fitMusicVa(clips: readonly LabelledClip[], lambda = 2, id = 'music-va-linear@1'): MusicVaFit {
  const xa = clips.map((c) => modelInputs(c.features, AROUSAL_INPUTS));
  const xv = clips.map((c) => modelInputs(c.features, VALENCE_INPUTS));
  const ya = clips.map((c) => c.arousal);
  const yv = clips.map((c) => c.valence);
  const arousal = fitRidge(AROUSAL_INPUTS, xa, ya, lambda);
  const valence = fitRidge(VALENCE_INPUTS, xv, yv, lambda);
  const looA = leaveOneOut(AROUSAL_INPUTS, xa, ya, lambda);
  const looV = leaveOneOut(VALENCE_INPUTS, xv, yv, lambda);
  const fitA = xa.map((x) => predictLinear(arousal, x));
  const fitV = xv.map((x) => predictLinear(valence, x));
  return {
    model: { id, valence, arousal },
    lambda,
    n: clips.length,
    looSpearman: { valence: spearman(looV, yv), arousal: spearman(looA, ya) },
    inSampleSpearman: { valence: spearman(fitV, yv), arousal: spearman(fitA, ya) },
    singleCueSpearman: {
      valence: spearman(clips.map((c) => c.features.modeMargin), yv),
      arousal: spearman(clips.map((c) => c.features.loudnessDb), ya),
    },
    predictions: clips.map((c, i) => ({
      id: c.id,
      valence: fitV[i],
      arousal: fitA[i],
      looValence: looV[i],
      looArousal: looA[i],
      trueValence: c.valence,
      trueArousal: c.arousal,
    })),
  };
}
