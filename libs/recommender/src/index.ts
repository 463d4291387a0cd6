export { emotionsByDistance } from './lib/circumplex-distance';
export { emotionFolderRandom, RECENT_EXPOSURES_AVOIDED } from './lib/emotion-folder-random';
export type {
  HistoryEntry,
  MoodState,
  Preferences,
  RecommendableTrack,
  Recommendation,
  RecommendationStrategy,
  RecommendContext,
} from './lib/recommendation-strategy';
export { createRng } from './lib/rng';
export { getStrategy, STRATEGIES } from './lib/strategies';
