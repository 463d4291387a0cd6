import { DEFAULT_TARGET_MOOD, ISO_HOLD_RADIUS, isoPrinciple, isoWaypoint, strategyForMoodGoal, createIsoPrinciple } from './iso-principle';
import type { HistoryEntry, MoodState, RecommendableTrack } from './recommendation-strategy';
import { createRng } from '@attune/experiments';
import { gridCatalog } from './test-tracks';

const SAD: MoodState = { label: 'sad', confidence: 0.7, valence: -0.7, arousal: -0.4 };
const ANGRY: MoodState = { label: 'angry', confidence: 0.7, valence: -0.6, arousal: 0.7 };
const dist = (t: RecommendableTrack, p: { valence: number; arousal: number }) =>
  Math.hypot(t.valence! - p.valence, t.arousal! - p.arousal);

/** Runs a plan of `n` picks while the detected mood stays at `mood`. */
function plan(mood: MoodState, n: number, seed: number, catalog = gridCatalog(), steps = 5) {
  const strategy = createIsoPrinciple({ steps });
  const rng = createRng(seed);
  const history: HistoryEntry[] = [];
  const picks: RecommendableTrack[] = [];
  for (let i = 0; i < n; i++) {
    const pick = strategy.recommend(mood, history, catalog, {}, { rng, now: i * 1000 });
    const track = catalog.find((t) => t.id === pick?.trackId)!;
    picks.push(track);
    history.push({ trackId: track.id, at: i * 1000, mood: { valence: mood.valence, arousal: mood.arousal } });
  }
  return picks;
}

/** Never farther from the target than the previous pick, except for moves inside the hold radius. */
function expectMonotone(toTarget: number[]) {
  for (let i = 1; i < toTarget.length; i++)
    expect(toTarget[i]).toBeLessThanOrEqual(Math.max(toTarget[i - 1], ISO_HOLD_RADIUS) + 1e-12);
  // Strictly closer while still outside the hold radius: the plan makes progress, not just no regress.
  for (let i = 1; i < toTarget.length; i++) if (toTarget[i - 1] > ISO_HOLD_RADIUS + 0.3) expect(toTarget[i]).toBeLessThan(toTarget[i - 1]);
}

describe('isoPrinciple', () => {
  it('interpolates waypoints linearly and holds the target after the last step', () => {
    expect(isoWaypoint({ valence: -1, arousal: 1 }, { valence: 1, arousal: -1 }, 0, 4)).toEqual({ valence: -0.5, arousal: 0.5 });
    expect(isoWaypoint({ valence: -1, arousal: 1 }, { valence: 1, arousal: -1 }, 3, 4)).toEqual({ valence: 1, arousal: -1 });
    expect(isoWaypoint({ valence: -1, arousal: 1 }, { valence: 1, arousal: -1 }, 9, 4)).toEqual({ valence: 1, arousal: -1 });
  });

  it.each([
    ['sad', SAD],
    ['angry', ANGRY],
  ])('moves monotonically from a %s mood toward the target, starting near the mood', (_, mood) => {
    for (let seed = 0; seed < 10; seed++) {
      const picks = plan(mood, 8, seed);
      const toTarget = picks.map((t) => dist(t, DEFAULT_TARGET_MOOD));
      expectMonotone(toTarget);
      // Starts near the mood (within a fifth of the way plus the grid's spacing) ...
      expect(dist(picks[0], mood)).toBeLessThan(dist(picks[0], DEFAULT_TARGET_MOOD));
      // ... and ends at the target, as closely as a 0.25 grid allows.
      expect(toTarget[4]).toBeLessThan(0.3);
      expect(toTarget.at(-1)!).toBeLessThan(0.3);
    }
  });

  it('keeps moving forward even when the detected mood jumps around', () => {
    const catalog = gridCatalog();
    const rng = createRng(5);
    const history: HistoryEntry[] = [];
    const toTarget: number[] = [];
    for (let i = 0; i < 6; i++) {
      const mood = i % 2 ? ANGRY : SAD;
      const pick = isoPrinciple.recommend(mood, history, catalog, {}, { rng, now: i });
      const track = catalog.find((t) => t.id === pick?.trackId)!;
      toTarget.push(dist(track, DEFAULT_TARGET_MOOD));
      history.push({ trackId: track.id, at: i, mood });
    }
    expectMonotone(toTarget);
  });

  it('explains the step with its numbers', () => {
    const pick = isoPrinciple.recommend(SAD, [], gridCatalog(), {}, { rng: () => 0, now: 0 });
    expect(pick?.explanation).toMatch(
      /^Guiding your mood from v=-0\.70, a=-0\.40 toward v=0\.60, a=-0\.30, step 1 of 5: waypoint v=-0\.44, a=-0\.38; this track sits at v=-0\.50, a=-0\.50, 0\.\d\d from the waypoint and 1\.\d\d from the target/,
    );
  });

  it('maps "keep my mood" to mood-congruent and "improve my mood" to iso-principle', () => {
    expect(strategyForMoodGoal('keep')).toBe('mood-congruent');
    expect(strategyForMoodGoal('improve')).toBe('iso-principle');
  });
});
