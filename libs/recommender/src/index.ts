export { candidatePool, RECENT_AVOIDED, trackPoint } from './lib/candidates';
export { emotionsByDistance } from './lib/circumplex-distance';
export {
  BANDIT_DIM,
  banditFeatures,
  banditStateFromHistory,
  contextualBandit,
  createContextualBandit,
  FEATURE_NAMES,
  GENRE_BUCKETS,
  initialBanditState,
  updateBandit,
} from './lib/contextual-bandit';
export type { BanditOptions, BanditState } from './lib/contextual-bandit';
export { DEFAULT_DIVERSITY_WINDOW, withDiversity } from './lib/diversity';
export type { DiversityOptions } from './lib/diversity';
export { emotionFolderRandom, RECENT_EXPOSURES_AVOIDED } from './lib/emotion-folder-random';
export { createGenreRules, DEFAULT_GENRE_MAP, genreMatches, genreRules } from './lib/genre-rules';
export type { GenreMap } from './lib/genre-rules';
export { hourOf, timeOfDayOf } from './lib/history';
export type { TimeOfDay } from './lib/history';
export {
  createIsoPrinciple,
  DEFAULT_ISO_STEPS,
  DEFAULT_TARGET_MOOD,
  ISO_HOLD_RADIUS,
  isoPrinciple,
  isoWaypoint,
  strategyForMoodGoal,
} from './lib/iso-principle';
export type { IsoPrincipleOptions, MoodGoal } from './lib/iso-principle';
export type { LinearGaussianState } from './lib/linear-gaussian';
export {
  DEFAULT_MOOD_TRIGGER,
  INITIAL_MOOD_TRIGGER,
  moodTriggerReset,
  stepMoodTrigger,
} from './lib/mood-change-trigger';
export type { MoodSample, MoodTriggerConfig, MoodTriggerState, MoodTriggerStep } from './lib/mood-change-trigger';
export { FAVOURITE_BONUS, moodCongruent, NEAREST_DRAWN } from './lib/mood-congruent';
export { blockedBy, compilePreferences, favouriteMatches, isAllowed } from './lib/preferences';
export type {
  Feedback,
  HistoryEntry,
  MoodState,
  Preferences,
  RecommendableTrack,
  Recommendation,
  RecommendationStrategy,
  RecommendContext,
} from './lib/recommendation-strategy';
export { feedbackOf, reward, withFeedback } from './lib/reward';
export { createRng } from '@attune/experiments';
export { BASE_STRATEGY_IDS, getStrategy, STRATEGIES } from './lib/strategies';
export { simulate } from './lib/simulation/simulate';
export type { SimulationOptions, SimulationReport, StrategyResult } from './lib/simulation/simulate';
export type { Estimate } from './lib/simulation/summary-stats';
export { SYNTHETIC_GENRES, syntheticCatalog } from './lib/simulation/synthetic-catalog';
export { PARTICIPANT_MODEL } from './lib/simulation/synthetic-participant';
