import {
  BANDIT_DIM,
  banditFeatures,
  banditStateFromHistory,
  contextualBandit,
  initialBanditState,
  updateBandit,
} from './contextual-bandit';
import type { HistoryEntry, MoodState, RecommendableTrack } from './recommendation-strategy';
import { createRng } from '@attune/experiments';

const MOOD: MoodState = { label: 'neutral', confidence: 0.5, valence: 0, arousal: 0 };
const GENRES = ['pop', 'rock', 'jazz', 'ambient', 'classical', 'metal'];
/** Probability of a like per genre: metal is the best arm by a clear margin. */
const LIKE = [0.2, 0.3, 0.4, 0.5, 0.55, 0.85];
const CATALOG: RecommendableTrack[] = GENRES.flatMap((genre, g) =>
  Array.from({ length: 10 }, (_, i) => ({
    id: `${genre}${i}`,
    title: `${genre} ${i}`,
    artist: `${genre} artist ${i % 3}`,
    emotion: 'neutral' as const,
    genres: [genre],
    valence: 0,
    arousal: 0,
  })),
).map((t, i) => ({ ...t, valence: ((i * 37) % 21) / 10 - 1, arousal: ((i * 53) % 21) / 10 - 1 }));
const genreOf = (id: string) => GENRES.findIndex((g) => id.startsWith(g));

function run(rounds: number, seed: number, stateful: boolean) {
  const rng = createRng(seed);
  const world = createRng(seed + 1000);
  const history: HistoryEntry[] = [];
  let state = initialBanditState();
  const picks: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const context = { rng, now: i * 1000, hour: 12, ...(stateful ? { banditState: state } : {}) };
    const pick = contextualBandit.recommend(MOOD, history, CATALOG, {}, context)!;
    const liked = world() < LIKE[genreOf(pick.trackId)];
    const entry: HistoryEntry = { trackId: pick.trackId, at: i * 1000, mood: MOOD, hour: 12, feedback: liked ? 'like' : 'dislike' };
    history.push(entry);
    state = updateBandit(state, CATALOG.find((t) => t.id === pick.trackId)!, MOOD, 12, liked ? 1 : 0);
    picks.push(pick.trackId);
  }
  return { picks, history, state };
}

describe('contextualBandit', () => {
  it('converges to the best arm (the most liked genre) in a seeded run', () => {
    for (const seed of [1, 2, 3]) {
      const { picks } = run(250, seed, true);
      const late = picks.slice(-100);
      const best = late.filter((id) => genreOf(id) === 5).length / late.length;
      // Uniform choice would give 1/6; the best arm's share must dominate once learnt.
      expect(best).toBeGreaterThan(0.7);
      const early = picks.slice(0, 30).filter((id) => genreOf(id) === 5).length / 30;
      expect(early).toBeLessThan(best);
    }
  });

  it('learns the same from the history as from a stored state', () => {
    const { history, state } = run(30, 7, true);
    expect(banditStateFromHistory(history, CATALOG)).toEqual(state);
  });

  it('makes the same picks for a seed whether the state is stored or rebuilt', () => {
    expect(run(40, 9, true).picks).toEqual(run(40, 9, false).picks);
  });

  it('updates immutably and serialises as plain data', () => {
    const before = initialBanditState();
    const copy = JSON.parse(JSON.stringify(before));
    const after = updateBandit(before, CATALOG[0], MOOD, 9, 1);
    expect(before).toEqual(copy);
    expect(after.n).toBe(1);
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });

  it('builds features of the documented size with mood and time-of-day terms', () => {
    const t = { ...CATALOG[0], valence: 0.5, arousal: -0.5, genres: ['pop', 'jazz'] };
    const x = banditFeatures(t, { valence: 0.4, arousal: 0.2 }, 20);
    expect(x.length).toBe(BANDIT_DIM);
    expect([x[0], x[1], x[2], x[5], x[6]]).toEqual([1, 0.5, -0.5, 0.2, -0.1]);
    expect(x[8 + 3]).toBe(-0.5); // evening slot holds the track's arousal
    expect(x.slice(8, 11)).toEqual(new Float64Array([0, 0, 0]));
    expect(x.slice(12).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
  });

  it('explains its pick with the sampled and expected reward', () => {
    const { history } = run(20, 4, false);
    const pick = contextualBandit.recommend(MOOD, history, CATALOG, {}, { rng: createRng(1), now: 0, hour: 12 });
    expect(pick?.explanation).toMatch(
      /^Learning what you like \(Thompson sampling after 20 rated exposures\): sampled reward -?\d\.\d\d for this track, expected -?\d\.\d\d ± \d\.\d\d in mood v=0\.00, a=0\.00 in the afternoon, best of 55 candidates; strongest learnt factor: .+ \(left out: 5 recently played\)\.$/,
    );
  });
});
