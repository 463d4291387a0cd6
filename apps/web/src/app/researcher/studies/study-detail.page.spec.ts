import { DOWNLOADER } from '../ui/downloader.token';
import { openPage, setupResearcher, type, unnamedControls } from '../../testing/fake-api';
import StudyDetailPage from './study-detail.page';

const S = '/api/studies/s1';
const study = {
  id: 's1',
  ownerId: 'r1',
  title: 'Music and mood',
  description: 'd',
  status: 'draft',
  createdAt: '2026-01-01T00:00:00Z',
};
const participant = {
  id: 'p1',
  code: 'P-abc',
  joinPath: '/join/P-abc',
  createdAt: '2026-01-01T00:00:00Z',
  consent: null,
};
const experiment = {
  id: 'e1',
  studyId: 's1',
  name: 'folder vs congruent',
  status: 'draft',
  arms: [
    { id: 'a1', key: 'control', strategy: 'emotion-folder-random', weight: 1 },
    { id: 'a2', key: 'treatment', strategy: 'mood-congruent', weight: 3 },
  ],
  createdAt: '2026-01-01T00:00:00Z',
};

async function open(saved: jest.Mock = jest.fn()) {
  const routes = [
    { path: 'researcher/studies/:id', component: StudyDetailPage },
    { path: '**', children: [] },
  ];
  const api = setupResearcher(routes, { providers: [{ provide: DOWNLOADER, useValue: saved }] })
    .on('GET', S, { body: study })
    .on('GET', `${S}/consent-forms`, { body: [] })
    .on('GET', `${S}/participants`, { body: [participant] })
    .on('GET', `${S}/withdrawals`, { body: [] })
    .on('GET', `${S}/experiments`, { body: [experiment] });
  const page = await openPage('/researcher/studies/s1');
  return { api, page, saved };
}

describe('StudyDetailPage', () => {
  it('shows the study with its consent forms, participants and experiments, every control named', async () => {
    const { page } = await open();
    expect(page.byTestId('study-heading')?.textContent).toBe('Music and mood');
    expect(page.root().textContent).toContain('No consent form yet');
    expect(page.all('participant-code').map((c) => c.textContent)).toEqual(['P-abc']);
    expect(page.byTestId('experiment-item')?.textContent).toContain('control: emotion-folder-random (25%)');
    expect(unnamedControls(page.root())).toEqual([]);
  });

  it('saves the study status', async () => {
    const { api, page } = await open();
    api.on('PATCH', S, { body: { ...study, status: 'running' } });
    type(page.byTestId('study-status') as HTMLSelectElement, 'running');
    page.byTestId('save-study')?.click();
    await page.settle();
    expect(api.lastCall('PATCH', S).body).toEqual({ title: 'Music and mood', description: 'd', status: 'running' });
    expect(page.byTestId('study-saved')?.textContent).toContain('running');
  });

  it('adds a consent form version with the chosen modalities', async () => {
    const { api, page } = await open();
    api.on('POST', `${S}/consent-forms`, { status: 201, body: {} });
    type(page.byTestId('consent-text') as HTMLTextAreaElement, '# Consent');
    page.byTestId<HTMLInputElement>('consent-modality-text')?.click();
    type(page.byTestId('consent-retention') as HTMLInputElement, '30');
    page.byTestId('add-consent-form')?.click();
    await page.settle();
    expect(api.lastCall('POST', `${S}/consent-forms`).body).toEqual({
      text: '# Consent',
      modalities: ['camera', 'text'],
      offersRawMediaStorage: false,
      retentionDays: 30,
    });
  });

  it('adds a participant, shows their consent log, and withdraws them only after confirmation', async () => {
    const { api, page } = await open();
    api
      .on('POST', `${S}/participants`, { status: 201, body: participant })
      .on('GET', `${S}/participants/p1/consent`, {
        body: [
          {
            formVersion: 1,
            choices: { camera: true, microphone: false, text: true, storeRawMedia: false },
            at: '2026-01-01T00:00:00Z',
          },
        ],
      })
      .on('DELETE', `${S}/participants/p1`, {
        body: { participantCode: 'P-abc', withdrawnAt: '2026-01-02T00:00:00Z' },
      });
    page.byTestId('add-participant')?.click();
    await page.settle();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1);

    const buttons = () => Array.from(page.byTestId('participant-item')!.querySelectorAll('button'));
    buttons()
      .find((b) => b.textContent?.includes('Consent log'))
      ?.click();
    await page.settle();
    expect(page.byTestId('participant-item')?.textContent).toContain('camera yes, microphone no');

    buttons()
      .find((b) => b.textContent?.includes('Withdraw'))
      ?.click();
    await page.settle();
    expect(api.calls.some((c) => c.method === 'DELETE')).toBe(false);
    buttons()
      .find((b) => b.textContent?.includes('Confirm'))
      ?.click();
    await page.settle();
    expect(api.lastCall('DELETE', `${S}/participants/p1`)).toBeTruthy();
  });

  it('creates an experiment from the arm rows and starts it', async () => {
    const { api, page } = await open();
    api
      .on('POST', `${S}/experiments`, { status: 201, body: experiment })
      .on('PATCH', `${S}/experiments/e1`, { body: { ...experiment, status: 'running' } });
    type(page.byTestId('experiment-name') as HTMLInputElement, 'A/B');
    type(page.byTestId('arm-key-1') as HTMLInputElement, 'iso');
    type(page.byTestId('arm-strategy-1') as HTMLInputElement, 'iso-principle');
    type(page.byTestId('arm-weight-1') as HTMLInputElement, '2');
    page.byTestId('create-experiment')?.click();
    await page.settle();
    expect(api.lastCall('POST', `${S}/experiments`).body).toEqual({
      name: 'A/B',
      arms: [
        { key: 'control', strategy: 'emotion-folder-random', weight: 1 },
        { key: 'iso', strategy: 'iso-principle', weight: 2 },
      ],
    });
    page.byTestId('experiment-running')?.click();
    await page.settle();
    expect(api.lastCall('PATCH', `${S}/experiments/e1`).body).toEqual({ status: 'running' });
    expect(page.byTestId('experiment-results-link')?.getAttribute('href')).toBe(
      '/researcher/experiments/e1/results?study=s1',
    );
  });

  it('downloads an export table in the chosen format', async () => {
    const { api, page, saved } = await open();
    api.on('GET', `${S}/export/exposures?format=json`, {
      body: new Blob(['[]']),
      headers: { 'Content-Disposition': 'attachment; filename="attune-s1-exposures.json"' },
    });
    type(page.byTestId('export-format') as HTMLSelectElement, 'json');
    page.byTestId('export-exposures')?.click();
    await page.settle();
    expect(saved).toHaveBeenCalledWith(expect.anything(), 'attune-s1-exposures.json');
  });
});
