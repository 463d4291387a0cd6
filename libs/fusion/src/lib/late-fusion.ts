import { EMOTIONS, topEmotion, type AffectEstimate, type Emotion, type EmotionDistribution } from '@attune/protocol';
import type { FusionConfig, SourceModality } from './fusion-config';
import { bayesPool, evidenceSpan, likelihoodOf, type Likelihood } from './bayes-pool';
import { calibratedDistribution, freshnessOf, reliabilityOf } from './reliability';

/** What one modality put into a fused estimate; weights of one fusion sum to 1. */
export interface ModalityContribution {
  modality: SourceModality;
  modelId: string;
  /** Share of this modality in the fused estimate (normalised `rawWeight`). */
  weight: number;
  /** reliability x confidence x freshness x consistency ^ consistencyExponent x agreement ^ agreement. */
  rawWeight: number;
  reliability: number;
  confidence: number;
  freshness: number;
  /** sum_k p(k) q(k) / max q, q the fusion of the other modalities: how plausible they find its claim (1 with fewer than three). */
  agreement: number;
  /** The session's running consistency of this modality (1 when not tracked). */
  consistency: number;
  /** `bayes` pool: probability that this stream is honest, before this reading (1 for the other pools). */
  trust: number;
  ageMs: number;
  /** The estimate used, as received. */
  estimate: AffectEstimate;
  /** The distribution pooled: the estimate's, or its confusion-calibrated posterior (`bayes`: its likelihood). */
  pooled: EmotionDistribution;
  /** `bayes` pool: the reading's likelihood over its model's classes. */
  likelihood?: Likelihood;
}

export interface LateFusion {
  /** Null when no modality has weight (nothing fresh, nothing confident). */
  estimate: AffectEstimate | null;
  contributions: ModalityContribution[];
}

/**
 * Reliability-weighted late fusion of estimates at time `now`. Estimates of modality 'fused' and
 * estimates with zero weight are ignored, so a missing modality and one with weight 0 give the
 * same result. Pure: no clock, no state.
 */
export function fuseEstimates(
  estimates: readonly AffectEstimate[],
  now: number,
  config: FusionConfig,
  consistencies: Readonly<Partial<Record<SourceModality, number>>> = {},
  trusts: Readonly<Partial<Record<SourceModality, number>>> = {},
): LateFusion {
  if (config.pool === 'bayes') return fuseBayes(estimates, now, config, trusts);
  const candidates = estimates
    .filter((e) => e.modality !== 'fused')
    .map((estimate) => {
      const reliability = reliabilityOf(estimate, config);
      const freshness = freshnessOf(estimate, now, config);
      const confidence = clamp01(estimate.confidence);
      const consistency = clamp01(consistencies[estimate.modality as SourceModality] ?? 1);
      return {
        modality: estimate.modality as SourceModality,
        modelId: estimate.modelId,
        trust: 1,
        rawWeight:
          reliability *
          (config.weightByConfidence ? confidence : confidence > 0 ? 1 : 0) *
          freshness *
          Math.pow(consistency, config.consistencyExponent),
        reliability,
        confidence,
        freshness,
        consistency,
        ageMs: Math.max(0, now - estimate.timestamp),
        estimate,
        pooled: calibratedDistribution(estimate, config),
      };
    })
    .filter((c) => c.rawWeight > 0 && c.freshness >= config.minFreshness);
  const weighted = withAgreement(candidates, config);
  const total = weighted.reduce((s, c) => s + c.rawWeight, 0);
  if (weighted.length === 0 || total <= 0) return { estimate: null, contributions: [] };
  const contributions: ModalityContribution[] = weighted.map((c) => ({ ...c, weight: c.rawWeight / total }));

  const distribution =
    config.pool === 'linear' ? linearPool(contributions, config) : logarithmicPool(contributions, config);
  return { estimate: fusedEstimate(distribution, contributions, now, config), contributions };
}

/**
 * The `bayes` pool: the product of the fresh readings' likelihoods, each believed with
 * probability trust x freshness (see FusionConfig.corruptionPrior). A contribution's weight is
 * its share of the evidence (nats between its most and least likely class).
 */
