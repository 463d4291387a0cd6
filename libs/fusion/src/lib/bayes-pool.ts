import { EMOTIONS, type AffectEstimate, type Emotion, type EmotionDistribution } from '@attune/protocol';
import { calibrate } from './calibration';
import type { FusionConfig, ModelReliability } from './fusion-config';

/**
 * What one reading says about the true class: p(reading | class) up to a constant, over the
 * classes its model can output (`labels`), normalised to sum 1 there.
 */
export interface Likelihood {
  labels: readonly Emotion[];
  values: readonly number[];
}

/** The classes a model outputs: its calibration's, its confusion matrix's, its `labels`, else all. */
export function labelsOf(model: ModelReliability | undefined): readonly Emotion[] {
  return model?.calibration?.labels ?? model?.confusion?.labels ?? model?.labels ?? EMOTIONS;
}

/**
 * The likelihood of a reading, from the best description of its model that validation gave:
 * a fitted calibration (the calibrated posterior under a uniform prior), else the held-out
 * confusion matrix (sum_j p(j) P(says j | class), add-one smoothed), else a model right with
 * probability macro-F1 and wrong uniformly otherwise.
 */
export function likelihoodOf(estimate: AffectEstimate, config: FusionConfig): Likelihood {
  const model = config.models[estimate.modelId];
  const labels = labelsOf(model);
  if (model?.calibration) {
    const calibrated = calibrate(estimate.distribution, model.calibration);
    return { labels, values: normalised(labels.map((e) => calibrated[e])) };
  }
  const p = restricted(estimate.distribution, labels);
  const says = saysGiven(model, config, labels);
  return {
    labels,
    values: normalised(labels.map((_, k) => p.reduce((s, pj, j) => s + pj * says[k][j], 0))),
  };
}

/**
 * `says[k][j]` = P(model says j | true class k) over `labelsOf(model)`: the held-out confusion
 * matrix's rows (add-one smoothed), else macro-F1 on the diagonal and the rest spread evenly.
 */
export function saysGiven(
  model: ModelReliability | undefined,
  config: FusionConfig,
  labels: readonly Emotion[] = labelsOf(model),
): number[][] {
  const K = labels.length;
  const confusion = model?.confusion;
  if (confusion)
    return labels.map((truth) => {
      const k = confusion.labels.indexOf(truth);
      const row = labels.map((said) => {
        const j = confusion.labels.indexOf(said);
        return (k >= 0 && j >= 0 ? (confusion.matrix[k]?.[j] ?? 0) : 0) + 1;
      });
      const total = row.reduce((a, b) => a + b, 0);
      return row.map((v) => v / total);
    });
  const chance = 1 / K;
  const accuracy = Math.min(
    0.999,
    Math.max(chance, model?.macroF1 ?? chance + config.defaultReliability * (1 - chance)),
  );
  return labels.map((_, k) => labels.map((_, j) => (j === k ? accuracy : (1 - accuracy) / Math.max(1, K - 1))));
}

/** One reading in the pool: its likelihood and how far to believe it (trust x freshness, 0..1). */
export interface PooledReading {
  likelihood: Likelihood;
  belief: number;
}

/**
 * Naive-Bayes product of the readings' likelihoods, each a mixture: with probability `belief`
 * the reading is its model's honest output, otherwise it is uninformative (a broken, stale or
 * corrupted stream). Classes no reading can express get 0; a reading abstains (factor 1/K) on
 * classes its model cannot output. Uniform prior over the classes expressed.
 */
export function bayesPool(readings: readonly PooledReading[]): EmotionDistribution {
  const support = EMOTIONS.filter((e) => readings.some((r) => r.likelihood.labels.includes(e)));
  const logs = support.map((e) => readings.reduce((s, r) => s + Math.log(mixedLikelihood(r, e)), 0));
  const max = Math.max(...logs);
  const raw = logs.map((l) => Math.exp(l - max));
  const total = raw.reduce((a, b) => a + b, 0);
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionDistribution;
  support.forEach((e, i) => (out[e] = raw[i] / total));
  return out;
}

/** belief * L(e) + (1 - belief) / K on the model's classes; 1 / K (no information) elsewhere. */
export function mixedLikelihood(reading: PooledReading, emotion: Emotion): number {
  const { labels, values } = reading.likelihood;
  const K = labels.length;
  const i = labels.indexOf(emotion);
  if (i < 0) return 1 / K;
  const b = Math.max(0, Math.min(1, reading.belief));
  return Math.max(1e-300, b * values[i] + (1 - b) / K);
}

/** Nats of evidence a reading contributes: log max - log min of its mixed likelihood over `support`. */
export function evidenceSpan(reading: PooledReading, support: readonly Emotion[]): number {
  const logs = support.map((e) => Math.log(mixedLikelihood(reading, e)));
  return logs.length > 0 ? Math.max(...logs) - Math.min(...logs) : 0;
}

/**
 * Posterior probability that a stream is honest after one more reading, judged by the others:
 * honest, the model says j with probability sum_k q(k) P(says j | k), q the fusion of the other
 * readings; corrupted (noise, a stuck or misrouted stream), it says any of its K classes alike.
 * Returns `prior` unchanged when the others say nothing about its classes.
 */
export function judgedTrust(
  said: Emotion,
  says: readonly (readonly number[])[],
  labels: readonly Emotion[],
  others: EmotionDistribution,
  prior: number,
): number {
  const j = labels.indexOf(said);
  const mass = labels.reduce((s, e) => s + others[e], 0);
  if (j < 0 || !(mass > 0)) return prior;
  const honest = labels.reduce((s, e, k) => s + (others[e] / mass) * says[k][j], 0);
  const corrupted = 1 / labels.length;
  const numerator = prior * honest;
  return numerator / (numerator + (1 - prior) * corrupted);
}

/** The class a reading claims: the argmax of its likelihood. */
export function claimOf(likelihood: Likelihood): Emotion {
  let best = 0;
  likelihood.values.forEach((v, i) => {
    if (v > likelihood.values[best]) best = i;
  });
  return likelihood.labels[best];
}

function restricted(distribution: EmotionDistribution, labels: readonly Emotion[]): number[] {
  const values = labels.map((e) => Math.max(0, distribution[e] ?? 0));
  const total = values.reduce((a, b) => a + b, 0);
  return total > 0 ? values.map((v) => v / total) : labels.map(() => 1 / labels.length);
}

function normalised(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  return total > 0 ? values.map((v) => v / total) : values.map(() => 1 / values.length);
}
