import { CIRCUMPLEX } from '@attune/protocol';
import { latestTrackIds } from './history';
import { blockedByKeys, catalogIdIndex, catalogKeys, type CompiledPreferences } from './preferences';
import type { HistoryEntry, RecommendableTrack } from './recommendation-strategy';

/** Exposures a scoring strategy stays clear of while the catalog has anything else to offer. */
export const RECENT_AVOIDED = 5;

export interface CandidatePool {
  /** Allowed by the preferences and not among the latest exposures (as far as the catalog allows). */
  pool: RecommendableTrack[];
  /** Index in the catalog of each pool track. */
  indices: Int32Array;
  /** Left out by blocked artists, genres or languages. */
  blocked: number;
  /** Left out to keep artists and genres apart (diversity wrapper). */
  avoided: number;
  /** Left out because they were played lately. */
  recent: number;
}

/**
 * The tracks a strategy may choose from: never a blocked one, never the one just played, and
 * none of the latest `avoid` exposures unless that would leave nothing (then as many as possible).
 */
export function candidatePool(
  catalog: readonly RecommendableTrack[],
  prefs: CompiledPreferences,
  history: readonly HistoryEntry[],
  avoid = RECENT_AVOIDED,
): CandidatePool {
  const n = catalog.length;
  const allowed = new Int32Array(n);
  let count = 0;
  let blocked = 0;
  let avoided = 0;
  if (prefs.blocksNothing) {
    for (let i = 0; i < n; i++) allowed[i] = i;
    count = n;
  } else {
    const keys = catalogKeys(catalog);
    for (let i = 0; i < n; i++) {
      const why = blockedByKeys(keys[i], prefs);
      if (why === null) allowed[count++] = i;
      else if (why === 'diversity') avoided++;
      else blocked++;
    }
  }
  const recent = latestTrackIds(history, avoid);
  const ids = catalogIdIndex(catalog);
  // Recency rank per catalog index (1 = just played), so the passes below compare numbers only.
  const recency = new Uint8Array(n);
  recent.forEach((id, rank) => {
    const i = ids.get(id);
    if (i !== undefined && recency[i] === 0) recency[i] = rank + 1;
  });
  // Avoid as many of the latest exposures as still leaves something, but always the one just played.
  const minAvoid = Math.min(1, recent.length);
  for (let k = recent.length; k >= minAvoid; k--) {
    const indices = new Int32Array(count);
    let m = 0;
    for (let j = 0; j < count; j++) {
      const r = recency[allowed[j]];
      if (r === 0 || r > k) indices[m++] = allowed[j];
    }
    if (m > 0 || k === minAvoid) {
      const pool = new Array<RecommendableTrack>(m);
      for (let j = 0; j < m; j++) pool[j] = catalog[indices[j]];
      return { pool, indices: indices.subarray(0, m), blocked, avoided, recent: count - m };
    }
  }
  return { pool: [], indices: new Int32Array(0), blocked, avoided, recent: 0 };
}

/**
 * Where a track sits on the valence/arousal plane: its analysed or annotated values, else the
 * circumplex point of its emotion folder (so uncurated catalogs still work, less precisely).
 */
export function trackPoint(track: RecommendableTrack): { valence: number; arousal: number; fromFolder: boolean } {
  if (typeof track.valence === 'number' && typeof track.arousal === 'number')
    return { valence: track.valence, arousal: track.arousal, fromFolder: false };
  const point = CIRCUMPLEX[track.emotion];
  return { valence: point.valence, arousal: point.arousal, fromFolder: true };
}

/** Squared valence/arousal distance of a track (analysed, else its folder's point) to a point; allocation-free for hot loops. */
export function squaredDistanceTo(track: RecommendableTrack, valence: number, arousal: number): number {
  const analysed = typeof track.valence === 'number' && typeof track.arousal === 'number';
  const dv = (analysed ? (track.valence as number) : CIRCUMPLEX[track.emotion].valence) - valence;
  const da = (analysed ? (track.arousal as number) : CIRCUMPLEX[track.emotion].arousal) - arousal;
  return dv * dv + da * da;
}

/** Uniform index in [0, n) from an rng that might return exactly 1 (a stub could). */
export function pickIndex(rng: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

export function leftOutNote(blocked: number, recent: number, extra = '', avoided = 0): string {
  const parts = [
    recent > 0 ? `${recent} recently played` : '',
    blocked > 0 ? `${blocked} blocked by preferences` : '',
    avoided > 0 ? `${avoided} kept apart for diversity` : '',
    extra,
  ];
  const note = parts.filter(Boolean).join(', ');
  return note ? ` (left out: ${note})` : '';
}

export const fmt = (x: number, digits = 2) => (Object.is(Math.round(x * 10 ** digits), -0) ? 0 : x).toFixed(digits);

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
