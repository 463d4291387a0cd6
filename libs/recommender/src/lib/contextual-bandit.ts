import { candidatePool, fmt, leftOutNote, plural, trackPoint } from './candidates';
import { hourOf, type TimeOfDay, timeOfDayOf } from './history';
import {
  type LinearGaussianState,
  normalSampler,
  observe,
  posterior,
  predictiveSd,
  priorState,
  sampleWeights,
} from './linear-gaussian';
import { va } from './mood-congruent';
import { compilePreferences, favouriteMatches, normalise } from './preferences';
import type { HistoryEntry, RecommendableTrack, RecommendationStrategy } from './recommendation-strategy';
import { reward } from './reward';

/** Genres are hashed into this many buckets, so the model has a fixed size whatever the catalog. */
export const GENRE_BUCKETS = 16;
const TIMES: readonly TimeOfDay[] = ['night', 'morning', 'afternoon', 'evening'];
const STATIC_ROW = 4; // valence, arousal, energy, tempo
const DYNAMIC_START = 1 + STATIC_ROW; // after the bias
const GENRE_START = DYNAMIC_START + 3 + TIMES.length;
/** Length of the feature vector (see FEATURE_NAMES). */
export const BANDIT_DIM = GENRE_START + GENRE_BUCKETS;

/** What each entry of the feature vector means, for explanations and documentation. */
export const FEATURE_NAMES: readonly string[] = [
  'bias',
  'track valence',
  'track arousal',
  'track energy',
  'track tempo',
  'valence x mood valence',
  'arousal x mood arousal',
  'closeness to mood',
  ...TIMES.map((t) => `arousal in the ${t}`),
  ...Array.from({ length: GENRE_BUCKETS }, (_, i) => `genre bucket ${i}`),
];

export interface BanditOptions {
  /** Prior precision of every weight (ridge strength); default 1. */
  priorPrecision?: number;
  /** Reward noise standard deviation; scales exploration; default 0.25. */
  noiseSd?: number;
  /** Reward added per favourite artist/genre/language a track matches; default 0.05. */
  favouriteBonus?: number;
  id?: string;
}

/** The learnt state of one participant's bandit: plain data, safe to JSON.stringify and store. */
export type BanditState = LinearGaussianState;

export function initialBanditState(options: BanditOptions = {}): BanditState {
  return priorState(BANDIT_DIM, options.priorPrecision ?? 1);
}

/** FNV-1a of the normalised genre name, into GENRE_BUCKETS. */
export function genreBucket(genre: string): number {
  let h = 0x811c9dc5;
  const s = normalise(genre);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % GENRE_BUCKETS;
}

/** Tempo as a small centred number: (bpm - 120) / 60, within [-1.5, 1.5]; 0 when unknown. */
function tempoFeature(bpm: number | null | undefined): number {
  return typeof bpm === 'number' && Number.isFinite(bpm) ? Math.max(-1.5, Math.min(1.5, (bpm - 120) / 60)) : 0;
}

/**
 * The feature vector of showing `track` in `mood` at `hour` (see FEATURE_NAMES): the track's
 * own descriptors, their interaction with the mood, its arousal per time of day, and its genres.
 */
export function banditFeatures(
  track: RecommendableTrack,
  mood: { valence: number; arousal: number },
  hour: number,
  out = new Float64Array(BANDIT_DIM),
): Float64Array {
  const p = trackPoint(track);
  out.fill(0);
  out[0] = 1;
  out[1] = p.valence;
  out[2] = p.arousal;
  out[3] = typeof track.energy === 'number' ? track.energy - 0.5 : 0;
  out[4] = tempoFeature(track.tempo);
  out[5] = p.valence * mood.valence;
  out[6] = p.arousal * mood.arousal;
  out[7] = 1 - Math.hypot(p.valence - mood.valence, p.arousal - mood.arousal) / 2;
  out[8 + TIMES.indexOf(timeOfDayOf(hour))] = p.arousal;
  const genres = track.genres ?? [];
  for (const g of genres) out[GENRE_START + genreBucket(g)] += 1 / genres.length;
  return out;
}

