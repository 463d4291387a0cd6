import {
  DEFAULT_MOOD_TRIGGER,
  INITIAL_MOOD_TRIGGER,
  moodTriggerReset,
  type MoodTriggerState,
  stepMoodTrigger,
} from './mood-change-trigger';
import { createRng } from '@attune/experiments';
import { gaussian } from './simulation/synthetic-catalog';

/** Feeds samples at 5 Hz from `mood(t)` (t in ms) for `ms`; returns the times it fired. */
function drive(mood: (t: number) => { valence: number; arousal: number }, ms: number, state: MoodTriggerState = INITIAL_MOOD_TRIGGER) {
  const fired: number[] = [];
  for (let t = 0; t <= ms; t += 200) {
    const step = stepMoodTrigger(state, { ...mood(t), at: t });
    state = step.state;
    if (step.fire) fired.push(t);
  }
  return fired;
}

describe('stepMoodTrigger', () => {
  it('never fires on noisy input around a steady mood (10 minutes, sd 0.12, spikes)', () => {
    const normal = gaussian(createRng(1));
    const rng = createRng(2);
    const fired = drive((t) => {
      // One sample in 50 is a 0.8 outlier (a mis-detected face), as the live pipeline produces.
      const spike = rng() < 0.02 ? 0.8 : 0;
      return { valence: -0.3 + 0.12 * normal() + spike, arousal: 0.1 + 0.12 * normal() };
    }, 600_000);
    expect(fired).toEqual([]);
  });

  it('never fires while the mood flips between two states faster than the dwell time', () => {
    const fired = drive((t) => (Math.floor(t / 5000) % 2 ? { valence: 0.7, arousal: 0.5 } : { valence: -0.5, arousal: -0.3 }), 600_000);
    expect(fired).toEqual([]);
  });

  it('fires once for a sustained change, after the dwell time', () => {
    const fired = drive((t) => (t < 60_000 ? { valence: -0.6, arousal: -0.3 } : { valence: 0.5, arousal: 0.4 }), 300_000);
    expect(fired).toEqual([60_000 + DEFAULT_MOOD_TRIGGER.dwellMs]);
  });

  it('respects hysteresis: hovering between the exit and enter distances neither starts nor stops a change', () => {
    // Starts away (0.5 > enter), then hovers at 0.3 (between exit 0.25 and enter 0.4): still away, so it fires.
    const fired = drive((t) => (t < 5000 ? { valence: 0, arousal: 0 } : { valence: t < 8000 ? 0.5 : 0.3, arousal: 0 }), 40_000);
    expect(fired).toEqual([5000 + DEFAULT_MOOD_TRIGGER.dwellMs]);
    // Hovering at 0.3 from the start never enters.
    expect(drive((t) => (t === 0 ? { valence: 0, arousal: 0 } : { valence: 0.3, arousal: 0 }), 120_000)).toEqual([]);
  });

  it('waits out the refractory period after a recommendation', () => {
    let state = stepMoodTrigger(INITIAL_MOOD_TRIGGER, { valence: 0, arousal: 0, at: 0 }).state;
    state = moodTriggerReset(state, { valence: 0, arousal: 0, at: 1000 });
    const fired = drive((t) => ({ valence: t < 1000 ? 0 : 0.9, arousal: 0 }), 120_000, state);
    expect(fired[0]).toBe(1000 + DEFAULT_MOOD_TRIGGER.refractoryMs);
    expect(fired).toHaveLength(1);
  });

  it('fires at most once per refractory period on any input', () => {
    const rng = createRng(3);
    const fired = drive(() => ({ valence: 2 * rng() - 1, arousal: 2 * rng() - 1 }), 600_000);
    for (let i = 1; i < fired.length; i++) expect(fired[i] - fired[i - 1]).toBeGreaterThanOrEqual(DEFAULT_MOOD_TRIGGER.refractoryMs);
  });
});
