import type { MoodState, Preferences, RecommendableTrack } from './recommendation-strategy';
import { blockedBy, compilePreferences } from './preferences';
import { createRng } from '@attune/experiments';
import { STRATEGIES } from './strategies';
import { syntheticCatalog } from './simulation/synthetic-catalog';

const MOODS: MoodState[] = [
  { label: 'happy', confidence: 0.9, valence: 0.8, arousal: 0.5 },
  { label: 'sad', confidence: 0.6, valence: -0.7, arousal: -0.4 },
  { label: 'angry', confidence: 0.7, valence: -0.6, arousal: 0.7 },
  { label: 'neutral', confidence: 0.4, valence: 0, arousal: 0 },
];

describe('preferences', () => {
  const catalog = syntheticCatalog(200, createRng(11));
  const prefs: Preferences = {
    blockedArtists: [' ARTIST 3', 'artist 7'],
    blockedGenres: ['Pop', 'metal'],
    blockedLanguages: ['EN'],
    favouriteGenres: ['jazz'],
  };
  const compiled = compilePreferences(prefs);

  it('blocks by artist, genre and language, case-insensitively', () => {
    const t: RecommendableTrack = { id: 'x', title: 'x', artist: 'Artist 3', emotion: 'happy' };
    expect(blockedBy(t, compiled)).toBe('artist');
    expect(blockedBy({ ...t, artist: 'a', genres: ['POP'] }, compiled)).toBe('genre');
    expect(blockedBy({ ...t, artist: 'a', language: 'en' }, compiled)).toBe('language');
    expect(blockedBy({ ...t, artist: 'a', genres: ['jazz'], language: 'de' }, compiled)).toBeNull();
  });

  it.each([...STRATEGIES.keys()])('are respected by %s in every pick', (id) => {
    const strategy = STRATEGIES.get(id)!;
    const rng = createRng(5);
    const history: { trackId: string; at: number; listenFraction: number }[] = [];
    for (let i = 0; i < 60; i++) {
      const mood = MOODS[i % MOODS.length];
      const pick = strategy.recommend(mood, history, catalog, prefs, { rng, now: i, hour: i % 24 });
      expect(pick).not.toBeNull();
      const track = catalog.find((t) => t.id === pick!.trackId)!;
      expect(blockedBy(track, compiled)).toBeNull();
      history.push({ trackId: track.id, at: i, listenFraction: 1 });
    }
  });

  it.each([...STRATEGIES.keys()])('make %s return null when everything is blocked', (id) => {
    const all = { blockedLanguages: ['en', 'zxx'] };
    expect(STRATEGIES.get(id)!.recommend(MOODS[0], [], catalog, all, { rng: createRng(1), now: 0 })).toBeNull();
  });
});
