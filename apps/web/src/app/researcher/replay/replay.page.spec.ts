import { distribution } from '../../testing/fixtures';
import type { SessionReplay } from '../data-access/api-types';
import { openPage, setupResearcher, unnamedControls } from '../../testing/fake-api';
import ReplayPage from './replay.page';

const routes = [
  { path: 'researcher/sessions/:id/replay', component: ReplayPage },
  { path: '**', children: [] },
];
const sample = (at: number, modality: 'face' | 'fused') => ({
  at,
  modality,
  label: 'happy' as const,
  confidence: 0.8,
  valence: 0.6,
  arousal: 0.3,
  distribution: distribution('happy', 0.8),
});
const stored: SessionReplay = {
  sessionId: 'x1',
  samples: [sample(10_000, 'face'), sample(11_000, 'fused'), sample(20_000, 'face')],
  exposures: [
    {
      id: 'r1',
      shownAt: 10_500,
      playedAt: 11_000,
      trackId: 't1',
      title: 'Through Space',
      artist: 'Max',
      strategy: 'emotion-folder-random',
      trigger: 'start',
    },
  ],
  feedback: [{ at: 15_000, kind: 'like', value: null, exposureId: 'r1' }],
};

describe('ReplayPage', () => {
  beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
  afterEach(() => jest.restoreAllMocks());

  it('plays back the stored samples, tracks and feedback, up to the chosen position', async () => {
    setupResearcher(routes).on('GET', '/api/sessions/x1/replay', { body: stored });
    const page = await openPage('/researcher/sessions/x1/replay');
    const slider = page.byTestId<HTMLInputElement>('replay-position')!;
    expect(slider.max).toBe('10');
    expect(slider.value).toBe('10');
    expect(page.byTestId('modality-chart')?.querySelector('canvas')?.getAttribute('aria-label')).toContain(
      '2 track and feedback markers',
    );
    expect(page.byTestId('replay-events')?.textContent).toContain('Through Space');
    expect(page.byTestId('replay-events')?.textContent).toContain('feedback: like');

    slider.value = '2';
    slider.dispatchEvent(new Event('input'));
    await page.settle();
    expect(page.byTestId('modality-chart')?.querySelector('canvas')?.getAttribute('aria-label')).toContain(
      '1 track and feedback markers',
    );
    expect(unnamedControls(page.root())).toEqual([]);
  });

  it('says when nothing was stored, and reports a missing session', async () => {
    const api = setupResearcher(routes).on('GET', '/api/sessions/x1/replay', {
      body: { ...stored, samples: [], exposures: [], feedback: [] },
    });
    const page = await openPage('/researcher/sessions/x1/replay');
    expect(page.byTestId('replay-empty')).not.toBeNull();
    api.on('GET', '/api/sessions/x2/replay', { status: 404, body: { message: 'no session x2' } });
    await page.harness.navigateByUrl('/researcher/sessions/x2/replay');
    await page.settle();
    expect(page.byTestId('load-error')?.textContent).toContain('no session x2');
  });
});
