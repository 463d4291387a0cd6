import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleRatioMismatch } from './srm';

// reference/reference-values.json, "srm …": scipy.stats.chisquare(observed, f_exp=expected).
const { values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));

describe('sample ratio mismatch', () => {
  it.each([
    ['srm 2 arms', [5123, 4877], [0.5, 0.5]],
    ['srm 3 arms', [210, 395, 395], [1, 2, 2]],
    ['srm severe', [60, 140], [50, 50]],
  ])('%s matches scipy.stats.chisquare', (name, observed, weights) => {
    const e = REF[name as string].expected;
    const r = sampleRatioMismatch(observed as number[], weights as number[]);
    expect(r.chi2).toBeCloseTo(e.chi2, 10);
    expect(r.p / e.p).toBeCloseTo(1, 10);
    expect(r.df).toBe((observed as number[]).length - 1);
  });

  it('normalizes the weights and reports expected counts', () => {
    expect(sampleRatioMismatch([30, 70], [3, 7]).expected).toEqual([30, 70]);
    expect(sampleRatioMismatch([30, 70], [3, 7]).p).toBeCloseTo(1, 14);
  });

  it('refuses weights that do not fit', () => {
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(/one weight per arm/);
    expect(() => sampleRatioMismatch([1, 2], [1, 0])).toThrow(/positive/);
  });
});
