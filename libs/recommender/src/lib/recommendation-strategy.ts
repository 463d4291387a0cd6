import type { Emotion } from '@attune/protocol';

/**
 * What a strategy needs to know about a track. Declared here rather than imported from
 * @attune/music so the recommender stays usable in the browser and in simulations;
 * music's CatalogTrack fits structurally.
 */
export interface RecommendableTrack {
  id: string;
  emotion: Emotion;
  artist: string;
  title: string;
}

/** The fused mood the recommendation reacts to (valence and arousal in [-1, 1]). */
export interface MoodState {
  label: Emotion;
  confidence: number;
  valence: number;
  arousal: number;
}

/** One exposure of a track (epoch ms) and what the participant did with it, if anything. */
export interface HistoryEntry {
  trackId: string;
  at: number;
  feedback?: 'like' | 'dislike' | 'skip';
}

export interface Preferences {
  /** Artists never to recommend, compared case-insensitively. */
  blockedArtists?: string[];
}

/** Randomness and time come in from outside, so every strategy is reproducible under a seed. */
export interface RecommendContext {
  /** Uniform in [0, 1), like Math.random. */
  rng: () => number;
  now: number;
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
