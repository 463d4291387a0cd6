import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { openPage, setupResearcher, type, unnamedControls } from '../../testing/fake-api';
import StudiesPage from './studies.page';

const study = {
  id: 's1',
  ownerId: 'r1',
  title: 'Music and mood',
  description: '',
  status: 'draft',
  createdAt: '2026-01-01T00:00:00Z',
};
const routes = [
  { path: 'researcher/studies', component: StudiesPage },
  { path: 'researcher/studies/:id', children: [] },
];

describe('StudiesPage', () => {
  it('shows progress while loading, then the studies', async () => {
    const api = setupResearcher(routes)
      .on('GET', '/api/studies', { body: [study] })
      .hold('GET', '/api/studies');
    const page = await openPage('/researcher/studies');
    expect(page.byTestId('loading')?.querySelector('progress')?.getAttribute('aria-label')).toBe('Loading studies');
    api.release();
    await page.settle();
    expect(page.byTestId('loading')).toBeNull();
    expect(page.all('study-link').map((a) => a.textContent)).toEqual(['Music and mood']);
    expect(unnamedControls(page.root())).toEqual([]);
  });

  it('says when there are no studies, and shows a load error with a retry', async () => {
    const api = setupResearcher(routes).on('GET', '/api/studies', { status: 500, body: { message: 'db down' } });
    const page = await openPage('/researcher/studies');
    expect(page.byTestId('load-error')?.textContent).toContain('db down');
    api.on('GET', '/api/studies', { body: [] });
    page.byTestId('load-error')?.querySelector('button')?.click();
    await page.settle();
    expect(page.byTestId('studies-empty')).not.toBeNull();
  });

  it('creates a study and opens it', async () => {
    const api = setupResearcher(routes)
      .on('GET', '/api/studies', { body: [] })
      .on('POST', '/api/studies', { status: 201, body: study });
    const page = await openPage('/researcher/studies');
    type(page.byTestId('study-title') as HTMLInputElement, ' Music and mood ');
    type(page.byTestId('study-description') as HTMLTextAreaElement, 'Does music regulate mood?');
    page.byTestId('create-study')?.click();
    await page.settle();
    expect(api.lastCall('POST', '/api/studies').body).toEqual({
      title: 'Music and mood',
      description: 'Does music regulate mood?',
    });
    expect(TestBed.inject(Router).url).toBe('/researcher/studies/s1');
  });
});
