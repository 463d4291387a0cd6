import type { Emotion } from '@attune/protocol';
import type { LinearGaussianState } from './linear-gaussian';

/**
 * What a strategy needs to know about a track. Declared here rather than imported from
 * @attune/music so the recommender stays usable in the browser and in simulations;
 * music's CatalogTrack fits structurally. The optional descriptors come from analysis or
 * annotation; strategies that need one say in their explanation when a track lacks it.
 */
export interface RecommendableTrack {
  id: string;
  emotion: Emotion;
  artist: string;
  title: string;
  /** In [-1, 1], like the mood. */
  valence?: number | null;
  /** In [-1, 1], like the mood. */
  arousal?: number | null;
  /** Beats per minute. */
  tempo?: number | null;
  /** In [0, 1]. */
  energy?: number | null;
  genres?: readonly string[];
  /** ISO 639-1 code ('en', 'de', …); 'zxx' or absent for instrumental music. */
  language?: string | null;
}

/** The fused mood the recommendation reacts to (valence and arousal in [-1, 1]). */
export interface MoodState {
  label: Emotion;
  confidence: number;
  valence: number;
  arousal: number;
}

/** Explicit or implicit reaction to an exposure; every field optional (see reward.ts). */
export interface Feedback {
  feedback?: 'like' | 'dislike' | 'skip';
  /** 1..5 stars. */
  rating?: number;
  /** Share of the track heard before it ended or was skipped, in [0, 1]. */
  listenFraction?: number;
}

/** One exposure of a track (epoch ms) and what the participant did with it, if anything. */
export interface HistoryEntry extends Feedback {
  trackId: string;
  at: number;
  /** The mood when the track was shown: the bandit learns from it, iso-principle anchors on it. */
  mood?: { valence: number; arousal: number };
  /** Local hour (0-23) when the track was shown; the bandit's time-of-day context. */
  hour?: number;
}

/**
 * What the participant asked for. Blocked items are never recommended by any strategy;
 * favourites are preferred among otherwise equal candidates. Compared case-insensitively.
 */
export interface Preferences {
  blockedArtists?: string[];
  blockedGenres?: string[];
  blockedLanguages?: string[];
  favouriteArtists?: string[];
  favouriteGenres?: string[];
  favouriteLanguages?: string[];
  /**
   * Set by the diversity wrapper (diversity.ts), not by participants: artists and genres of the
   * last few exposures, excluded like blocked ones but reported as kept apart for diversity.
   */
  avoidArtists?: string[];
  avoidGenres?: string[];
}

/** Randomness and time come in from outside, so every strategy is reproducible under a seed. */
export interface RecommendContext {
  /** Uniform in [0, 1), like Math.random. */
  rng: () => number;
  now: number;
  /** Local hour (0-23) of the participant; defaults to the UTC hour of `now`. */
  hour?: number;
  /** Where the mood should go (iso-principle); defaults to DEFAULT_TARGET_MOOD (calm-positive). */
  targetMood?: { valence: number; arousal: number };
  /** Exposures at or after this time belong to the current iso-principle plan (default: all). */
  planStartedAt?: number;
  /** The participant's learnt contextual-bandit state, if the caller stores it (else rebuilt from history). */
  banditState?: LinearGaussianState;
}

export interface Recommendation {
  trackId: string;
  /** Shown to the participant and logged with the exposure: why this track, with the numbers. */
  explanation: string;
}

export interface RecommendationStrategy {
  /** Stable name, stored with every exposure and used by experiment arms. */
  id: string;
  /** The next track, or null when nothing in the catalog may be played. */
  recommend(
    state: MoodState,
    history: readonly HistoryEntry[],
    catalog: readonly RecommendableTrack[],
    prefs: Preferences,
    context: RecommendContext,
  ): Recommendation | null;
}
