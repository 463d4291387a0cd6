import { EMOTIONS, topEmotion, type AffectEstimate, type EmotionDistribution } from '@attune/protocol';
import { bayesPool, claimOf, judgedTrust, saysGiven } from './bayes-pool';
import type { FusionConfig, SourceModality } from './fusion-config';
import { fuseEstimates, type ModalityContribution } from './late-fusion';

/** A session's mood state; never mutated, every update returns a new one. */
export interface FusedState {
  /** Time (ms) of the last update; null before the first. */
  timestamp: number | null;
  /** The latest estimate of each modality still fresh enough to count. */
  latest: Readonly<Partial<Record<SourceModality, AffectEstimate>>>;
  /** Fusion of `latest` at `timestamp`, before smoothing. */
  instant: AffectEstimate | null;
  /** EMA of `instant` over time: the mood state to show, log and recommend from. */
  smoothed: AffectEstimate | null;
  /** What each modality put into `instant`; weights sum to 1 (empty when nothing counts). */
  contributions: readonly ModalityContribution[];
  /** Running agreement of each modality's readings with the others (see FusionConfig.consistencyRate). */
  consistency: Readonly<Partial<Record<SourceModality, number>>>;
  /** `bayes` pool: probability that each stream is honest, given its readings so far (see FusionConfig.corruptionPrior). */
  trust: Readonly<Partial<Record<SourceModality, number>>>;
}

export const EMPTY_FUSED_STATE: FusedState = {
  timestamp: null,
  latest: {},
  instant: null,
  smoothed: null,
  contributions: [],
  consistency: {},
  trust: {},
};

/** Smoothing factor of an EMA step after `dtMs` with time constant `tauMs`: 1 - exp(-dt / tau). */
export function emaAlpha(dtMs: number, tauMs: number): number {
  if (tauMs <= 0) return 1;
  return 1 - Math.exp(-Math.max(0, dtMs) / tauMs);
}

/**
 * Takes one new per-modality estimate (replacing that modality's previous one) and re-fuses at
 * its timestamp. Estimates older than the state's latest one of the same modality are ignored
 * (late arrivals must not overwrite newer readings).
 */
export function observeEstimate(state: FusedState, estimate: AffectEstimate, config: FusionConfig): FusedState {
  return observeEstimates(state, [estimate], config);
}

/**
 * Several new estimates that arrived together (one per modality; a later one of the same modality
 * wins), fused once at the newest timestamp. Each new reading that two other modalities can judge
 * updates that modality's session consistency.
 */
export function observeEstimates(
  state: FusedState,
  estimates: readonly AffectEstimate[],
  config: FusionConfig,
): FusedState {
  const incoming: Partial<Record<SourceModality, AffectEstimate>> = {};
  for (const estimate of estimates) {
    if (estimate.modality === 'fused') continue;
    const held = incoming[estimate.modality] ?? state.latest[estimate.modality];
    if (held && held.timestamp > estimate.timestamp) continue;
    incoming[estimate.modality] = estimate;
  }
  const fresh = Object.values(incoming);
  if (fresh.length === 0) return state;
  const now = Math.max(...fresh.map((e) => e.timestamp), state.timestamp ?? -Infinity);
  if (config.pool === 'bayes') return observeBayes(state, incoming, now, config);
  const next = advanceTo({ ...state, latest: { ...state.latest, ...incoming } }, now, config);
  if (next.contributions.length < 3 || config.consistencyRate <= 0) return next;
  const consistency = { ...next.consistency };
  for (const judged of next.contributions) {
    if (incoming[judged.modality] !== judged.estimate) continue;
    const before = consistency[judged.modality] ?? 1;
    consistency[judged.modality] = before + config.consistencyRate * (judged.agreement - before);
  }
  return { ...next, consistency };
}

/**
 * `bayes` pool: each new reading first moves its stream's trust one step of a two-state Markov
 * chain (honest/corrupted, switching with probability `corruptionSwitch`), is fused with that
 * prior trust, then is judged against the fusion of the other fresh readings (Bayes' rule, see
 * `judgedTrust`) to give the trust carried to the next reading.
 */
function observeBayes(
  state: FusedState,
  incoming: Partial<Record<SourceModality, AffectEstimate>>,
  now: number,
  config: FusionConfig,
): FusedState {
  const s = config.corruptionSwitch;
  const predicted = { ...state.trust };
  for (const modality of Object.keys(incoming) as SourceModality[]) {
    const h = state.trust[modality] ?? 1 - config.corruptionPrior;
    predicted[modality] = (1 - s) * h + s * (1 - h);
  }
  const next = advanceTo({ ...state, latest: { ...state.latest, ...incoming }, trust: predicted }, now, config);
  const trust = { ...predicted };
  for (const judged of next.contributions) {
    if (incoming[judged.modality] !== judged.estimate || !judged.likelihood) continue;
    const others = next.contributions.filter((c) => c !== judged && c.likelihood);
    if (others.length === 0) continue;
    const rest = bayesPool(
      others.map((o) => ({
        likelihood: o.likelihood as NonNullable<typeof o.likelihood>,
        belief: o.trust * o.freshness,
      })),
    );
    const model = config.models[judged.modelId];
    trust[judged.modality] = judgedTrust(
      claimOf(judged.likelihood),
      saysGiven(model, config, judged.likelihood.labels),
      judged.likelihood.labels,
      rest,
      judged.trust,
    );
  }
  return { ...next, trust };
}

/**
 * Re-fuses the latest estimates at `now` (stale ones weigh less, then drop out) and moves the
 * smoothed state towards the result with alpha = 1 - exp(-dt / tau), dt since the last update.
 * When nothing counts any more the smoothed state is held and `instant` is null.
 */
export function advanceTo(state: FusedState, now: number, config: FusionConfig): FusedState {
  const latest = Object.fromEntries(
    (Object.entries(state.latest) as [SourceModality, AffectEstimate][]).filter(([modality]) => {
      const estimate = state.latest[modality];
      return (
        estimate !== undefined &&
        Math.pow(0.5, Math.max(0, now - estimate.timestamp) / config.halfLifeMs[modality]) >= config.minFreshness
      );
    }),
  ) as Partial<Record<SourceModality, AffectEstimate>>;
  const fused = fuseEstimates(Object.values(latest), now, config, state.consistency, state.trust);
  if (!fused.estimate)
    return { ...state, timestamp: now, latest, instant: null, smoothed: state.smoothed, contributions: [] };
  const smoothed =
    state.smoothed === null || state.timestamp === null
      ? fused.estimate
      : blend(state.smoothed, fused.estimate, emaAlpha(now - state.timestamp, config.smoothingTauMs));
  return { ...state, timestamp: now, latest, instant: fused.estimate, smoothed, contributions: fused.contributions };
}

/** previous + alpha * (next - previous), on the distribution, valence, arousal and confidence. */
function blend(previous: AffectEstimate, next: AffectEstimate, alpha: number): AffectEstimate {
  const mix = (a: number, b: number) => a + alpha * (b - a);
  const distribution = Object.fromEntries(
    EMOTIONS.map((e) => [e, mix(previous.distribution[e], next.distribution[e])]),
  ) as EmotionDistribution;
  const top = topEmotion(distribution);
  return {
    ...next,
    distribution,
    label: top.label,
    confidence: mix(previous.confidence, next.confidence),
    valence: mix(previous.valence, next.valence),
    arousal: mix(previous.arousal, next.arousal),
  };
}
