import { EMOTIONS, type Emotion, type EmotionDistribution } from '@attune/protocol';
import { seededRandom } from '../training/seeded-random';
import { runFusionStudy } from './fusion-study';
import type { HeldOutSet } from './held-out';

const LABELS: Emotion[] = ['angry', 'fear', 'happy', 'sad'];

/** A synthetic model right with probability `accuracy`, its mass on the chosen class `peak`. */
function syntheticSet(modality: HeldOutSet['modality'], accuracy: number, seed: number): HeldOutSet {
  const random = seededRandom(seed);
  const predictions = LABELS.flatMap((label) =>
    Array.from({ length: 120 }, () => {
      const said = random() < accuracy ? label : LABELS[Math.floor(random() * LABELS.length)];
      const peak = 0.5 + 0.4 * random();
      const distribution = Object.fromEntries(
        EMOTIONS.map((e) => [e, LABELS.includes(e) ? (e === said ? peak : (1 - peak) / 3) : 0]),
      ) as EmotionDistribution;
      return { label, distribution, confidence: peak };
    }),
  );
  return { modality, modelId: `${modality}-synthetic`, source: 'synthetic', predictions };
}

describe('runFusionStudy', () => {
  const sets = {
    face: syntheticSet('face', 0.55, 1),
    voice: syntheticSet('voice', 0.7, 2),
    text: syntheticSet('text', 0.85, 3),
  };
  const result = runFusionStudy(sets, { labels: LABELS, triplesPerClass: 150, seed: 7 });

  it('scores every condition on the same triples and is reproducible from its seed', () => {
    expect(result.triples).toBe(600);
    for (const name of [
      'single:face',
      'single:voice',
      'single:text',
      'fusion',
      'missing:text',
      'corrupt-noise:voice',
      'corrupt-wrong:text',
    ])
      expect(result.conditions[name]).toMatchObject({
        n: 600,
        accuracy: expect.any(Number),
        macroF1: expect.any(Number),
      });
    expect(runFusionStudy(sets, { labels: LABELS, triplesPerClass: 150, seed: 7 })).toEqual(result);
    expect(result.sources.text).toMatchObject({ calibration: 240, test: 240 });
  });

  it('checks fusion against the best single modality and the best remaining one', () => {
    const names = result.checks.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['fusion', 'missing:face', 'corrupt-noise:voice', 'corrupt-wrong:text']),
    );
    const missingText = result.checks.find((c) => c.name === 'missing:text');
    expect(missingText?.referenceName).toBe('single:voice');
    expect(result.conditions['fusion'].accuracy).toBeGreaterThan(result.conditions['single:voice'].accuracy);
  });
});
