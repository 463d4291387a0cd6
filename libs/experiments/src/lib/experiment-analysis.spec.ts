import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisInputError, analyzeExperiment, describeArms, type Comparison } from './experiment-analysis';
import { holmAdjust } from './holm';
import type { Observation } from './observations-csv';

// Expected values: reference/reference-values.json (SciPy; see reference/make-reference.py).
const { data, values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));
const ref = (name: string) => REF[name].expected;

/**
 * The analysis fixture (also used by the CLI spec): metric "rating" has A = ties_control,
 * B = ties_treatment, C = tiny_treatment; metric "score" has A = uneq_control, B = uneq_treatment.
 * Participant i of an arm gives its i-th value of each metric, so A, B, C have 15, 20 and 3
 * distinct participants.
 */
function analysisFixture(): Observation[] {
  const rows: Observation[] = [];
  const add = (arm: string, metric: string, values: number[]) =>
    values.forEach((value, i) => rows.push({ participantId: `${arm}-${i + 1}`, arm, metric, value }));
  add('A', 'rating', data.ties_control);
  add('B', 'rating', data.ties_treatment);
  add('C', 'rating', data.tiny_treatment);
  add('A', 'score', data.uneq_control);
  add('B', 'score', data.uneq_treatment);
  return rows;
}

