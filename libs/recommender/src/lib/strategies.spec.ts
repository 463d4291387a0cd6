import { emotionFolderRandom } from './emotion-folder-random';
import { BASE_STRATEGY_IDS, getStrategy, STRATEGIES } from './strategies';

describe('strategy registry', () => {
  it('finds the baseline by the id experiment arms use', () => {
    expect(getStrategy('emotion-folder-random')).toBe(emotionFolderRandom);
  });

  it('registers the five strategies and a diversity variant of each', () => {
    expect(BASE_STRATEGY_IDS).toEqual(['emotion-folder-random', 'genre-rules', 'mood-congruent', 'iso-principle', 'contextual-bandit']);
    expect([...STRATEGIES.keys()]).toEqual([...BASE_STRATEGY_IDS, ...BASE_STRATEGY_IDS.map((id) => `${id}+diversity`)]);
    for (const [id, strategy] of STRATEGIES) expect(strategy.id).toBe(id);
  });

  it.each(['bandit', 'constructor', '', 'diversity'])('rejects the unknown id %p and names the known ones', (id) => {
    expect(() => getStrategy(id)).toThrow(/unknown recommendation strategy .*known: emotion-folder-random, genre-rules/);
  });
});
