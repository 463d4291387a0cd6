import type { Emotion, Modality } from '@attune/protocol';
import type { Calibration } from './calibration';

/** The modalities that produce estimates (everything but 'fused'). */
export type SourceModality = Exclude<Modality, 'fused'>;

/** What validation said about one model; plain numbers from its model card / metadata.json. */
export interface ModelReliability {
  /** Macro-F1 (or UAR) measured on held-out data, 0..1. */
  macroF1?: number;
  /**
   * Held-out precision per class: how far to trust the model when it says k. When given, the
   * reliability of an estimate is its expected precision, sum_k p(k) * precision(k).
   */
  perClassPrecision?: Partial<Record<Emotion, number>>;
  /** How many classes the model chooses among (chance = 1 / classes); default: the length of `labels`, else 7. */
  classes?: number;
  /**
   * Held-out confusion matrix (`matrix[actual][predicted]`, over `labels`; the `confusion` of an
   * `attune eval` report in canonical names). When given, the model's distribution is replaced by
   * the posterior of the true class, sum_j p(j) P(true = k | said j) (add-one smoothed), before
   * pooling: a model that confuses fear with surprise then spreads its "fear" over both.
   */
  confusion?: { labels: readonly Emotion[]; matrix: readonly (readonly number[])[] };
  /**
   * The classes the model can output. On the others it abstains: it neither supports nor vetoes
   * them (a text model trained without "neutral" must not vote neutral down).
   */
  labels?: readonly Emotion[];
  /**
   * Temperature and per-class bias fitted on held-out predictions (`fitCalibration`). The
   * `bayes` pool then multiplies calibrated posteriors (likelihoods under a uniform prior).
   */
  calibration?: Calibration;
}

export const POOLS = ['linear', 'logarithmic', 'bayes'] as const;
/**
 * linear: weighted mean of distributions; logarithmic: weighted geometric mean (product of
 * experts); bayes: product of each reading's likelihood (calibration, confusion matrix or
 * macro-F1), each mixed with "uninformative" by the stream's trust (see `corruptionPrior`).
 */
export type Pool = (typeof POOLS)[number];

export const RELIABILITY_SCALES = ['skill', 'log-odds'] as const;
/**
 * skill: (score - chance) / (1 - chance). log-odds: log(score (K-1) / (1 - score)) / log(99 (K-1)),
 * the weight a naive-Bayes vote of a model right with probability `score` deserves, scaled to
 * reach 1 at 0.99; it separates good from very good models more than skill does.
 */
export type ReliabilityScale = (typeof RELIABILITY_SCALES)[number];

export interface FusionConfig {
  /** Reliability by model id; models not listed get `defaultReliability`. */
  models: Readonly<Record<string, ModelReliability>>;
  /** Reliability (0..1) of a model with no measured performance. */
  defaultReliability: number;
  reliabilityScale: ReliabilityScale;
  /**
   * Multiply weights by each estimate's confidence. Off makes sense when every model is
   * confusion-calibrated (the calibrated posterior already says how sure to be).
   */
  weightByConfidence: boolean;
  /** An estimate's weight halves every `halfLifeMs` of age, per modality. */
  halfLifeMs: Readonly<Record<SourceModality, number>>;
  /** Below this freshness (0..1) an estimate is dropped from the state entirely. */
  minFreshness: number;
  /** Time constant of the EMA over the fused distribution and valence/arousal. */
  smoothingTauMs: number;
  pool: Pool;
  /** Probability floor before the logarithmic pool, so one zero cannot veto a class. */
  epsilon: number;
  /**
   * Exponent of the cross-modal agreement factor: with three or more modalities, each one's
   * weight is multiplied by (sum_k p(k) q(k) / max_k q(k)) ^ agreement, q the fusion of the
   * others: how plausible the rest find its claim. A modality contradicting the rest (a wrong or
   * noisy stream) loses weight; a flat one is not mistaken for agreement. 0 turns it off.
   */
  agreement: number;
  /**
   * Session consistency: after each new reading of a modality that two others can judge, its
   * consistency moves towards that reading's agreement with them by this rate (an EMA over
   * readings; 0.2 ~ the last five). Weights are multiplied by consistency ^ `consistencyExponent`,
   * so a stream that keeps contradicting the others (a camera on the wrong face, a TV in the
   * room) fades, which one reading alone cannot reveal. 0 turns it off.
   */
  consistencyRate: number;
  consistencyExponent: number;
  /**
   * `bayes` pool: prior probability that a stream is corrupted (noise, stuck, the wrong face).
   * Each new reading that another modality can judge updates that stream's trust by Bayes'
   * rule: honest, its model says j with P(says j | class) weighted by the others' posterior;
   * corrupted, it says any class alike. Its likelihood is mixed with "no information" by
   * 1 - trust, so a corrupted stream fades and one confident wrong reading cannot outvote two.
   */
  corruptionPrior: number;
  /** `bayes` pool: probability that a stream changes state (breaks or recovers) between two readings. */
  corruptionSwitch: number;
  /** Model id of fused estimates. */
  modelId: string;
}

/**
 * Face frames arrive several times a second and go stale fast; a voice window describes the last
 * second or two; a typed message stays telling for a while.
 */
export const DEFAULT_FUSION_CONFIG: FusionConfig = {
  models: {},
  defaultReliability: 0.5,
  reliabilityScale: 'log-odds',
  weightByConfidence: true,
  halfLifeMs: { face: 2_000, voice: 4_000, text: 20_000 },
  minFreshness: 0.01,
  smoothingTauMs: 3_000,
  pool: 'logarithmic',
  epsilon: 0.01,
  agreement: 1,
  consistencyRate: 0.2,
  consistencyExponent: 4,
  corruptionPrior: 0.1,
  corruptionSwitch: 0.02,
  modelId: 'fusion',
};

/** The default config with some fields replaced (models merged). */
export function fusionConfig(overrides: Partial<FusionConfig> = {}): FusionConfig {
  return {
    ...DEFAULT_FUSION_CONFIG,
    ...overrides,
    halfLifeMs: { ...DEFAULT_FUSION_CONFIG.halfLifeMs, ...overrides.halfLifeMs },
    models: { ...DEFAULT_FUSION_CONFIG.models, ...overrides.models },
  };
}
