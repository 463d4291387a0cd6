import type { ModelCard } from '../data-access/api-types';
import { openPage, setupResearcher, unnamedControls } from '../../testing/fake-api';
import ModelsPage from './models.page';

const card: ModelCard = {
  id: 'ckplus48-fast',
  title: 'Model card: ckplus48-fast',
  card: '# Model card: ckplus48-fast\n\nA CNN.',
  metrics: { meanAccuracy: 0.8488, complete: true },
  confusion: {
    labels: ['happy', 'sad'],
    matrix: [
      [9, 1],
      [2, 8],
    ],
  },
  figures: [
    {
      name: 'ckplus48-fast.ckplus48-confusion.png',
      url: '/api/models/ckplus48-fast/figures/ckplus48-fast.ckplus48-confusion.png',
    },
  ],
};

describe('ModelsPage', () => {
  it('shows each model with its metrics, confusion matrix, card and (on request) figures', async () => {
    const api = setupResearcher([{ path: 'researcher/models', component: ModelsPage }])
      .on('GET', '/api/models', { body: [card] })
      .on('GET', '/api/models/ckplus48-fast/figures/ckplus48-fast.ckplus48-confusion.png', { body: new Blob(['png']) });
    URL.createObjectURL = jest.fn(() => 'blob:figure');
    URL.revokeObjectURL = jest.fn();
    const page = await openPage('/researcher/models');
    const model = page.byTestId('model-card')!;
    expect(model.querySelector('h2')?.textContent).toBe('Model card: ckplus48-fast');
    expect(model.textContent).toContain('0.8488');
    const cells = Array.from(page.byTestId('confusion-matrix')!.querySelectorAll('td')).map((td) =>
      td.textContent?.trim(),
    );
    expect(cells).toEqual(['9', '1', '2', '8']);
    expect(unnamedControls(page.root())).toEqual([]);

    Array.from(model.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Show figure'))
      ?.click();
    await page.settle();
    expect(api.lastCall('GET', '/api/models/ckplus48-fast/figures/ckplus48-fast.ckplus48-confusion.png').auth).toBe(
      'Bearer test-token',
    );
    expect(model.querySelector('img')?.getAttribute('src')).toBe('blob:figure');
  });
});
