import type { ExperimentResults } from '../data-access/api-types';
import { openPage, setupResearcher, unnamedControls } from '../../testing/fake-api';
import ExperimentResultsPage from './experiment-results.page';
import { chanceRows, metricViews, srmMismatch } from './results-view';

const URL_ = '/api/studies/s1/experiments/e1/results';

function results(overrides: Partial<ExperimentResults> = {}): ExperimentResults {
  return {
    experiment: 'folder vs congruent',
    arms: {
      control: { like_rate: { n: 4, mean: 0.5, sd: 0.4 }, mood_shift_valence: { n: 4, mean: 0.1, sd: 0.2 } },
      treatment: { like_rate: { n: 1, mean: 1, sd: 0 } },
    },
    comparisons: [
      {
        arm: 'treatment',
        control: 'control',
        metric: 'like_rate',
        diff: 0.5,
        ciLow: -0.1,
        ciHigh: 1.1,
        pWelch: 0.2,
        pMannWhitney: 0.3,
        chanceToBeat: 0.87,
        pHolm: 0.2,
        bootstrapCiLow: null,
        bootstrapCiHigh: null,
      },
    ],
    warnings: [],
    assigned: { control: 4, treatment: 1 },
    srm: { chi2: 1.8, df: 1, p: 0.18, expected: [2.5, 2.5] },
    exposures: 7,
    sent: 9,
    ...overrides,
  };
}

const routes = [
  { path: 'researcher/experiments/:id/results', component: ExperimentResultsPage },
  { path: '**', children: [] },
];

describe('results view', () => {
  it('gives each arm a normal 95% CI of its mean, without width for a single participant', () => {
    const [like] = metricViews(results());
    expect(like.name).toBe('Like rate');
    expect(like.rows[0].low).toBeCloseTo(0.5 - (1.96 * 0.4) / 2, 10);
    expect(like.rows[1]).toMatchObject({ label: 'treatment', low: 1, high: 1, n: 1 });
  });

  it('flags SRM below p = 0.01 and draws chance to beat control from zero', () => {
    expect(srmMismatch(results())).toBe(false);
    expect(srmMismatch(results({ srm: { chi2: 9, df: 1, p: 0.003, expected: [5, 5] } }))).toBe(true);
    expect(srmMismatch(results({ srm: null }))).toBe(false);
    expect(chanceRows(results().comparisons)).toEqual([
      { label: 'treatment: Like rate', low: 0, high: 0.87, mid: 0.87 },
    ]);
  });
});

describe('ExperimentResultsPage', () => {
  beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
  afterEach(() => jest.restoreAllMocks());

  it('shows exposures, assignment, per-arm charts, mood shift and chance to beat control', async () => {
    const api = setupResearcher(routes).on('GET', URL_, { body: results() });
    const page = await openPage('/researcher/experiments/e1/results?study=s1');
    expect(api.lastCall('GET', URL_).auth).toBe('Bearer test-token');
    expect(page.byTestId('results-exposures')?.textContent).toBe('7');
    expect(page.byTestId('assigned-control')?.textContent).toBe('4');
    // The server's default control: the first arm key in order.
    expect(page.byTestId<HTMLSelectElement>('control-arm')?.value).toBe('control');
    expect(page.byTestId('srm-ok')).not.toBeNull();
    expect(page.byTestId('srm-warning')).toBeNull();
    // like rate, mood shift, chance to beat control
    expect(page.all('interval-chart')).toHaveLength(3);
    expect(page.byTestId('comparisons')?.textContent).toContain('87%');
    expect(unnamedControls(page.root())).toEqual([]);
  });

  it('warns of a sample ratio mismatch', async () => {
    setupResearcher(routes).on('GET', URL_, { body: results({ srm: { chi2: 9, df: 1, p: 0.003, expected: [5, 5] } }) });
    const page = await openPage('/researcher/experiments/e1/results?study=s1');
    expect(page.byTestId('srm-warning')?.getAttribute('role')).toBe('alert');
  });

  it('says when there is no data yet', async () => {
    setupResearcher(routes).on('GET', URL_, {
      body: results({
        arms: {},
        comparisons: [],
        warnings: ['not enough data for a comparison yet'],
        srm: null,
        exposures: 0,
      }),
    });
    const page = await openPage('/researcher/experiments/e1/results?study=s1');
    expect(page.byTestId('metrics-empty')).not.toBeNull();
    expect(page.byTestId('comparisons-empty')).not.toBeNull();
    expect(page.byTestId('results-warning')?.textContent).toContain('not enough data');
  });

  it('charts the arms with data while the control arm has none, and says why nothing is compared', async () => {
    setupResearcher(routes).on('GET', URL_, {
      body: results({
        arms: { treatment: { like_rate: { n: 3, mean: 0.6, sd: 0.2 } } },
        comparisons: [],
        comparisonsOmitted: {
          reason: 'control-has-no-data',
          message: 'comparisons need data in the control arm "control"',
        },
      }),
    });
    const page = await openPage('/researcher/experiments/e1/results?study=s1');
    expect(page.byTestId('metrics-empty')).toBeNull();
    expect(page.all('interval-chart')).toHaveLength(1);
    expect(page.root().textContent).toContain('Like rate');
    expect(page.byTestId('comparisons')).toBeNull();
    expect(page.byTestId('comparisons-empty')?.textContent).toContain(
      'The comparison needs data in the control arm (control)',
    );
  });

  it('asks again with another control arm', async () => {
    const api = setupResearcher(routes)
      .on('GET', URL_, { body: results() })
      .on('GET', '/api/studies/s1/experiments/e1/results?control=treatment', { body: results() });
    const page = await openPage('/researcher/experiments/e1/results?study=s1');
    const select = page.byTestId<HTMLSelectElement>('control-arm')!;
    select.value = 'treatment';
    select.dispatchEvent(new Event('change'));
    await page.settle();
    expect(api.lastCall('GET', '/api/studies/s1/experiments/e1/results?control=treatment')).toBeTruthy();
  });
});
