import type { Feedback, RecommendableTrack } from '../recommendation-strategy';
import { clamp, gaussian, SYNTHETIC_GENRE_NAMES } from './synthetic-catalog';

/**
 * A synthetic participant: latent taste plus mood dynamics. Every number below is an assumption
 * of the simulator, chosen to be plausible and documented in the README with its source; none
 * was fitted to logged data.
 */
export interface SyntheticParticipant {
  /** Latent liking per genre, N(0, 0.8^2). */
  taste: Record<string, number>;
  /** Weight on music close to the current mood (mood congruence), U(0.3, 1.0). */
  congruence: number;
  /** Liking per unit of track arousal at night/evening (negative: calmer music late), N(-0.3, 0.2^2). */
  lateArousal: number;
  /** Local hour of the session. */
  hour: number;
  mood: { valence: number; arousal: number };
  /** Where the mood relaxes to without music (homeostasis). */
  baseline: { valence: number; arousal: number };
}

export const PARTICIPANT_MODEL = {
  tasteSd: 0.8,
  utilityNoiseSd: 0.5,
  /** Skip when sigmoid(skipSlope * (skipThreshold - utility)) wins: ~35-45 % skips for random picks. */
  skipThreshold: 0.35,
  skipSlope: 2.5,
  likeThreshold: 1.2,
  likeSlope: 2,
  /** Share of fully heard tracks that also get a star rating. */
  ratingRate: 0.2,
  /** Mood moves this share of the way to the track's valence/arousal per fully heard track (contagion). */
  contagion: 0.25,
  /** ... and this share when skipped. */
  contagionSkipped: 0.05,
  /** Beyond this valence/arousal distance the pull halves (iso principle: too far is resisted). */
  isoDistance: 1,
  /** Relaxation toward the baseline per track. */
  homeostasis: 0.05,
  moodNoiseSd: 0.05,
  /** Error of the mood the strategies see (the affect pipeline's). */
  observationNoiseSd: 0.15,
} as const;

export function createParticipant(rng: () => number): SyntheticParticipant {
  const normal = gaussian(rng);
  const taste = Object.fromEntries(SYNTHETIC_GENRE_NAMES.map((g) => [g, PARTICIPANT_MODEL.tasteSd * normal()]));
  const mood = { valence: -0.8 + 1.4 * rng(), arousal: -0.6 + 1.3 * rng() };
  return {
    taste,
    congruence: 0.3 + 0.7 * rng(),
    lateArousal: -0.3 + 0.2 * normal(),
    hour: Math.floor(24 * rng()),
    mood,
    baseline: { valence: clamp(0.1 + 0.2 * normal()), arousal: clamp(0.2 * normal()) },
  };
}

/** How much the participant likes hearing `track` now (before noise). */
export function utility(p: SyntheticParticipant, track: RecommendableTrack): number {
  const genre = track.genres?.[0] ?? '';
  const distance = Math.hypot((track.valence ?? 0) - p.mood.valence, (track.arousal ?? 0) - p.mood.arousal);
  const late = p.hour >= 18 || p.hour < 6;
  return (p.taste[genre] ?? 0) + p.congruence * (1 - distance) + (late ? p.lateArousal * (track.arousal ?? 0) : 0);
}

/** What the participant does with a track, and their mood afterwards; the participant is not changed. */
export function respond(
  p: SyntheticParticipant,
  track: RecommendableTrack,
  rng: () => number,
): { feedback: Feedback; after: SyntheticParticipant } {
  const m = PARTICIPANT_MODEL;
  const normal = gaussian(rng);
  const u = utility(p, track) + m.utilityNoiseSd * normal();
  const skipped = rng() < sigmoid(m.skipSlope * (m.skipThreshold - u));
  let feedback: Feedback;
  if (skipped) {
    feedback = { feedback: 'skip', listenFraction: 0.05 + 0.45 * rng() };
    if (u < -0.8 && rng() < 0.5) feedback = { ...feedback, feedback: 'dislike' };
  } else if (rng() < sigmoid(m.likeSlope * (u - m.likeThreshold))) {
    feedback = { feedback: 'like', listenFraction: 1 };
  } else if (rng() < m.ratingRate) {
    feedback = { rating: Math.min(5, Math.max(1, Math.round(3 + 1.5 * Math.tanh(u)))), listenFraction: 1 };
  } else {
    feedback = { listenFraction: 1 };
  }
  const tv = track.valence ?? 0;
  const ta = track.arousal ?? 0;
  const distance = Math.hypot(tv - p.mood.valence, ta - p.mood.arousal);
  const pull = (skipped ? m.contagionSkipped : m.contagion) * (distance > m.isoDistance ? 0.5 : 1);
  const move = (from: number, toward: number, base: number) =>
    clamp(from + pull * (toward - from) + m.homeostasis * (base - from) + m.moodNoiseSd * normal());
  return {
    feedback,
    after: {
      ...p,
      mood: { valence: move(p.mood.valence, tv, p.baseline.valence), arousal: move(p.mood.arousal, ta, p.baseline.arousal) },
    },
  };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
