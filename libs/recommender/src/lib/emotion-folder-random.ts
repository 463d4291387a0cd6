import { emotionsByDistance } from './circumplex-distance';
import { latestTrackIds } from './history';
import { blockedBy, compilePreferences, isAllowed } from './preferences';
import type { RecommendableTrack, RecommendationStrategy } from './recommendation-strategy';

/** Exposures a pick stays clear of while its folder has anything else to offer. */
export const RECENT_EXPOSURES_AVOIDED = 3;

/**
 * The baseline of the published systems: a uniformly random track from the folder of the
 * detected emotion. Adds only what a live session needs: no immediate repeat (nor, where the
 * folder allows, one of the last few), blocked artists, genres and languages left out, and the nearest folder on the
 * valence/arousal circumplex when the detected one has nothing playable.
 */
export const emotionFolderRandom: RecommendationStrategy = {
  id: 'emotion-folder-random',
  recommend(state, history, catalog, prefs, context) {
    const compiled = compilePreferences(prefs);
    const recent = latestTrackIds(history, RECENT_EXPOSURES_AVOIDED);
    let detectedFolderProblem = '';
    for (const emotion of emotionsByDistance(state.label)) {
      const folder = catalog.filter((t) => t.emotion === emotion);
      const playable = folder.filter((t) => isAllowed(t, compiled));
      const pool = leastRecentPool(playable, recent);
      if (pool.length === 0) {
        detectedFolderProblem ||= folderProblem(folder, playable);
        continue;
      }
      // min() guards an rng that returns exactly 1, which Math.random never does but a stub might.
      const track = pool[Math.min(pool.length - 1, Math.floor(context.rng() * pool.length))];
      const detected = `Detected ${state.label} (${Math.round(state.confidence * 100)}%)`;
      const pick = `random pick 1 of ${count(pool.length, 'track')}`;
      const avoided = folder.filter((t) => blockedBy(t, compiled) === 'diversity').length;
      const leftOut = leftOutNote(folder.length - playable.length - avoided, playable.length - pool.length, avoided);
      const explanation =
        emotion === state.label
          ? `${detected}: ${pick} in the "${emotion}" folder${leftOut}.`
          : `${detected}, but the "${state.label}" folder ${detectedFolderProblem}: ${pick} in "${emotion}", ` +
            `the nearest folder on the valence/arousal circumplex with music to play${leftOut}.`;
      return { trackId: track.id, explanation };
    }
    return null;
  },
};

/**
 * The playable tracks minus as many of the latest exposures as still leaves one, but never
 * minus fewer than the track just played: in a folder of three that were all played lately,
 * the pick is the one played longest ago.
 */
function leastRecentPool(playable: readonly RecommendableTrack[], recent: readonly string[]): RecommendableTrack[] {
  for (let avoided = recent.length; avoided > 1; avoided--) {
    const pool = playable.filter((t) => !recent.slice(0, avoided).includes(t.id));
    if (pool.length > 0) return pool;
  }
  return playable.filter((t) => t.id !== recent[0]);
}

function folderProblem(folder: readonly RecommendableTrack[], playable: readonly RecommendableTrack[]): string {
  if (folder.length === 0) return 'is empty';
  if (playable.length === 0) return 'holds only blocked artists, genres or languages';
  return 'holds only the track just played';
}

function leftOutNote(blocked: number, recent: number, avoided: number): string {
  const parts = [
    recent > 0 ? `${recent} recently played` : '',
    blocked > 0 ? `${blocked} blocked by preferences` : '',
    avoided > 0 ? `${avoided} kept apart for diversity` : '',
  ];
  const note = parts.filter(Boolean).join(', ');
  return note ? ` (left out: ${note})` : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
