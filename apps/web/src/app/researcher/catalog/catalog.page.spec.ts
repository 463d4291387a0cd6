import type { CatalogTrack } from '../data-access/api-types';
import { openPage, setupResearcher, type, unnamedControls } from '../../testing/fake-api';
import CatalogPage from './catalog.page';

const track = (id: string, title: string, emotion: CatalogTrack['emotion']): CatalogTrack => ({
  id,
  title,
  artist: 'Max McCracken',
  album: 'Singularity',
  emotion,
  genres: ['electronic'],
  valence: 0.2,
  arousal: -0.1,
  tempo: 120,
  energy: 0.5,
  durationSec: 30,
  licence: 'CC BY-SA 3.0',
  attribution: `"${title}" by Max McCracken`,
  audioUrl: `/api/tracks/${id}/audio`,
});

describe('CatalogPage', () => {
  beforeEach(() => {
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('lists the tracks, filters by emotion and text, and plays one', async () => {
    setupResearcher([{ path: 'researcher/catalog', component: CatalogPage }]).on('GET', '/api/catalog/tracks', {
      body: [
        track('t1', 'Through Space', 'happy'),
        track('t2', 'Deprecation', 'angry'),
        track('t3', 'Singularity', 'sad'),
      ],
    });
    const page = await openPage('/researcher/catalog');
    expect(page.byTestId('catalog-count')?.textContent).toBe('3 of 3 tracks');
    expect(page.byTestId('va-scatter')).not.toBeNull();
    expect(unnamedControls(page.root())).toEqual([]);

    type(page.byTestId('catalog-emotion') as HTMLSelectElement, 'angry');
    await page.settle();
    expect(page.byTestId('catalog-count')?.textContent).toBe('1 of 3 tracks');
    type(page.byTestId('catalog-emotion') as HTMLSelectElement, '');
    type(page.byTestId('catalog-search') as HTMLInputElement, 'space');
    await page.settle();
    expect(page.byTestId('catalog-list')?.textContent).toContain('Play Through Space');
    expect(page.byTestId('catalog-count')?.textContent).toBe('1 of 3 tracks');

    page.byTestId('catalog-list')?.querySelector('button')?.click();
    await page.settle();
    expect(page.byTestId<HTMLAudioElement>('catalog-player')?.getAttribute('src')).toBe('/api/tracks/t1/audio');
    expect(page.byTestId('catalog-now-playing')?.textContent).toContain('Through Space');
  });
});