function fuseBayes(
  estimates: readonly AffectEstimate[],
  now: number,
  config: FusionConfig,
  trusts: Readonly<Partial<Record<SourceModality, number>>>,
): LateFusion {
  const readings = estimates
    .filter((e) => e.modality !== 'fused' && e.confidence > 0)
    .map((estimate) => {
      const modality = estimate.modality as SourceModality;
      const freshness = freshnessOf(estimate, now, config);
      const trust = clamp01(trusts[modality] ?? 1 - config.corruptionPrior);
      const likelihood = likelihoodOf(estimate, config);
      return { estimate, modality, freshness, trust, likelihood, belief: trust * freshness };
    })
    .filter((r) => r.freshness >= config.minFreshness);
  if (readings.length === 0) return { estimate: null, contributions: [] };
  const distribution = bayesPool(readings);
  const support = EMOTIONS.filter((e) => distribution[e] > 0);
  const spans = readings.map((r) => evidenceSpan(r, support));
  const total = spans.reduce((a, b) => a + b, 0);
  const contributions: ModalityContribution[] = readings.map((r, i) => ({
    modality: r.modality,
    modelId: r.estimate.modelId,
    weight: total > 0 ? spans[i] / total : 1 / readings.length,
    rawWeight: spans[i],
    reliability: reliabilityOf(r.estimate, config),
    confidence: clamp01(r.estimate.confidence),
    freshness: r.freshness,
    agreement: 1,
    consistency: 1,
    trust: r.trust,
    ageMs: Math.max(0, now - r.estimate.timestamp),
    estimate: r.estimate,
    pooled: Object.fromEntries(
      EMOTIONS.map((e) => [e, r.likelihood.values[r.likelihood.labels.indexOf(e)] ?? 0]),
    ) as EmotionDistribution,
    likelihood: r.likelihood,
  }));
  return { estimate: fusedEstimate(distribution, contributions, now, config), contributions };
}

function fusedEstimate(
  distribution: EmotionDistribution,
  contributions: readonly ModalityContribution[],
  now: number,
  config: FusionConfig,
): AffectEstimate {
  let valence = 0;
  let arousal = 0;
  for (const c of contributions) {
    valence += c.weight * c.estimate.valence;
    arousal += c.weight * c.estimate.arousal;
  }
  // Probability that at least one fresh, confident reading is right about the moment.
  const evidence = 1 - contributions.reduce((p, c) => p * (1 - c.confidence * c.freshness), 1);
  const top = topEmotion(distribution);
  return {
    modality: 'fused',
    distribution,
    label: top.label,
    confidence: clamp01(top.confidence * evidence),
    valence: clampUnit(valence),
    arousal: clampUnit(arousal),
    modelId: config.modelId,
    timestamp: now,
  };
}

type Candidate = Omit<ModalityContribution, 'weight' | 'agreement'>;

/** Scales each weight by its agreement with the pool of the others (see FusionConfig.agreement). */
function withAgreement(candidates: readonly Candidate[], config: FusionConfig): Omit<ModalityContribution, 'weight'>[] {
  if (candidates.length < 3) return candidates.map((c) => ({ ...c, agreement: 1 }));
  return candidates.map((c, i) => {
    const others = candidates.filter((_, j) => j !== i);
    const total = others.reduce((s, o) => s + o.rawWeight, 0);
    const normalised = others.map((o) => ({ ...o, agreement: 1, weight: o.rawWeight / total }));
    const rest = config.pool === 'linear' ? linearPool(normalised, config) : logarithmicPool(normalised, config);
    const restMax = Math.max(...EMOTIONS.map((e) => rest[e]));
    // How plausible the others find what this modality claims: 1 when its mass sits on their top class.
    const agreement = restMax > 0 ? EMOTIONS.reduce((sum, e) => sum + c.pooled[e] * rest[e], 0) / restMax : 1;
    return { ...c, agreement, rawWeight: c.rawWeight * Math.pow(agreement, config.agreement) };
  });
}

/** Per class, the weighted mean over the modalities that can express it. */
function linearPool(contributions: readonly ModalityContribution[], config: FusionConfig): EmotionDistribution {
  const raw = EMOTIONS.map((e) => {
    let sum = 0;
    let weight = 0;
    for (const c of contributions) {
      if (!expresses(c, e, config)) continue;
      sum += c.weight * c.pooled[e];
      weight += c.weight;
    }
    return weight > 0 ? sum / weight : 0;
  });
  return normalise(raw);
}

/**
 * Weighted geometric mean; on a class a model cannot express, it contributes the mean of its
 * own probabilities over the classes it can (no information either way).
 */
function logarithmicPool(contributions: readonly ModalityContribution[], config: FusionConfig): EmotionDistribution {
  const logs = EMOTIONS.map(() => 0);
  for (const c of contributions) {
    const floored = EMOTIONS.map((e) => c.pooled[e] + config.epsilon);
    const own = EMOTIONS.map((e) => expresses(c, e, config));
    const ownCount = own.filter(Boolean).length;
    const ownMean = ownCount > 0 ? floored.reduce((s, p, i) => s + (own[i] ? p : 0), 0) / ownCount : 1;
    EMOTIONS.forEach((_, i) => {
      logs[i] += c.weight * Math.log(own[i] ? floored[i] : ownMean);
    });
  }
  const max = Math.max(...logs);
  return normalise(logs.map((l) => Math.exp(l - max)));
}

function expresses(c: ModalityContribution, emotion: Emotion, config: FusionConfig): boolean {
  const labels = config.models[c.modelId]?.labels;
  return !labels || labels.includes(emotion);
}

function normalise(values: number[]): EmotionDistribution {
  const total = values.reduce((s, v) => s + v, 0);
  return Object.fromEntries(
    EMOTIONS.map((e, i) => [e, total > 0 ? values[i] / total : 1 / EMOTIONS.length]),
  ) as EmotionDistribution;
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function clampUnit(x: number): number {
  return Math.max(-1, Math.min(1, x));
}
