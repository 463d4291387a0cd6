import { latestTrackIds } from './history';
import { catalogIdIndex } from './preferences';
import type { RecommendableTrack, RecommendationStrategy } from './recommendation-strategy';

/** Default window: no artist or genre of the last 3 exposures again. */
export const DEFAULT_DIVERSITY_WINDOW = 3;

export interface DiversityOptions {
  /** The last K exposures whose artists and genres the next pick must not share. */
  window?: number;
  /** Also keep genres apart (default true); artists always. */
  genres?: boolean;
}

/**
 * Strategy 6, usable on any strategy: re-ranks by keeping every track that shares an artist (or a
 * genre) with the last K exposures out of the wrapped strategy's reach (passed as the
 * `avoidArtists`/`avoidGenres` preferences, which every strategy honours like blocked ones).
 * When that leaves the wrapped strategy nothing, the window shrinks one exposure at a time and
 * the explanation says how far it had to go; so diversity holds for K whenever the catalog allows.
 */
export function withDiversity(inner: RecommendationStrategy, options: DiversityOptions = {}): RecommendationStrategy {
  const window = options.window ?? DEFAULT_DIVERSITY_WINDOW;
  const useGenres = options.genres ?? true;
  return {
    id: `${inner.id}+diversity`,
    recommend(state, history, catalog, prefs, context) {
      const recentIds = latestTrackIds(history, window);
      const ids = catalogIdIndex(catalog);
      const recentTracks = new Map<string, RecommendableTrack>();
      for (const id of recentIds) {
        const i = ids.get(id);
        if (i !== undefined) recentTracks.set(id, catalog[i]);
      }
      for (let k = recentIds.length; k >= 0; k--) {
        const shown = recentIds.slice(0, k).flatMap((id) => recentTracks.get(id) ?? []);
        const avoidArtists = shown.map((t) => t.artist);
        const avoidGenres = useGenres ? shown.flatMap((t) => t.genres ?? []) : [];
        const pick = inner.recommend(
          state,
          history,
          catalog,
          {
            ...prefs,
            avoidArtists: [...(prefs.avoidArtists ?? []), ...avoidArtists],
            avoidGenres: [...(prefs.avoidGenres ?? []), ...avoidGenres],
          },
          context,
        );
        if (!pick) continue;
        const what = useGenres ? 'artists and genres' : 'artists';
        const note =
          k === recentIds.length
            ? k > 0
              ? ` Diversity: ${what} of the last ${k} kept apart.`
              : ''
            : ` Diversity: the catalog only allowed keeping the ${what} of the last ${k} of ${window} exposures apart.`;
        return { trackId: pick.trackId, explanation: pick.explanation + note };
      }
      return null;
    },
  };
}