/**
 * The bandit state learnt from a history: every exposure with a reward (see reward.ts), the
 * mood recorded with it (else neutral) and its hour. Exposures of tracks no longer in the
 * catalog are skipped. Lets a stateless caller use the bandit; a caller that stores the state
 * passes it in `context.banditState` instead and folds feedback in with `updateBandit`.
 */
export function banditStateFromHistory(
  history: readonly HistoryEntry[],
  catalog: readonly RecommendableTrack[],
  options: BanditOptions = {},
): BanditState {
  const prior = initialBanditState(options);
  const rewarded = history.filter((h) => reward(h) !== null);
  if (rewarded.length === 0) return prior;
  const ids = new Set(rewarded.map((h) => h.trackId));
  const byId = new Map<string, RecommendableTrack>();
  for (const t of catalog) if (ids.has(t.id)) byId.set(t.id, t);
  // Accumulated in place on private copies (the same sums updateBandit would give, in the same
  // order), then returned as one new state: replaying 50 exposures stays far below a millisecond.
  const precision = prior.precision.slice();
  const b = prior.b.slice();
  const x = new Float64Array(BANDIT_DIM);
  let n = 0;
  for (const h of [...rewarded].sort((p, q) => p.at - q.at)) {
    const track = byId.get(h.trackId);
    if (!track) continue;
    banditFeatures(track, h.mood ?? { valence: 0, arousal: 0 }, h.hour ?? new Date(h.at).getUTCHours(), x);
    const r = reward(h) as number;
    for (let i = 0; i < BANDIT_DIM; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      b[i] += r * xi;
      for (let j = 0; j < BANDIT_DIM; j++) precision[i * BANDIT_DIM + j] += xi * x[j];
    }
    n++;
  }
  return { dim: BANDIT_DIM, precision, b, n };
}

/** The state after observing `rewardValue` for `track` shown in `mood` at `hour`; the input is not changed. */
export function updateBandit(
  state: BanditState,
  track: RecommendableTrack,
  mood: { valence: number; arousal: number },
  hour: number,
  rewardValue: number,
): BanditState {
  return observe(state, banditFeatures(track, mood, hour), rewardValue);
}

/**
 * Strategy 5: a contextual bandit with Thompson sampling for a linear-Gaussian reward model
 * (Agrawal & Goyal 2013) over track features x mood x time of day. Each recommendation draws
 * one weight vector from the posterior and plays the candidate with the highest sampled reward:
 * uncertain tracks get tried, tracks that earned likes and full listens get replayed.
 * Learns per participant from `context.banditState`, else from the rewarded history.
 */
