import { EMOTIONS, type Emotion, type EmotionDistribution } from '@attune/protocol';
import { seededRandom } from '../training/seeded-random';
import { runFusionStudy, wilson } from './fusion-study';
import { runFusionStudySeeds } from './fusion-study-summary';
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

describe('fusion study', () => {
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
      'single:voice:calibrated',
      'single:text',
      'fusion',
      'missing:text',
      'corrupt-noise:voice',
      'corrupt-wrong:text',
      'ablation:no-trust:corrupt-wrong:text',
    ])
      expect(result.conditions[name]).toMatchObject({
        n: 600,
        accuracy: expect.any(Number),
        macroF1: expect.any(Number),
        ci95: [expect.any(Number), expect.any(Number)],
      });
    expect(runFusionStudy(sets, { labels: LABELS, triplesPerClass: 150, seed: 7 })).toEqual(result);
    expect(result.sources.text).toMatchObject({ calibration: 240, test: 240 });
    expect(result.calibration.text.scale).toBeGreaterThanOrEqual(0);
  });

  it('checks fusion against the best single modality and each degraded condition against the best remaining one', () => {
    const names = result.checks.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['fusion', 'missing:face', 'corrupt-noise:voice', 'corrupt-wrong:text']),
    );
    expect(names).toHaveLength(10);
    expect(result.ablationChecks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['ablation:previous-rule:fusion', 'ablation:no-trust:corrupt-wrong:text']),
    );
    const missingText = result.checks.find((c) => c.name === 'missing:text');
    expect(missingText?.referenceName).toMatch(/^single:voice/);
    expect(result.conditions['fusion'].accuracy).toBeGreaterThan(result.conditions['single:text'].accuracy);
    // A confident wrong stream is caught by the trust the others give it, not by luck.
    expect(result.conditions['corrupt-wrong:text'].accuracy).toBeGreaterThan(
      result.conditions['ablation:no-trust:corrupt-wrong:text'].accuracy,
    );
  });

  it('summarises seeds with mean, min and a per-condition verdict', () => {
    const summary = runFusionStudySeeds(sets, { labels: LABELS, triplesPerClass: 60, seeds: [1, 2] });
    expect(summary.seeds).toEqual([1, 2]);
    expect(summary.protocol).toMatch(/calibration half/i);
    const fusion = summary.conditions['fusion'];
    expect(fusion.perSeed).toHaveLength(2);
    expect(fusion.accuracy.min).toBe(Math.min(...fusion.perSeed));
    expect(Object.keys(summary.acceptance.perCondition)).toHaveLength(10);
    const verdict = summary.acceptance.perCondition['missing:face'];
    expect(verdict.holds).toBe(verdict.seedsHeld === 2);
    expect(summary.acceptance.degradesGracefully).toBe(
      Object.entries(summary.acceptance.perCondition).every(([n, c]) => n === 'fusion' || c.holds),
    );
  });

  it('gives the Wilson interval (reference values)', () => {
    const [lo, hi] = wilson(0.9, 100);
    expect(lo).toBeCloseTo(0.82563, 5);
    expect(hi).toBeCloseTo(0.94477, 5);
  });
});
