import { type CandidatePool, candidatePool, fmt, leftOutNote, pickIndex, squaredDistanceTo, trackPoint } from './candidates';
import { FAVOURITE_BONUS, NEAREST_DRAWN, nearestTo, va } from './mood-congruent';
import { catalogIdIndex, compilePreferences, favouriteMatches } from './preferences';
import type { HistoryEntry, RecommendableTrack, RecommendationStrategy } from './recommendation-strategy';

/** Calm and positive: where mood regulation usually aims (relaxed/content quadrant of the circumplex). */
export const DEFAULT_TARGET_MOOD = { valence: 0.6, arousal: -0.3 } as const;

/**
 * Within this valence/arousal distance of the target a track counts as "there": the plan may
 * move about inside it (a catalog has few tracks exactly at the target, and repeats are avoided).
 */
export const ISO_HOLD_RADIUS = 0.25;

/** Tracks from the mood the participant is in to the target, by default. */
export const DEFAULT_ISO_STEPS = 5;

export interface IsoPrincipleOptions {
  /** Number of tracks over which the plan moves from the start mood to the target. */
  steps?: number;
  /** Target used when the context names none. */
  target?: { valence: number; arousal: number };
  id?: string;
}

/** The waypoint of plan step `step` (0-based): linear from `start` to `target`, reached at step `steps - 1`. */
export function isoWaypoint(
  start: { valence: number; arousal: number },
  target: { valence: number; arousal: number },
  step: number,
  steps: number,
): { valence: number; arousal: number } {
  const t = Math.min(1, (step + 1) / Math.max(1, steps));
  return {
    valence: start.valence + (target.valence - start.valence) * t,
    arousal: start.arousal + (target.arousal - start.arousal) * t,
  };
}

/**
 * Strategy 4, the iso principle of music therapy (Altshuler 1948; Heiderscheit & Madson 2015):
 * meet the listener where they are, then lead step by step. The plan starts at the mood recorded
 * with its first exposure (else the current mood) and moves linearly to the target over `steps`
 * tracks; each pick is the track nearest the current waypoint among those no farther from the
 * target than the previous pick (or than ISO_HOLD_RADIUS, once there), so the music never steps back.
 */
export function createIsoPrinciple(options: IsoPrincipleOptions = {}): RecommendationStrategy {
  const steps = options.steps ?? DEFAULT_ISO_STEPS;
  return {
    id: options.id ?? 'iso-principle',
    recommend(state, history, catalog, prefs, context) {
      const target = context.targetMood ?? options.target ?? DEFAULT_TARGET_MOOD;
      const plan = planEntries(history, context.planStartedAt);
      const step = plan.length;
      const start = plan[0]?.mood ?? state;
      const waypoint = isoWaypoint(start, target, step, steps);
      const compiled = compilePreferences(prefs);
      const toTarget = (t: RecommendableTrack) => Math.sqrt(squaredDistanceTo(t, target.valence, target.arousal));
      const previousIndex = plan.length > 0 ? catalogIdIndex(catalog).get(plan[plan.length - 1].trackId) : undefined;
      const previous = previousIndex === undefined ? undefined : catalog[previousIndex];
      const ceiling = previous ? Math.max(toTarget(previous), ISO_HOLD_RADIUS) + 1e-9 : Infinity;
      // Forward first, recency second: avoiding repeats must not push the plan backwards. The
      // pools come from the whole catalog (whose per-array indexes are memoised), then are cut.
      const forward = (p: CandidatePool) => p.pool.filter((t) => toTarget(t) <= ceiling);
      const full = candidatePool(catalog, compiled, history);
      let used = full;
      let candidates = forward(full);
      if (candidates.length === 0 && previous) {
        used = candidatePool(catalog, compiled, history, 1);
        candidates = forward(used);
      }
      const steppedBack = candidates.length === 0;
      if (steppedBack) {
        used = full;
        candidates = full.pool;
      }
      const { blocked, recent, avoided } = used;
      const excluded = used.pool.length - candidates.length;
      const nearest = nearestTo(candidates, waypoint, NEAREST_DRAWN, (t) => FAVOURITE_BONUS * favouriteMatches(t, compiled));
      if (nearest.length === 0) return null;
      const pick = nearest[pickIndex(context.rng, nearest.length)];
      const point = trackPoint(pick.track);
      const stepNote = `step ${Math.min(step + 1, steps)} of ${steps}` + (step >= steps ? ' (target reached, holding)' : '');
      const backNote = steppedBack && previous ? '; nothing closer to the target is playable, so this steps back' : '';
      return {
        trackId: pick.track.id,
        explanation:
          `Guiding your mood from ${va(start)} toward ${va(target)}, ${stepNote}: waypoint ${va(waypoint)}; ` +
          `this track sits at ${va(point)}${point.fromFolder ? ` (its "${pick.track.emotion}" folder)` : ''}, ` +
          `${fmt(pick.distance)} from the waypoint and ${fmt(toTarget(pick.track))} from the target${backNote}` +
          `${leftOutNote(blocked, recent, excluded > 0 ? `${excluded} farther from the target than the last track` : '', avoided)}.`,
      };
    },
  };
}

function planEntries(history: readonly HistoryEntry[], since: number | undefined): HistoryEntry[] {
  return history.filter((h) => since === undefined || h.at >= since).sort((a, b) => a.at - b.at);
}

export const isoPrinciple = createIsoPrinciple();

/** The participant's choice in the session: keep the mood (mood-congruent) or improve it (iso-principle). */
export type MoodGoal = 'keep' | 'improve';

export function strategyForMoodGoal(goal: MoodGoal): 'mood-congruent' | 'iso-principle' {
  return goal === 'keep' ? 'mood-congruent' : 'iso-principle';
}
