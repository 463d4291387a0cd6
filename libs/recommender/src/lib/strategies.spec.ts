import { emotionFolderRandom } from './emotion-folder-random';
import { getStrategy, STRATEGIES } from './strategies';

describe('strategy registry', () => {
  it('finds the baseline by the id experiment arms use', () => {
    expect(getStrategy('emotion-folder-random')).toBe(emotionFolderRandom);
    expect([...STRATEGIES.keys()]).toContain('emotion-folder-random');
  });

  it.each(['bandit', 'constructor', ''])('rejects the unknown id %p and names the known ones', (id) => {
    expect(() => getStrategy(id)).toThrow(/unknown recommendation strategy .*known: emotion-folder-random/);
  });
});
