import { CIRCUMPLEX, EMOTIONS, type Emotion } from '@attune/protocol';

/**
 * All emotions ordered by Euclidean distance from `from` in the valence/arousal plane,
 * `from` itself first: the order in which to borrow music when a folder has none.
 * Ties (after rounding away float noise, e.g. surprise->fear vs surprise->neutral) keep the
 * canonical EMOTIONS order, so the result never depends on floating-point details.
 */
export function emotionsByDistance(from: Emotion): Emotion[] {
  const origin = CIRCUMPLEX[from];
  const distance = (e: Emotion) =>
    Math.round(1e9 * Math.hypot(CIRCUMPLEX[e].valence - origin.valence, CIRCUMPLEX[e].arousal - origin.arousal));
  return [...EMOTIONS].sort((a, b) => distance(a) - distance(b));
}
