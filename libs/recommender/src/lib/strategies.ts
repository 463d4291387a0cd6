import { emotionFolderRandom } from './emotion-folder-random';
import type { RecommendationStrategy } from './recommendation-strategy';

/** Every strategy an experiment arm may name, by id. New strategies register here. */
export const STRATEGIES: ReadonlyMap<string, RecommendationStrategy> = new Map(
  [emotionFolderRandom].map((strategy) => [strategy.id, strategy]),
);

/** The strategy with this id; throws on an unknown id, which is a configuration error. */
export function getStrategy(id: string): RecommendationStrategy {
  const strategy = STRATEGIES.get(id);
  if (!strategy)
    throw new Error(`unknown recommendation strategy "${id}" (known: ${[...STRATEGIES.keys()].join(', ')})`);
  return strategy;
}
