import { contextualBandit } from '../contextual-bandit';
import { emotionFolderRandom } from '../emotion-folder-random';
import { isoPrinciple } from '../iso-principle';
import { moodCongruent } from '../mood-congruent';
import { simulate } from './simulate';
import { estimate, pairedLift, tQuantile975 } from './summary-stats';
import { createRng } from '@attune/experiments';

describe('simulate', () => {
  const run = (seed: number, participants = 30, tracksPerSession = 50) =>
    simulate({
      strategies: [emotionFolderRandom, contextualBandit],
      participants,
      tracksPerSession,
      seed,
      catalogSize: 200,
    });

  it('is deterministic for a seed and changes with it', () => {
    const a = run(7, 8, 15);
    expect(run(7, 8, 15)).toEqual(a);
    expect(run(8, 8, 15).results[0].meanReward.mean).not.toBe(a.results[0].meanReward.mean);
  });

  it('shows the bandit beating random picks by at least 20 % mean reward over 50 interactions', () => {
    const report = run(1);
    const [random, bandit] = report.results;
    expect(report.baseline).toBe('emotion-folder-random');
    expect(random.liftVsBaseline).toBeNull();
    expect(bandit.liftVsBaseline!.estimate).toBeGreaterThan(0.2);
    expect(bandit.liftVsBaseline!.ci95[0]).toBeGreaterThan(0.05);
    expect(bandit.lateReward.mean).toBeGreaterThan(bandit.meanReward.mean);
    expect(bandit.skipRate.mean).toBeLessThan(random.skipRate.mean);
  });

  it('moves the mood toward the target more with iso-principle than with mood-congruent music', () => {
    const report = simulate({ strategies: [moodCongruent, isoPrinciple], participants: 30, tracksPerSession: 12, seed: 3, catalogSize: 200 });
    expect(report.results[1].moodTowardTarget.mean).toBeGreaterThan(report.results[0].moodTowardTarget.mean);
  });
});

describe('summary statistics', () => {
  it('gives the t interval of a mean', () => {
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.mean).toBe(3);
    // t(0.975, 4) = 2.776445; sd = 1.581139; half-width = 1.963243.
    expect(e.ci95[0]).toBeCloseTo(3 - 1.963243, 4);
    expect(tQuantile975(29)).toBeCloseTo(2.04523, 3);
    expect(tQuantile975(40)).toBeCloseTo(2.02108, 4);
    expect(tQuantile975(1000)).toBeCloseTo(1.96234, 4);
  });

  it('bootstraps a paired lift around its point estimate', () => {
    const b = Array.from({ length: 50 }, (_, i) => 1 + (i % 5) / 10);
    const a = b.map((x) => x * 1.3);
    const lift = pairedLift(a, b, createRng(1));
    expect(lift.estimate).toBeCloseTo(0.3, 10);
    expect(lift.ci95[0]).toBeCloseTo(0.3, 10);
    expect(lift.ci95[1]).toBeCloseTo(0.3, 10);
  });
});
