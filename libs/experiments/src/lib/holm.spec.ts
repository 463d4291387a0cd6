import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { holmAdjust } from './holm';

// reference/reference-values.json, "holm…": the step-down written out with NumPy in
// make-reference.py (statsmodels is not installed); the first case is also worked by hand below.
const { values: REF } = JSON.parse(readFileSync(join(__dirname, 'reference/reference-values.json'), 'utf8'));

describe('Holm adjustment', () => {
  it('matches the worked example', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 → running max 0.06
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    REF['holm'].expected.forEach((e: number, i: number) => expect(adjusted[i]).toBeCloseTo(e, 15));
    [0.03, 0.06, 0.06, 0.02].forEach((x, i) => expect(adjusted[i]).toBeCloseTo(x, 15));
  });

  it('caps at one and keeps input order', () => {
    const adjusted = holmAdjust([0.2, 0.6, 0.45, 0.01, 0.3]);
    REF['holm large'].expected.forEach((e: number, i: number) => expect(adjusted[i]).toBeCloseTo(e, 14));
  });

  it('leaves a single p-value alone and skips NaN', () => {
    expect(holmAdjust([0.04])).toEqual([0.04]);
    const r = holmAdjust([0.02, NaN, 0.04]);
    expect(r[0]).toBeCloseTo(0.04, 15);
    expect(Number.isNaN(r[1])).toBe(true);
    expect(r[2]).toBeCloseTo(0.04, 15);
  });
});
