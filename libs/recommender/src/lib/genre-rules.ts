import type { Emotion } from '@attune/protocol';
import { candidatePool, leftOutNote, pickIndex, plural } from './candidates';
import { emotionsByDistance } from './circumplex-distance';
import { compilePreferences, favouriteMatches, normalise } from './preferences';
import type { RecommendableTrack, RecommendationStrategy } from './recommendation-strategy';

/** Which genres answer which detected emotion; a study passes its own to createGenreRules. */
export type GenreMap = Readonly<Record<Emotion, readonly string[]>>;

/**
 * The rule tables of the published genre-mapping systems, made explicit: upbeat music for
 * joy, gentle music for sadness, loud music to match (and discharge) anger, background genres
 * when nothing in particular is felt; fear and disgust get calming genres.
 */
export const DEFAULT_GENRE_MAP: GenreMap = {
  happy: ['pop', 'dance', 'disco', 'funk', 'electronic'],
  sad: ['acoustic', 'classical', 'ballad', 'piano', 'folk'],
  angry: ['rock', 'metal', 'punk'],
  neutral: ['lo-fi', 'jazz', 'ambient', 'chillout'],
  fear: ['ambient', 'classical', 'new age'],
  surprise: ['electronic', 'dance', 'pop'],
  disgust: ['soundtrack', 'ambient', 'classical'],
};

/** Whether a track's genre names one of the rule's genres ("dance pop" answers "pop"; case and -/_ ignored). */
export function genreMatches(trackGenres: readonly string[] | undefined, ruleGenres: readonly string[]): string | null {
  return matchCanonical((trackGenres ?? []).map(paddedGenre), ruleGenres.map(paddedGenre));
}

/** ` dance pop `: lower case, separators as single spaces, padded so word matches are substring tests. */
function paddedGenre(genre: string): string {
  return ` ${normalise(genre).replace(/[-_/\s]+/g, ' ').trim()} `;
}

function matchCanonical(trackGenres: readonly string[], rules: readonly string[]): string | null {
  for (const g of trackGenres) {
    const hit = rules.find((rule) => g.includes(rule));
    if (hit) return hit.trim();
  }
  return null;
}

/**
 * Strategy 2: a random track among those whose genre the study's map assigns to the detected
 * emotion (favourites first); when none is playable, the map of the nearest emotion on the
 * circumplex. Tracks without genres never match.
 */
export function createGenreRules(map: GenreMap = DEFAULT_GENRE_MAP, id = 'genre-rules'): RecommendationStrategy {
  const rules = new Map(Object.entries(map).map(([emotion, genres]) => [emotion, genres.map(paddedGenre)]));
  // Which emotions' rules each track of a catalog array answers (bit per emotion), computed once
  // per array and kept on this instance: a 10,000-track catalog stays fast.
  const order = Object.keys(map);
  const cache = new WeakMap<readonly RecommendableTrack[], Uint8Array>();
  const masks = (catalog: readonly RecommendableTrack[]): Uint8Array => {
    let m = cache.get(catalog);
    if (!m || m.length !== catalog.length) {
      m = new Uint8Array(catalog.length);
      catalog.forEach((t, i) => {
        const genres = (t.genres ?? []).map(paddedGenre);
        order.forEach((emotion, bit) => {
          if (matchCanonical(genres, rules.get(emotion) ?? [])) m![i] |= 1 << bit;
        });
      });
      cache.set(catalog, m);
    }
    return m;
  };
  return {
    id,
    recommend(state, history, catalog, prefs, context) {
      const compiled = compilePreferences(prefs);
      const { indices, blocked, recent, avoided } = candidatePool(catalog, compiled, history);
      const mask = masks(catalog);
      for (const emotion of emotionsByDistance(state.label)) {
        const rule = map[emotion] ?? [];
        const bit = 1 << order.indexOf(emotion);
        const matching: RecommendableTrack[] = [];
        for (let j = 0; j < indices.length; j++) if (mask[indices[j]] & bit) matching.push(catalog[indices[j]]);
        if (matching.length === 0) continue;
        let best = 0;
        if (compiled.hasFavourites) for (const t of matching) best = Math.max(best, favouriteMatches(t, compiled));
        const finalists = best > 0 ? matching.filter((t) => favouriteMatches(t, compiled) === best) : matching;
        const track: RecommendableTrack = finalists[pickIndex(context.rng, finalists.length)];
        const detected = `Detected ${state.label} (${Math.round(state.confidence * 100)}%)`;
        const via = emotion === state.label ? '' : ` (no playable track for ${state.label}; nearest emotion ${emotion})`;
        const fav = best > 0 ? `, ${plural(finalists.length, 'favourite')} preferred` : '';
        return {
          trackId: track.id,
          explanation:
            `${detected}: genre rule ${emotion} -> ${rule.join('/')}${via}; ` +
            `"${(track.genres ?? []).join(', ')}" matches; random pick 1 of ${plural(finalists.length, 'matching track')}` +
            `${fav}${leftOutNote(blocked, recent, '', avoided)}.`,
        };
      }
      return null;
    },
  };
}

export const genreRules = createGenreRules();
