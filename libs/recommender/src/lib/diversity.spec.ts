import { withDiversity } from './diversity';
import { normalise } from './preferences';
import type { HistoryEntry, MoodState, RecommendableTrack } from './recommendation-strategy';
import { createRng } from '@attune/experiments';
import { BASE_STRATEGY_IDS, getStrategy } from './strategies';
import { syntheticCatalog } from './simulation/synthetic-catalog';

const MOOD: MoodState = { label: 'happy', confidence: 0.8, valence: 0.5, arousal: 0.4 };

/** Every pair of picks fewer than `k + 1` apart shares neither artist nor genre. */
function violations(picks: RecommendableTrack[], k: number): number {
  let n = 0;
  for (let i = 0; i < picks.length; i++)
    for (let j = Math.max(0, i - k); j < i; j++) {
      const a = picks[i];
      const b = picks[j];
      const genre = (a.genres ?? []).some((g) => (b.genres ?? []).map(normalise).includes(normalise(g)));
      if (normalise(a.artist) === normalise(b.artist) || genre) n++;
    }
  return n;
}

function session(strategyId: string, k: number, catalog: RecommendableTrack[], seed: number, n = 40) {
  const strategy = withDiversity(getStrategy(strategyId), { window: k });
  const rng = createRng(seed);
  const history: HistoryEntry[] = [];
  const picks: RecommendableTrack[] = [];
  for (let i = 0; i < n; i++) {
    const pick = strategy.recommend(MOOD, history, catalog, {}, { rng, now: i, hour: 10 });
    const track = catalog.find((t) => t.id === pick?.trackId)!;
    picks.push(track);
    history.push({ trackId: track.id, at: i, mood: MOOD, hour: 10, listenFraction: 1 });
  }
  return picks;
}

describe('withDiversity', () => {
  // 10 genres and ~50 artists: room for windows up to 9 apart.
  const catalog = syntheticCatalog(300, createRng(3)).map((t) => ({
    ...t,
    genres: t.genres?.map((g) => ({ pop: 'pop', dance: 'dance pop' })[g] ?? g),
  }));

  it.each(BASE_STRATEGY_IDS.flatMap((id) => [2, 4].map((k) => [id, k] as const)))(
    'keeps %s free of a repeated artist or genre within %i tracks',
    (id, k) => {
      const plain = session(id, 0, catalog, 1);
      const diverse = session(id, k, catalog, 1);
      expect(violations(diverse, k)).toBe(0);
      // The property is the wrapper's doing: the unwrapped strategies repeat genres.
      expect(violations(plain, k)).toBeGreaterThan(0);
    },
  );

  it('names itself after the strategy it wraps and says what it left out', () => {
    const strategy = withDiversity(getStrategy('mood-congruent'), { window: 2 });
    expect(strategy.id).toBe('mood-congruent+diversity');
    const history = [{ trackId: catalog[0].id, at: 1 }];
    const pick = strategy.recommend(MOOD, history, catalog, {}, { rng: createRng(1), now: 2 });
    const sameGenre = catalog.filter((t) => t.artist === catalog[0].artist || t.genres?.[0] === catalog[0].genres?.[0]).length;
    expect(pick?.explanation).toMatch(
      new RegExp(`\\(left out: ${sameGenre} kept apart for diversity\\)\\. Diversity: artists and genres of the last 1 kept apart\\.$`),
    );
  });

  it('shrinks the window rather than returning nothing when the catalog is too uniform', () => {
    const tiny = [0, 1, 2].map((i) => ({ id: `t${i}`, title: `t${i}`, artist: 'Same', emotion: 'happy' as const, genres: ['pop'] }));
    const strategy = withDiversity(getStrategy('emotion-folder-random'), { window: 2 });
    const pick = strategy.recommend(MOOD, [{ trackId: 't0', at: 1 }], tiny, {}, { rng: createRng(1), now: 2 });
    expect(pick?.trackId).not.toBe('t0');
    expect(pick?.explanation).toMatch(/the catalog only allowed keeping the artists and genres of the last 0 of 2 exposures apart\.$/);
  });
});
