import type { Feedback, HistoryEntry } from './recommendation-strategy';

/**
 * The reward a strategy learns from, in [0, 1], or null when nothing was observed yet.
 * Explicit feedback wins over implicit; among explicit, a rating is the most graded signal.
 *
 * | observed                          | reward                    |
 * | --------------------------------- | ------------------------- |
 * | rating r (1..5 stars)             | (r - 1) / 4               |
 * | like                              | 1                         |
 * | dislike                           | 0                         |
 * | skip after fraction f heard       | 0.3 * f (0 to 0.3)        |
 * | listened, fraction f (no skip)    | 0.4 + 0.4 * f (0.4 to 0.8) |
 *
 * Skips are weak negatives and full listens weak positives (implicit feedback is noisy:
 * Hu, Koren & Volinsky 2008); a like outranks any listen, a dislike any skip.
 */
export function reward(feedback: Feedback): number | null {
  if (typeof feedback.rating === 'number' && Number.isFinite(feedback.rating))
    return clamp01((feedback.rating - 1) / 4);
  if (feedback.feedback === 'like') return 1;
  if (feedback.feedback === 'dislike') return 0;
  const f = typeof feedback.listenFraction === 'number' ? clamp01(feedback.listenFraction) : null;
  if (feedback.feedback === 'skip') return 0.3 * (f ?? 0);
  if (f !== null) return 0.4 + 0.4 * f;
  return null;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * A participant's event as the Feedback the strategies learn from: the live session's
 * feedback kinds ('like' | 'dislike' | 'skip' | 'rating' with a 1-5 value) plus 'complete'
 * (the track played to its end); `listenedSec / durationSec` becomes the listen fraction.
 */
export function feedbackOf(
  kind: 'like' | 'dislike' | 'skip' | 'rating' | 'complete',
  options: { value?: number | null; listenedSec?: number | null; durationSec?: number | null } = {},
): Feedback {
  const { value, listenedSec, durationSec } = options;
  const fraction =
    kind === 'complete'
      ? 1
      : typeof listenedSec === 'number' && typeof durationSec === 'number' && durationSec > 0
        ? clamp01(listenedSec / durationSec)
        : undefined;
  const withFraction = fraction === undefined ? {} : { listenFraction: fraction };
  if (kind === 'rating') return typeof value === 'number' ? { rating: value, ...withFraction } : withFraction;
  if (kind === 'complete') return withFraction;
  return { feedback: kind, ...withFraction };
}

/**
 * The history with `feedback` merged into the latest exposure of `trackId` (later fields win,
 * so a rating after a like keeps both); unchanged when the track is not in it. Never mutates.
 */
export function withFeedback(history: readonly HistoryEntry[], trackId: string, feedback: Feedback): HistoryEntry[] {
  let latest = -1;
  history.forEach((h, i) => {
    if (h.trackId === trackId && (latest < 0 || h.at >= history[latest].at)) latest = i;
  });
  return history.map((h, i) => (i === latest ? { ...h, ...feedback } : h));
}