export function createContextualBandit(options: BanditOptions = {}): RecommendationStrategy {
  const noiseSd = options.noiseSd ?? 0.25;
  const favouriteBonus = options.favouriteBonus ?? 0.05;
  // Static features of every track of a catalog array, computed once per array and kept on this
  // instance: valence, arousal, energy, tempo per track, and the genre part as an id into the
  // catalog's distinct genre vectors (a few dozen), so scoring 10,000 tracks is one typed-array pass.
  interface StaticIndex {
    rows: Float64Array;
    combo: Int32Array;
    combos: Float64Array[];
  }
  const cache = new WeakMap<readonly RecommendableTrack[], StaticIndex>();
  const staticIndex = (catalog: readonly RecommendableTrack[]): StaticIndex => {
    let index = cache.get(catalog);
    if (!index || index.combo.length !== catalog.length) {
      const rows = new Float64Array(catalog.length * STATIC_ROW);
      const combo = new Int32Array(catalog.length);
      const combos: Float64Array[] = [];
      const comboIds = new Map<string, number>();
      const x = new Float64Array(BANDIT_DIM);
      catalog.forEach((t, i) => {
        banditFeatures(t, { valence: 0, arousal: 0 }, 0, x);
        for (let k = 0; k < STATIC_ROW; k++) rows[i * STATIC_ROW + k] = x[1 + k];
        const genres = x.slice(GENRE_START);
        const key = genres.join(',');
        let id = comboIds.get(key);
        if (id === undefined) {
          id = combos.push(genres) - 1;
          comboIds.set(key, id);
        }
        combo[i] = id;
      });
      index = { rows, combo, combos };
      cache.set(catalog, index);
    }
    return index;
  };
  return {
    id: options.id ?? 'contextual-bandit',
    recommend(state, history, catalog, prefs, context) {
      const compiled = compilePreferences(prefs);
      const { pool, indices, blocked, recent, avoided } = candidatePool(catalog, compiled, history);
      if (pool.length === 0) return null;
      const learnt = context.banditState ?? banditStateFromHistory(history, catalog, options);
      const post = posterior(learnt);
      const w = sampleWeights(post, BANDIT_DIM, noiseSd, normalSampler(context.rng));
      const hour = hourOf(context);
      const tod = 8 + TIMES.indexOf(timeOfDayOf(hour));
      // Score = w . x without building x: static part from the cache, mood and time terms inline.
      const { rows, combo, combos } = staticIndex(catalog);
      const comboScore = combos.map((g) => {
        let sum = 0;
        for (let i = 0; i < GENRE_BUCKETS; i++) sum += w[GENRE_START + i] * g[i];
        return sum;
      });
      let best: RecommendableTrack | null = null;
      let bestScore = -Infinity;
      for (let j = 0; j < indices.length; j++) {
        const t = indices[j];
        const o = t * STATIC_ROW;
        const v = rows[o];
        const a = rows[o + 1];
        const dv = v - state.valence;
        const da = a - state.arousal;
        let score =
          w[0] + w[1] * v + w[2] * a + w[3] * rows[o + 2] + w[4] * rows[o + 3] +
          w[5] * v * state.valence + w[6] * a * state.arousal +
          w[7] * (1 - Math.sqrt(dv * dv + da * da) / 2) + w[tod] * a + comboScore[combo[t]];
        if (favouriteBonus && compiled.hasFavourites) score += favouriteBonus * favouriteMatches(catalog[t], compiled);
        if (score > bestScore) {
          bestScore = score;
          best = catalog[t];
        }
      }
      const track = best as RecommendableTrack;
      const x = banditFeatures(track, state, hour);
      let mean = 0;
      let strongest = { i: -1, value: 0 };
      for (let i = 0; i < BANDIT_DIM; i++) {
        const c = post.mean[i] * x[i];
        mean += c;
        if (i > 0 && Math.abs(c) > Math.abs(strongest.value)) strongest = { i, value: c };
      }
      const sd = predictiveSd(post.factor, BANDIT_DIM, x, noiseSd);
      const because =
        strongest.i < 0 || learnt.n === 0
          ? 'nothing learnt yet, so this is exploration'
          : `strongest learnt factor: ${featureLabel(strongest.i, track)} (${strongest.value >= 0 ? '+' : ''}${fmt(strongest.value)})`;
      return {
        trackId: track.id,
        explanation:
          `Learning what you like (Thompson sampling after ${plural(learnt.n, 'rated exposure')}): ` +
          `sampled reward ${fmt(bestScore)} for this track, expected ${fmt(mean)} ± ${fmt(sd)} ` +
          `in mood ${va(state)} in the ${timeOfDayOf(hour)}, best of ${plural(pool.length, 'candidate')}; ` +
          `${because}${leftOutNote(blocked, recent, '', avoided)}.`,
      };
    },
  };
}

function featureLabel(i: number, track: RecommendableTrack): string {
  if (i >= GENRE_START) {
    const names = (track.genres ?? []).filter((g) => GENRE_START + genreBucket(g) === i);
    return names.length ? `genre ${names.map((g) => `"${g}"`).join('/')}` : FEATURE_NAMES[i];
  }
  return FEATURE_NAMES[i];
}

export const contextualBandit = createContextualBandit();
