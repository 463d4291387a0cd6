import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRng } from '@attune/experiments';

const ROOT = join(__dirname, '../../../..');
// SciPy reference values and the data sets they were computed on (libs/experiments/src/lib/reference/make-reference.py).
const { data, values: REF } = JSON.parse(
  readFileSync(join(ROOT, 'libs/experiments/src/lib/reference/reference-values.json'), 'utf8'),
);
const ref = (name: string) => REF[name].expected;

/** Runs the CLI exactly as `npm run -s attune -- …` does. */
async function attune(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' } },
    );
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').slice(-1)[0]);

jest.setTimeout(60_000);

describe('attune analyze', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'attune-analyze-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  /**
   * The fixture of experiment-analysis.spec.ts, written the way spreadsheets write CSV: a BOM,
   * CRLF, quoted fields, a blank line and the columns in another order. rating: A = ties_control,
   * B = ties_treatment, C = tiny_treatment; score: A = uneq_control, B = uneq_treatment.
   */
  const fixtureCsv = () => {
    const lines = ['\uFEFFarm,participant_id,"metric",value'];
    const add = (arm: string, metric: string, values: number[]) =>
      values.forEach((v, i) => lines.push(`"${arm}",${arm}-${i + 1},${metric},"${v}"`));
    add('A', 'rating', data.ties_control);
    add('B', 'rating', data.ties_treatment);
    lines.push('');
    add('C', 'rating', data.tiny_treatment);
    add('A', 'score', data.uneq_control);
    add('B', 'score', data.uneq_treatment);
    return lines.join('\r\n') + '\r\n';
  };

  it('prints one JSON object whose numbers agree with SciPy', async () => {
    const input = file('fixture.csv', fixtureCsv());
    const { stdout, code } = await attune('analyze', '--input', input, '--control', 'A', '--weights', 'A=1,B=1,C=1', '--json');
    expect(code).toBe(0);
    const out = lastJson(stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['arms', 'comparisons', 'srm']));
    expect(out.arms.B.score.n).toBe(20);
    expect(out.arms.B.score.mean).toBeCloseTo(ref('summary uneq_treatment').mean, 10);
    expect(out.arms.B.score.sd).toBeCloseTo(ref('summary uneq_treatment').sd, 10);
    expect(out.arms.C.rating.sd).toBeCloseTo(ref('summary tiny_treatment').sd, 10);

    const find = (arm: string, metric: string) =>
      out.comparisons.find((c: { arm: string; metric: string }) => c.arm === arm && c.metric === metric);
    expect(out.comparisons).toHaveLength(3);
    for (const [arm, metric, pair] of [['B', 'rating', 'ties'], ['B', 'score', 'uneq']]) {
      const c = find(arm, metric);
      const welch = ref(`welch ${pair}`);
      expect(c).toMatchObject({ arm, control: 'A', metric });
      expect(c.diff).toBeCloseTo(welch.diff, 10);
      expect(c.ciLow).toBeCloseTo(welch.ciLow, 9);
      expect(c.ciHigh).toBeCloseTo(welch.ciHigh, 9);
      expect(c.pWelch).toBeCloseTo(welch.p, 9);
      expect(c.df).toBeCloseTo(welch.df, 9);
      expect(c.pMannWhitney).toBeCloseTo(ref(`mannwhitney ${pair}`).p, 9);
      expect(c.chanceToBeat).toBeCloseTo(ref(`chanceToBeat ${pair}`), 9);
      expect(c.bootstrapCiLow).toBeLessThan(c.diff);
      expect(c.bootstrapCiHigh).toBeGreaterThan(c.diff);
    }
    expect(find('C', 'rating').pWelch).toBeCloseTo(ref('welch C vs A ties').p, 9);
    expect(find('C', 'rating').pMannWhitney).toBeCloseTo(ref('mannwhitney C vs A ties'), 9);
    // Holm over the two arms of "rating": 2·min(p), then max(that, the other p)
    const [pb, pc] = [ref('welch ties').p, ref('welch C vs A ties').p];
    expect(find('C', 'rating').pHolm).toBeCloseTo(2 * pc, 9);
    expect(find('B', 'rating').pHolm).toBeCloseTo(Math.max(2 * pc, pb), 9);
    expect(out.srm.chi2).toBeCloseTo(ref('srm analysis').chi2, 9);
    expect(out.srm.p).toBeCloseTo(ref('srm analysis').p, 10);
  });

  it('reproduces its bootstrap under a seed', async () => {
    const input = file('seeded.csv', fixtureCsv());
    const run = async (seed: string) =>
      lastJson((await attune('analyze', '--input', input, '--control', 'A', '--weights', 'A=2,B=1,C=1', '--json', '--seed', seed, '--bootstrap', '500')).stdout);
    const [a, b, c] = [await run('5'), await run('5'), await run('6')];
    expect(a).toEqual(b);
    expect(a.comparisons[0].bootstrapCiLow).not.toBe(c.comparisons[0].bootstrapCiLow);
    expect(a.srm.p).toBeCloseTo(ref('srm analysis 2:1:1').p, 12);
  });

  it('prints a readable table without --json', async () => {
    const input = file('table.csv', fixtureCsv());
    const { stdout, code } = await attune('analyze', '--input', input, '--control', 'A', '--weights', 'A=1,B=1,C=1');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^arm\s+metric\s+n\s+mean\s+sd/);
    expect(stdout).toContain('B vs A');
    expect(stdout).toMatch(/SRM: chi2 = 12\.0526, df = 2, p = 0\.0024/);
  });

  it('names the line of a malformed row and exits 1', async () => {
    const input = file('bad.csv', 'participant_id,arm,metric,value\r\np1,a,m,1\r\n\r\np2,b,m,4,extra\r\n');
    const { stdout, stderr, code } = await attune('analyze', '--input', input, '--control', 'a', '--weights', 'a=1,b=1', '--json');
    expect(code).toBe(1);
    expect(stderr).toContain('bad.csv: line 4: 5 fields, the header has 4');
    expect(lastJson(stdout).error).toMatch(/line 4/);
    const noNumber = file('nan.csv', 'participant_id,arm,metric,value\np1,a,m,1\np2,b,m,n/a\n');
    const r = await attune('analyze', '--input', noNumber, '--control', 'a', '--weights', 'a=1,b=1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 3: value "n/a" is not a number');
  });

  it('refuses a missing control arm and weights that do not cover the arms', async () => {
    const input = file('arms.csv', fixtureCsv());
    const noControl = await attune('analyze', '--input', input, '--control', 'X', '--weights', 'A=1,B=1,C=1');
    expect(noControl.code).toBe(1);
    expect(noControl.stderr).toContain('control arm "X" has no rows (arms in the data: A, B, C)');
    const partial = await attune('analyze', '--input', input, '--control', 'A', '--weights', 'A=0.5,B=0.5');
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('no weight for arm(s) C');
    const badWeights = await attune('analyze', '--input', input, '--control', 'A', '--weights', 'A=1,B=-1,C=1');
    expect(badWeights.code).toBe(1);
    expect(badWeights.stderr).toContain('--weights: "B=-1"');
    const missing = await attune('analyze', '--input', join(dir, 'nothing.csv'), '--control', 'A', '--weights', 'A=1');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });

  it('runs on any CSV of that shape (seeded random arms, metrics, gaps and single values)', async () => {
    const rng = createRng(6);
    const arms = ['control', 'arm one', 'arm,two', 'x'];
    const lines = ['participant_id,arm,metric,value'];
    for (let p = 0; p < 120; p++) {
      const arm = arms[Math.floor(rng() * (p < 100 ? 3 : 4))];
      for (const metric of ['rating', 'mood shift', 'skip']) {
        if (rng() < 0.2) continue;
        const value = metric === 'skip' ? Number(rng() < 0.3) : metric === 'rating' ? 1 + Math.floor(rng() * 5) : rng() * 2 - 1;
        lines.push(`p${p},"${arm}",${metric},${value}`);
      }
    }
    const input = file('random.csv', lines.join('\n'));
    const { stdout, code } = await attune(
      'analyze', '--input', input, '--control', 'control', '--weights', 'control=1,arm one=1,"arm,two"=1,x=0.1', '--json',
    );
    // a comma in an arm name cannot be weighted on the command line: that is a clear error, not a crash
    expect(code).toBe(1);
    expect(lastJson(stdout).error).toMatch(/--weights/);
    const renamed = file('random2.csv', lines.join('\n').replace(/arm,two/g, 'arm two'));
    const ok = await attune('analyze', '--input', renamed, '--control', 'control', '--weights', 'control=1,arm one=1,arm two=1,x=0.2', '--json');
    expect(ok.code).toBe(0);
    const out = lastJson(ok.stdout);
    expect(Object.keys(out.arms).sort()).toEqual(['arm one', 'arm two', 'control', 'x']);
    expect(out.comparisons).toHaveLength(9);
    for (const c of out.comparisons) {
      expect(c.pWelch === null || (c.pWelch >= 0 && c.pWelch <= 1)).toBe(true);
      expect(c.pMannWhitney >= 0 && c.pMannWhitney <= 1).toBe(true);
    }
    expect(out.srm.p).toBeGreaterThanOrEqual(0);
  });
});
