import type { Preferences, RecommendableTrack } from './recommendation-strategy';

/** Preferences as lower-cased sets, built once per recommendation rather than per track. */
export interface CompiledPreferences {
  blockedArtists: ReadonlySet<string>;
  blockedGenres: ReadonlySet<string>;
  blockedLanguages: ReadonlySet<string>;
  favouriteArtists: ReadonlySet<string>;
  favouriteGenres: ReadonlySet<string>;
  favouriteLanguages: ReadonlySet<string>;
  /** Kept apart for diversity (see diversity.ts): excluded like blocked ones, counted separately. */
  avoidArtists: ReadonlySet<string>;
  avoidGenres: ReadonlySet<string>;
  /** True when nothing is blocked or avoided: strategies can skip the per-track checks. */
  blocksNothing: boolean;
  hasFavourites: boolean;
}

export function normalise(value: string): string {
  return value.trim().toLowerCase();
}

const set = (values: readonly string[] | undefined) => new Set((values ?? []).map(normalise));

export function compilePreferences(prefs: Preferences): CompiledPreferences {
  const c = {
    blockedArtists: set(prefs.blockedArtists),
    blockedGenres: set(prefs.blockedGenres),
    blockedLanguages: set(prefs.blockedLanguages),
    favouriteArtists: set(prefs.favouriteArtists),
    favouriteGenres: set(prefs.favouriteGenres),
    favouriteLanguages: set(prefs.favouriteLanguages),
    avoidArtists: set(prefs.avoidArtists),
    avoidGenres: set(prefs.avoidGenres),
  };
  return {
    ...c,
    blocksNothing:
      c.blockedArtists.size + c.blockedGenres.size + c.blockedLanguages.size + c.avoidArtists.size + c.avoidGenres.size === 0,
    hasFavourites: c.favouriteArtists.size + c.favouriteGenres.size + c.favouriteLanguages.size > 0,
  };
}

export interface TrackKeys {
  artist: string;
  genres: string[];
  language: string | null;
}

// Normalised names per track object: a pure memo (tracks are plain immutable data), so a
// 10,000-track catalog is lower-cased once, not on every recommendation.
const keysCache = new WeakMap<RecommendableTrack, TrackKeys>();

export function trackKeys(track: RecommendableTrack): TrackKeys {
  let keys = keysCache.get(track);
  if (!keys) {
    keys = {
      artist: normalise(track.artist),
      genres: (track.genres ?? []).map(normalise),
      language: track.language ? normalise(track.language) : null,
    };
    keysCache.set(track, keys);
  }
  return keys;
}

const catalogKeysCache = new WeakMap<readonly RecommendableTrack[], TrackKeys[]>();

/**
 * trackKeys of every track of a catalog array, memoised per array: one lookup per
 * recommendation instead of one per track. Catalog arrays are treated as immutable (the
 * length check catches the likeliest misuse, an array grown in place).
 */
export function catalogKeys(catalog: readonly RecommendableTrack[]): TrackKeys[] {
  let keys = catalogKeysCache.get(catalog);
  if (!keys || keys.length !== catalog.length) {
    keys = catalog.map(trackKeys);
    catalogKeysCache.set(catalog, keys);
  }
  return keys;
}

export type BlockReason = 'artist' | 'genre' | 'language' | 'diversity';

/** Why a track may not be played now ('artist', 'genre', 'language' blocked; 'diversity' avoided), or null. */
export function blockedBy(track: RecommendableTrack, prefs: CompiledPreferences): BlockReason | null {
  if (prefs.blocksNothing) return null;
  return blockedByKeys(trackKeys(track), prefs);
}

export function blockedByKeys(k: TrackKeys, prefs: CompiledPreferences): BlockReason | null {
  if (prefs.blocksNothing) return null;
  if (prefs.blockedArtists.has(k.artist)) return 'artist';
  if (prefs.blockedGenres.size > 0 && anyIn(k.genres, prefs.blockedGenres)) return 'genre';
  if (k.language && prefs.blockedLanguages.has(k.language)) return 'language';
  if (prefs.avoidArtists.has(k.artist) || (prefs.avoidGenres.size > 0 && anyIn(k.genres, prefs.avoidGenres)))
    return 'diversity';
  return null;
}

function anyIn(values: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < values.length; i++) if (set.has(values[i])) return true;
  return false;
}

const idIndexCache = new WeakMap<readonly RecommendableTrack[], Map<string, number>>();

/** Position of each track id in a catalog array, memoised per array like catalogKeys. */
export function catalogIdIndex(catalog: readonly RecommendableTrack[]): Map<string, number> {
  let index = idIndexCache.get(catalog);
  if (!index || index.size > catalog.length || (catalog.length > 0 && index.get(catalog[catalog.length - 1].id) !== catalog.length - 1)) {
    index = new Map(catalog.map((t, i) => [t.id, i]));
    idIndexCache.set(catalog, index);
  }
  return index;
}

export function isAllowed(track: RecommendableTrack, prefs: CompiledPreferences): boolean {
  return blockedBy(track, prefs) === null;
}

/** How many of the participant's favourites (artist, any genre, language) a track matches: 0..3. */
export function favouriteMatches(track: RecommendableTrack, prefs: CompiledPreferences): number {
  if (!prefs.hasFavourites) return 0;
  const k = trackKeys(track);
  let n = 0;
  if (prefs.favouriteArtists.has(k.artist)) n++;
  if (prefs.favouriteGenres.size > 0 && k.genres.some((g) => prefs.favouriteGenres.has(g))) n++;
  if (k.language && prefs.favouriteLanguages.has(k.language)) n++;
  return n;
}