describe('experiment analysis', () => {
  const result = analyzeExperiment(analysisFixture(), { control: 'A', weights: { A: 1, B: 1, C: 1 } });
  const comparison = (arm: string, metric: string) => result.comparisons.find((c) => c.arm === arm && c.metric === metric) as Comparison;

  it('summarizes every arm and metric', () => {
    expect(Object.keys(result.arms)).toEqual(['A', 'B', 'C']);
    const b = result.arms['B']['score'];
    expect(b.n).toBe(20);
    expect(b.mean).toBeCloseTo(ref('summary uneq_treatment').mean, 12);
    expect(b.sd).toBeCloseTo(ref('summary uneq_treatment').sd, 12);
    expect(result.arms['C']['score']).toBeUndefined();
  });

  it('compares each arm with control like SciPy', () => {
    expect(result.comparisons.map((c) => `${c.metric}:${c.arm}`)).toEqual(['rating:B', 'rating:C', 'score:B']);
    const rating = comparison('B', 'rating');
    expect(rating.control).toBe('A');
    expect(rating.diff).toBeCloseTo(ref('welch ties').diff, 12);
    expect(rating.ciLow).toBeCloseTo(ref('welch ties').ciLow, 10);
    expect(rating.ciHigh).toBeCloseTo(ref('welch ties').ciHigh, 10);
    expect(rating.pWelch).toBeCloseTo(ref('welch ties').p, 10);
    expect(rating.df).toBeCloseTo(ref('welch ties').df, 10);
    expect(rating.pMannWhitney).toBeCloseTo(ref('mannwhitney ties').p, 10);
    expect(rating.chanceToBeat).toBeCloseTo(ref('chanceToBeat ties'), 10);
    const score = comparison('B', 'score');
    expect(score.pWelch).toBeCloseTo(ref('welch uneq').p, 10);
    expect(score.pMannWhitney).toBeCloseTo(ref('mannwhitney uneq').p, 10);
    expect(comparison('C', 'rating').pWelch).toBeCloseTo(ref('welch C vs A ties').p, 10);
    expect(comparison('C', 'rating').pMannWhitney).toBeCloseTo(ref('mannwhitney C vs A ties'), 10);
  });

  it('adjusts p-values with Holm across the arms of one metric', () => {
    const [pb, pc] = holmAdjust([ref('welch ties').p, ref('welch C vs A ties').p]);
    expect(comparison('B', 'rating').pHolm).toBeCloseTo(pb, 10);
    expect(comparison('C', 'rating').pHolm).toBeCloseTo(pc, 10);
    expect(comparison('B', 'score').pHolm).toBeCloseTo(ref('welch uneq').p, 10); // one arm: unadjusted
  });

  it('checks the sample ratio on distinct participants', () => {
    expect(result.srm.participants).toEqual({ A: 15, B: 20, C: 3 });
    expect(result.srm.chi2).toBeCloseTo(ref('srm analysis').chi2, 10);
    expect(result.srm.p).toBeCloseTo(ref('srm analysis').p, 12);
    const weighted = analyzeExperiment(analysisFixture(), { control: 'A', weights: { A: 2, B: 1, C: 1 }, bootstrapResamples: 0 });
    expect(weighted.srm.p).toBeCloseTo(ref('srm analysis 2:1:1').p, 12);
    expect(weighted.comparisons[0].bootstrapCiLow).toBeNull();
  });

  it('adds a seeded bootstrap interval near the Welch one', () => {
    const again = analyzeExperiment(analysisFixture(), { control: 'A', weights: { A: 1, B: 1, C: 1 } });
    expect(again.comparisons).toEqual(result.comparisons);
    const score = comparison('B', 'score');
    expect(score.bootstrapCiLow).toBeGreaterThan(score.ciLow - 0.3);
    expect(score.bootstrapCiHigh).toBeLessThan(score.ciHigh + 0.3);
    const other = analyzeExperiment(analysisFixture(), { control: 'A', weights: { A: 1, B: 1, C: 1 }, seed: 99 });
    expect(other.comparisons[2].bootstrapCiLow).not.toBe(score.bootstrapCiLow);
  });

  it('refuses a missing control and weights that do not cover the arms', () => {
    expect(() => analyzeExperiment(analysisFixture(), { control: 'Z', weights: { A: 1, B: 1, C: 1 } })).toThrow(
      new AnalysisInputError('control arm "Z" has no rows (arms in the data: A, B, C)'),
    );
    expect(() => analyzeExperiment(analysisFixture(), { control: 'A', weights: { A: 1, B: 1 } })).toThrow(/no weight for arm\(s\) C/);
    expect(() => analyzeExperiment(analysisFixture(), { control: 'A', weights: { A: 1, B: 1, C: 0 } })).toThrow(/positive/);
  });

  it('warns about a participant in two arms and an empty weighted arm, and counts it in SRM', () => {
    const rows = [...analysisFixture(), { participantId: 'A-1', arm: 'B', metric: 'rating', value: 3 }];
    const r = analyzeExperiment(rows, { control: 'A', weights: { A: 1, B: 1, C: 1, D: 1 }, bootstrapResamples: 0 });
    expect(r.warnings).toEqual([
      'participant A-1 appears in arms A, B',
      'no rows for weighted arm(s) D (counted as 0 in the SRM check)',
      'arm "C" has no "score" rows; that comparison is left out',
    ]);
    expect(r.srm.participants).toEqual({ A: 15, B: 21, C: 3, D: 0 });
    expect(r.srm.df).toBe(3);
  });

  it('can make participants the unit by averaging their values first', () => {
    const rows: Observation[] = [
      ...['p1', 'p1', 'p2', 'p3'].map((participantId, i) => ({ participantId, arm: 'a', metric: 'm', value: [1, 3, 4, 6][i] })),
      ...['q1', 'q2'].map((participantId, i) => ({ participantId, arm: 'b', metric: 'm', value: [5, 7][i] })),
    ];
    const r = analyzeExperiment(rows, { control: 'a', weights: { a: 1, b: 1 }, perParticipant: true, bootstrapResamples: 0 });
    expect(r.arms['a']['m']).toEqual({ n: 3, mean: 4, sd: 2 });
    expect(analyzeExperiment(rows, { control: 'a', weights: { a: 1, b: 1 }, bootstrapResamples: 0 }).arms['a']['m'].n).toBe(4);
  });

  it('describes the arms without a control, like the full analysis does', () => {
    const rows: Observation[] = ['q1', 'q1', 'q2'].map((participantId, i) => ({ participantId, arm: 'b', metric: 'm', value: [4, 6, 7][i] }));
    expect(() => analyzeExperiment(rows, { control: 'a', weights: { a: 1, b: 1 } })).toThrow(AnalysisInputError);
    expect(describeArms(rows, { perParticipant: true })).toEqual({ b: { m: { n: 2, mean: 6, sd: Math.SQRT2 } } });
    expect(describeArms(rows)['b']['m'].n).toBe(3);
    const full = analyzeExperiment(analysisFixture(), { control: 'A', weights: { A: 1, B: 1, C: 1 }, bootstrapResamples: 0 });
    expect(describeArms(analysisFixture())).toEqual(full.arms);
  });
});
