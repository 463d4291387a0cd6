import type { Emotion } from '@attune/protocol';
import { createGenreRules, DEFAULT_GENRE_MAP, genreMatches, genreRules } from './genre-rules';
import type { MoodState, RecommendableTrack } from './recommendation-strategy';
import { createRng } from '@attune/experiments';

const mood = (label: Emotion): MoodState => ({ label, confidence: 0.8, valence: 0, arousal: 0 });
const t = (id: string, genres: string[], extra: Partial<RecommendableTrack> = {}): RecommendableTrack => ({
  id,
  title: id,
  artist: `A${id}`,
  emotion: 'neutral',
  genres,
  ...extra,
});
const CATALOG = [
  t('p1', ['Dance Pop']),
  t('p2', ['pop']),
  t('r1', ['hard rock']),
  t('m1', ['Metal']),
  t('c1', ['classical']),
  t('j1', ['jazz']),
  t('l1', ['lo_fi']),
];

describe('genreRules', () => {
  it('matches genre words whatever their case and separators', () => {
    expect(genreMatches(['Dance Pop'], ['pop'])).toBe('pop');
    expect(genreMatches(['lo_fi hip hop'], ['lo-fi'])).toBe('lo fi');
    expect(genreMatches(['popcorn'], ['pop'])).toBeNull();
    expect(genreMatches(undefined, ['pop'])).toBeNull();
  });

  it.each([
    ['happy', ['p1', 'p2']],
    ['angry', ['m1', 'r1']],
    ['sad', ['c1']],
    ['neutral', ['j1', 'l1']],
  ] as const)('plays only the mapped genres for %s', (label, expected) => {
    const picks = new Set(
      Array.from({ length: 60 }, (_, s) => genreRules.recommend(mood(label), [], CATALOG, {}, { rng: createRng(s), now: 0 })?.trackId),
    );
    expect([...picks].sort()).toEqual(expected);
  });

  it('uses a study-specific map', () => {
    const study = createGenreRules({ ...DEFAULT_GENRE_MAP, happy: ['jazz'] });
    expect(study.recommend(mood('happy'), [], CATALOG, {}, { rng: createRng(1), now: 0 })?.trackId).toBe('j1');
  });

  it('explains the rule with its numbers', () => {
    const pick = genreRules.recommend(mood('sad'), [], CATALOG, {}, { rng: createRng(1), now: 0 });
    expect(pick?.explanation).toBe(
      'Detected sad (80%): genre rule sad -> acoustic/classical/ballad/piano/folk; "classical" matches; random pick 1 of 1 matching track.',
    );
  });

  it('borrows the nearest emotion\'s genres when nothing matches', () => {
    const pick = genreRules.recommend(mood('fear'), [], [t('r1', ['rock']), t('p1', ['pop'])], {}, { rng: createRng(1), now: 0 });
    expect(pick?.trackId).toBe('r1');
    expect(pick?.explanation).toMatch(/nearest emotion angry/);
  });

  it('prefers favourite artists among matching tracks', () => {
    for (let s = 0; s < 20; s++) {
      const pick = genreRules.recommend(mood('happy'), [], CATALOG, { favouriteArtists: ['ap2'] }, { rng: createRng(s), now: 0 });
      expect(pick?.trackId).toBe('p2');
    }
  });
});
