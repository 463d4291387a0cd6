import { initialBanditState, updateBandit } from '../contextual-bandit';
import { DEFAULT_TARGET_MOOD } from '../iso-principle';
import type { HistoryEntry, MoodState, RecommendationStrategy } from '../recommendation-strategy';
import { reward } from '../reward';
import { createRng } from '@attune/experiments';
import { estimate, type Estimate, pairedLift } from './summary-stats';
import { gaussian, nearestEmotion, clamp, syntheticCatalog } from './synthetic-catalog';
import { createParticipant, PARTICIPANT_MODEL, respond, type SyntheticParticipant } from './synthetic-participant';

export interface SimulationOptions {
  strategies: readonly RecommendationStrategy[];
  participants: number;
  tracksPerSession: number;
  seed: number;
  /** Synthetic catalog size (default 400). */
  catalogSize?: number;
  /** Where "mood movement" is measured toward (default DEFAULT_TARGET_MOOD, calm-positive). */
  targetMood?: { valence: number; arousal: number };
  /** Lifts are reported against this strategy (default the first). */
  baseline?: string;
}

export interface StrategyResult {
  strategy: string;
  /** Mean reward (reward.ts) per interaction over the whole session. */
  meanReward: Estimate;
  /** Mean reward over the last min(10, K) interactions: what the strategy does once it had time to learn. */
  lateReward: Estimate;
  likeRate: Estimate;
  skipRate: Estimate;
  /** Distance to the target mood at the start minus at the end (positive: moved toward it). */
  moodTowardTarget: Estimate;
  /** mean reward / baseline's - 1, paired by participant, with a bootstrap 95 % CI. */
  liftVsBaseline: { estimate: number; ci95: [number, number] } | null;
  /** Recommendations that came back null (nothing playable). */
  nulls: number;
}

export interface SimulationReport {
  seed: number;
  participants: number;
  tracksPerSession: number;
  catalogSize: number;
  targetMood: { valence: number; arousal: number };
  baseline: string;
  results: StrategyResult[];
}

interface ParticipantOutcome {
  meanReward: number;
  lateReward: number;
  likeRate: number;
  skipRate: number;
  moodTowardTarget: number;
  nulls: number;
}

/**
 * Runs every strategy on the same synthetic participants (same latent taste, start mood and
 * response noise: common random numbers, so differences are the strategies'), one session of
 * `tracksPerSession` tracks each. Pure and deterministic for a seed.
 */
export function simulate(options: SimulationOptions): SimulationReport {
  const catalogSize = options.catalogSize ?? 400;
  const target = options.targetMood ?? DEFAULT_TARGET_MOOD;
  const catalog = syntheticCatalog(catalogSize, createRng(options.seed));
  const baseline = options.baseline ?? options.strategies[0]?.id ?? '';
  const outcomes = options.strategies.map((strategy) =>
    Array.from({ length: options.participants }, (_, i) => {
      // Participant i is the same person for every strategy; their responses draw from the same stream.
      const participant = createParticipant(createRng(hashSeed(options.seed, i, 1)));
      return runSession(strategy, participant, catalog, options.tracksPerSession, target, hashSeed(options.seed, i, 2));
    }),
  );
  const baseIndex = options.strategies.findIndex((s) => s.id === baseline);
  const results = options.strategies.map((strategy, s): StrategyResult => {
    const o = outcomes[s];
    const pick = (key: keyof ParticipantOutcome) => o.map((x) => x[key]);
    return {
      strategy: strategy.id,
      meanReward: estimate(pick('meanReward')),
      lateReward: estimate(pick('lateReward')),
      likeRate: estimate(pick('likeRate')),
      skipRate: estimate(pick('skipRate')),
      moodTowardTarget: estimate(pick('moodTowardTarget')),
      liftVsBaseline:
        baseIndex < 0 || baseIndex === s
          ? null
          : pairedLift(pick('meanReward'), outcomes[baseIndex].map((x) => x.meanReward), createRng(hashSeed(options.seed, s, 3))),
      nulls: o.reduce((sum, x) => sum + x.nulls, 0),
    };
  });
  return {
    seed: options.seed,
    participants: options.participants,
    tracksPerSession: options.tracksPerSession,
    catalogSize,
    targetMood: { ...target },
    baseline,
    results,
  };
}

function runSession(
  strategy: RecommendationStrategy,
  start: SyntheticParticipant,
  catalog: ReturnType<typeof syntheticCatalog>,
  tracks: number,
  target: { valence: number; arousal: number },
  seed: number,
): ParticipantOutcome {
  const strategyRng = createRng(seed);
  const worldRng = createRng(seed ^ 0x5bd1e995);
  const observe = gaussian(worldRng);
  const byId = new Map(catalog.map((t) => [t.id, t]));
  let p = start;
  const history: HistoryEntry[] = [];
  const rewards: number[] = [];
  let likes = 0;
  let skips = 0;
  let nulls = 0;
  // Kept alongside the history (same content) so the bandit need not replay it every step.
  let banditState = initialBanditState();
  for (let i = 0; i < tracks; i++) {
    const at = 1_700_000_000_000 + i * 240_000;
    const seen = {
      valence: clamp(p.mood.valence + PARTICIPANT_MODEL.observationNoiseSd * observe()),
      arousal: clamp(p.mood.arousal + PARTICIPANT_MODEL.observationNoiseSd * observe()),
    };
    const mood: MoodState = { label: nearestEmotion(seen.valence, seen.arousal), confidence: 0.6, ...seen };
    const pick = strategy.recommend(mood, history, catalog, {}, {
      rng: strategyRng,
      now: at,
      hour: p.hour,
      targetMood: target,
      banditState,
    });
    const track = pick && byId.get(pick.trackId);
    if (!track) {
      nulls++;
      continue;
    }
    const { feedback, after } = respond(p, track, worldRng);
    p = after;
    const r = reward(feedback) ?? 0;
    rewards.push(r);
    banditState = updateBandit(banditState, track, seen, p.hour, r);
    if (feedback.feedback === 'like') likes++;
    if (feedback.feedback === 'skip' || feedback.feedback === 'dislike') skips++;
    history.push({ trackId: track.id, at, mood: seen, hour: p.hour, ...feedback });
  }
  const n = Math.max(1, rewards.length);
  const late = rewards.slice(-Math.min(10, rewards.length));
  const dist = (m: { valence: number; arousal: number }) => Math.hypot(m.valence - target.valence, m.arousal - target.arousal);
  return {
    meanReward: rewards.reduce((s, r) => s + r, 0) / n,
    lateReward: late.reduce((s, r) => s + r, 0) / Math.max(1, late.length),
    likeRate: likes / n,
    skipRate: skips / n,
    moodTowardTarget: dist(start.mood) - dist(p.mood),
    nulls,
  };
}

/** Mixes a seed with indices into a new 32-bit seed (so streams do not overlap). */
function hashSeed(seed: number, a: number, b: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [a, b]) {
    h = Math.imul(h ^ (v + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
  }
  return h >>> 0;
}

