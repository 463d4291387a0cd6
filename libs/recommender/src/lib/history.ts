import type { HistoryEntry } from './recommendation-strategy';

/** Track ids of the latest exposures, newest first; equal timestamps keep the history's order. */
export function latestTrackIds(history: readonly HistoryEntry[], n: number): string[] {
  return latestEntries(history, n).map((entry) => entry.trackId);
}

/** The latest `n` exposures, newest first; equal timestamps keep the history's order. */
export function latestEntries(history: readonly HistoryEntry[], n: number): HistoryEntry[] {
  return history
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.at - a.entry.at || b.index - a.index)
    .slice(0, n)
    .map(({ entry }) => entry);
}

/** Hour of day of the context: the participant's local hour when given, else the UTC hour of `now`. */
export function hourOf(context: { now: number; hour?: number }): number {
  const hour = context.hour ?? new Date(context.now).getUTCHours();
  return ((Math.floor(hour) % 24) + 24) % 24;
}

export type TimeOfDay = 'night' | 'morning' | 'afternoon' | 'evening';

/** Four coarse buckets: night 0-5, morning 6-11, afternoon 12-17, evening 18-23. */
export function timeOfDayOf(hour: number): TimeOfDay {
  return (['night', 'morning', 'afternoon', 'evening'] as const)[Math.floor((((hour % 24) + 24) % 24) / 6)];
}
