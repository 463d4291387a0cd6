import { contextualBandit } from './contextual-bandit';
import { withDiversity } from './diversity';
import { emotionFolderRandom } from './emotion-folder-random';
import { genreRules } from './genre-rules';
import { isoPrinciple } from './iso-principle';
import { moodCongruent } from './mood-congruent';
import type { RecommendationStrategy } from './recommendation-strategy';

const BASE: readonly RecommendationStrategy[] = [
  emotionFolderRandom,
  genreRules,
  moodCongruent,
  isoPrinciple,
  contextualBandit,
];

/**
 * Every strategy an experiment arm may name, by id: the five base strategies and each of them
 * wrapped in diversity re-ranking (`<id>+diversity`, window DEFAULT_DIVERSITY_WINDOW).
 * New strategies register here.
 */
export const STRATEGIES: ReadonlyMap<string, RecommendationStrategy> = new Map(
  [...BASE, ...BASE.map((s) => withDiversity(s))].map((strategy) => [strategy.id, strategy]),
);

/** Ids of the base strategies, without the diversity variants. */
export const BASE_STRATEGY_IDS: readonly string[] = BASE.map((s) => s.id);

/** The strategy with this id; throws on an unknown id, which is a configuration error. */
export function getStrategy(id: string): RecommendationStrategy {
  const strategy = STRATEGIES.get(id);
  if (!strategy)
    throw new Error(`unknown recommendation strategy "${id}" (known: ${[...STRATEGIES.keys()].join(', ')})`);
  return strategy;
}
