import { moodCongruent, NEAREST_DRAWN } from './mood-congruent';
import type { MoodState } from './recommendation-strategy';
import { createRng } from '@attune/experiments';
import { gridCatalog, vaTrack } from './test-tracks';

const mood = (valence: number, arousal: number): MoodState => ({ label: 'neutral', confidence: 0.5, valence, arousal });

describe('moodCongruent', () => {
  it.each([
    [0.8, 0.6],
    [-0.7, -0.4],
    [0, 0],
    [-0.9, 0.9],
  ])('picks among the tracks nearest to the mood (%p, %p)', (v, a) => {
    const catalog = gridCatalog();
    const distances = catalog.map((t) => Math.hypot(t.valence! - v, t.arousal! - a)).sort((x, y) => x - y);
    const kth = distances[NEAREST_DRAWN - 1];
    for (let s = 0; s < 30; s++) {
      const id = moodCongruent.recommend(mood(v, a), [], catalog, {}, { rng: createRng(s), now: 0 })!.trackId;
      const track = catalog.find((t) => t.id === id)!;
      expect(Math.hypot(track.valence! - v, track.arousal! - a)).toBeLessThanOrEqual(kth + 1e-12);
    }
  });

  it('places tracks without analysis at their folder on the circumplex and says so', () => {
    const catalog = [
      { id: 'h', title: 'h', artist: 'x', emotion: 'happy' as const },
      { id: 's', title: 's', artist: 'y', emotion: 'sad' as const },
    ];
    const pick = moodCongruent.recommend(mood(-0.6, -0.5), [], catalog, {}, { rng: () => 0, now: 0 });
    expect(pick?.trackId).toBe('s');
    expect(pick?.explanation).toBe(
      'Matching your mood (v=-0.60, a=-0.50): this track sits at v=-0.70, a=-0.40 (position of its "sad" folder), ' +
        'distance 0.14; random pick among the 2 nearest tracks of 2.',
    );
  });

  it('does not repeat the track just played', () => {
    const catalog = [vaTrack('a', 0, 0), vaTrack('b', 0.9, 0.9)];
    const pick = moodCongruent.recommend(mood(0, 0), [{ trackId: 'a', at: 1 }], catalog, {}, { rng: () => 0, now: 2 });
    expect(pick?.trackId).toBe('b');
  });
});
