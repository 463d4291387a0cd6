import type { Observation } from './observations-csv';

/** One exposure (a recommendation shown) with what followed it, as plain data. */
export interface ExposureRecord {
  participantId: string;
  arm: string;
  shownAt: number;
  /** Feedback on this exposure: kinds 'like' | 'dislike' | 'skip' | 'rating' | 'complete'. */
  feedback: { kind: string; value: number | null }[];
}

export interface MoodPoint {
  at: number;
  valence: number;
  arousal: number;
}

export interface SelfReportPair {
  participantId: string;
  arm: string;
  before: { valence: number; arousal: number };
  after: { valence: number; arousal: number };
}

export interface ExposureMetricOptions {
  /** How long after the exposure the mood is averaged (default 60 s). */
  windowMs?: number;
  /** How far back the baseline mood may lie before the exposure (default 30 s). */
  baselineMs?: number;
}

/**
 * Metrics per exposure, as observations for `analyzeExperiment`:
 * - `like_rate`: 1 liked, 0 disliked (exposures with neither are left out);
 * - `skip_rate`: 1 skipped, 0 otherwise;
 * - `rating`: the 1-5 rating, when given;
 * - `listen_through`: 1 played to the end, 0 skipped (otherwise unknown, left out);
 * - `mood_shift_valence` / `mood_shift_arousal`: mean mood in (shownAt, shownAt + window]
 *   minus the last mood at most `baselineMs` before the exposure (left out without both).
 * Mood points must belong to the exposure's participant: pass them per participant.
 */
export function exposureObservations(
  exposure: ExposureRecord,
  mood: readonly MoodPoint[],
  opts: ExposureMetricOptions = {},
): Observation[] {
  const { windowMs = 60_000, baselineMs = 30_000 } = opts;
  const out: Observation[] = [];
  const add = (metric: string, value: number) =>
    out.push({ participantId: exposure.participantId, arm: exposure.arm, metric, value });
  const kinds = new Set(exposure.feedback.map((f) => f.kind));
  if (kinds.has('like')) add('like_rate', 1);
  else if (kinds.has('dislike')) add('like_rate', 0);
  add('skip_rate', kinds.has('skip') ? 1 : 0);
  const rating = exposure.feedback.find((f) => f.kind === 'rating' && f.value !== null);
  if (rating) add('rating', rating.value!);
  if (kinds.has('complete')) add('listen_through', 1);
  else if (kinds.has('skip')) add('listen_through', 0);

  const baseline = [...mood].reverse().find((m) => m.at <= exposure.shownAt && m.at >= exposure.shownAt - baselineMs);
  const after = mood.filter((m) => m.at > exposure.shownAt && m.at <= exposure.shownAt + windowMs);
  if (baseline && after.length) {
    const avg = (k: 'valence' | 'arousal') => after.reduce((s, m) => s + m[k], 0) / after.length;
    add('mood_shift_valence', avg('valence') - baseline.valence);
    add('mood_shift_arousal', avg('arousal') - baseline.arousal);
  }
  return out;
}

/** SAM change over a session (after minus before), one observation per dimension. */
export function selfReportObservations(pair: SelfReportPair): Observation[] {
  return (['valence', 'arousal'] as const).map((k) => ({
    participantId: pair.participantId,
    arm: pair.arm,
    metric: `sam_${k}_change`,
    value: pair.after[k] - pair.before[k],
  }));
}
