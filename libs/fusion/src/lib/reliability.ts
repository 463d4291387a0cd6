import { EMOTIONS, type AffectEstimate, type EmotionDistribution } from '@attune/protocol';
import type { FusionConfig, ModelReliability } from './fusion-config';

/**
 * How much better than chance a model is, 0..1: (F1 - 1/K) / (1 - 1/K). A model at chance gets 0,
 * a perfect one 1. With per-class precision, the same rescaling of the precision it can expect
 * for what this estimate claims.
 */
export function reliabilityOf(estimate: AffectEstimate, config: FusionConfig): number {
  const model: ModelReliability | undefined = config.models[estimate.modelId];
  if (!model) return config.defaultReliability;
  const classes = model.classes ?? model.labels?.length ?? EMOTIONS.length;
  const chance = 1 / classes;
  let score: number | undefined;
  if (model.perClassPrecision) {
    let mass = 0;
    let expected = 0;
    for (const e of EMOTIONS) {
      const precision = model.perClassPrecision[e];
      if (precision === undefined) continue;
      mass += estimate.distribution[e];
      expected += estimate.distribution[e] * precision;
    }
    if (mass > 0) score = expected / mass;
  }
  score ??= model.macroF1;
  if (score === undefined) return config.defaultReliability;
  if (config.reliabilityScale === 'skill') return clamp01((score - chance) / (1 - chance));
  const s = Math.min(0.99, Math.max(chance, score));
  return clamp01(Math.log((s * (classes - 1)) / (1 - s)) / Math.log(99 * (classes - 1)));
}

/** The posterior of the true class given what the model said, from its held-out confusion matrix. */
export function calibratedDistribution(estimate: AffectEstimate, config: FusionConfig): EmotionDistribution {
  const confusion = config.models[estimate.modelId]?.confusion;
  if (!confusion) return estimate.distribution;
  const { labels, matrix } = confusion;
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionDistribution;
  labels.forEach((said, j) => {
    const p = estimate.distribution[said];
    if (!(p > 0)) return;
    const column = labels.map((_, k) => (matrix[k]?.[j] ?? 0) + 1);
    const total = column.reduce((a, b) => a + b, 0);
    labels.forEach((truth, k) => {
      out[truth] += (p * column[k]) / total;
    });
  });
  const mass = EMOTIONS.reduce((a, e) => a + out[e], 0);
  if (mass <= 0) return estimate.distribution;
  for (const e of EMOTIONS) out[e] /= mass;
  return out;
}

/** 0.5 ^ (age / half-life); an estimate from the future counts as fresh. */
export function freshnessOf(estimate: AffectEstimate, now: number, config: FusionConfig): number {
  if (estimate.modality === 'fused') return 0;
  const age = Math.max(0, now - estimate.timestamp);
  return Math.pow(0.5, age / config.halfLifeMs[estimate.modality]);
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
