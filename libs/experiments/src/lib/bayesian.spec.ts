import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chanceToBeatControl } from './bayesian';
import { statsOf } from './sufficient-stats';

// reference/reference-values.json, "chanceToBeat <pair>":
// scipy.stats.norm.sf(0, loc=mean_t − mean_c, scale=sqrt(s_t²/n_t + s_c²/n_c)).
const { data, values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));

describe('chance to beat control', () => {
  it.each(['uneq', 'ties', 'tiny', 'large'])('%s matches the normal posterior computed with SciPy', (pair) => {
    const r = chanceToBeatControl(statsOf(data[`${pair}_treatment`]), statsOf(data[`${pair}_control`]));
    expect(r.chanceToBeat).toBeCloseTo(REF[`chanceToBeat ${pair}`].expected, 12);
  });

  it('is complementary when the arms swap, one half for equal means', () => {
    const a = statsOf(data.tiny_treatment);
    const b = statsOf(data.tiny_control);
    expect(chanceToBeatControl(a, b).chanceToBeat + chanceToBeatControl(b, a).chanceToBeat).toBeCloseTo(1, 14);
    expect(chanceToBeatControl(statsOf([1, 2, 3]), statsOf([3, 2, 1])).chanceToBeat).toBeCloseTo(0.5, 14);
  });

  it('gives a credible interval around the difference', () => {
    const r = chanceToBeatControl(statsOf(data.large_treatment), statsOf(data.large_control));
    expect(r.credibleLow).toBeLessThan(r.diff);
    expect(r.credibleHigh - r.diff).toBeCloseTo(1.959963984540054 * r.sd, 12);
  });
});
