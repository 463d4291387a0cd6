/**
 * When a sustained change of mood should bring a new track: a pure state machine with
 * hysteresis and a minimum dwell time, so a noisy mood estimate never makes the music flap.
 *
 * The reference is the mood at the last recommendation (or the first sample). The mood counts
 * as "away" once it is more than `enterDistance` from the reference on the valence/arousal
 * plane, and stays away until it comes back within `exitDistance` (< enterDistance): samples
 * in between neither start nor stop a change. The trigger fires once the mood has been away
 * for `dwellMs` without coming back, and never within `refractoryMs` of the last recommendation.
 */
export interface MoodTriggerConfig {
  enterDistance: number;
  exitDistance: number;
  dwellMs: number;
  refractoryMs: number;
}

export const DEFAULT_MOOD_TRIGGER: MoodTriggerConfig = {
  enterDistance: 0.4,
  exitDistance: 0.25,
  dwellMs: 15_000,
  refractoryMs: 45_000,
};

export interface MoodTriggerState {
  reference: { valence: number; arousal: number } | null;
  /** When the mood left the reference's neighbourhood, or null while it is near it. */
  awaySince: number | null;
  /** Last recommendation (fired here or reported with `moodTriggerReset`). */
  lastFiredAt: number | null;
}

export const INITIAL_MOOD_TRIGGER: MoodTriggerState = { reference: null, awaySince: null, lastFiredAt: null };

export interface MoodSample {
  valence: number;
  arousal: number;
  /** Epoch ms. */
  at: number;
}

export interface MoodTriggerStep {
  state: MoodTriggerState;
  fire: boolean;
  /** Why it fired, with its numbers; empty when it did not. */
  reason: string;
}

/** Feeds one mood sample; returns the next state and whether to recommend now. Never mutates. */
export function stepMoodTrigger(
  state: MoodTriggerState,
  sample: MoodSample,
  config: MoodTriggerConfig = DEFAULT_MOOD_TRIGGER,
): MoodTriggerStep {
  if (config.exitDistance > config.enterDistance) throw new Error('exitDistance must not exceed enterDistance');
  const point = { valence: sample.valence, arousal: sample.arousal };
  if (!state.reference) return { state: { ...state, reference: point, awaySince: null }, fire: false, reason: '' };
  const distance = Math.hypot(point.valence - state.reference.valence, point.arousal - state.reference.arousal);
  let awaySince = state.awaySince;
  if (awaySince === null && distance > config.enterDistance) awaySince = sample.at;
  else if (awaySince !== null && distance < config.exitDistance) awaySince = null;
  const dwelt = awaySince !== null && sample.at - awaySince >= config.dwellMs;
  const rested = state.lastFiredAt === null || sample.at - state.lastFiredAt >= config.refractoryMs;
  if (dwelt && rested && distance > config.exitDistance) {
    const seconds = ((sample.at - (awaySince as number)) / 1000).toFixed(1);
    return {
      state: { reference: point, awaySince: null, lastFiredAt: sample.at },
      fire: true,
      reason:
        `mood moved from v=${state.reference.valence.toFixed(2)}, a=${state.reference.arousal.toFixed(2)} ` +
        `to v=${point.valence.toFixed(2)}, a=${point.arousal.toFixed(2)} (distance ${distance.toFixed(2)} > ` +
        `${config.enterDistance}) and stayed away for ${seconds} s`,
    };
  }
  return { state: { ...state, awaySince }, fire: false, reason: '' };
}

/**
 * Call when a track was recommended for another reason (start, skip, track end): the new
 * reference is the mood at that moment and the refractory period starts again.
 */
export function moodTriggerReset(state: MoodTriggerState, sample: MoodSample): MoodTriggerState {
  return { reference: { valence: sample.valence, arousal: sample.arousal }, awaySince: null, lastFiredAt: sample.at };
}
