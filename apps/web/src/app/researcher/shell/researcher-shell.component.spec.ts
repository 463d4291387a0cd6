import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { openPage, setupResearcher, unnamedControls } from '../../testing/fake-api';
import { RESEARCHER_TOKEN_ITEM, ResearcherAuth } from '../auth/researcher-auth.service';
import { ResearcherShellComponent } from './researcher-shell.component';

@Component({ template: '<p data-testid="child">page</p>' })
class ChildStub {}

const routes = [
  { path: 'researcher', children: [] },
  { path: 'researcher', component: ResearcherShellComponent, children: [{ path: 'studies', component: ChildStub }] },
];

describe('ResearcherShellComponent', () => {
  it('shows the sections, and signing out revokes the token and returns to the sign-in page', async () => {
    const api = setupResearcher(routes).on('POST', '/api/auth/logout', { status: 204 });
    const page = await openPage('/researcher/studies');
    const links = Array.from(page.harness.fixture.nativeElement.querySelectorAll('nav a') as NodeListOf<HTMLElement>);
    expect(links.map((a) => a.textContent?.trim())).toEqual(['Studies', 'Live sessions', 'Catalog', 'Models']);
    expect(links[0].getAttribute('aria-current')).toBe('page');
    expect(unnamedControls(page.harness.fixture.nativeElement)).toEqual([]);

    (page.harness.fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('[data-testid="sign-out"]')?.click();
    await page.settle();
    expect(api.lastCall('POST', '/api/auth/logout').auth).toBe('Bearer test-token');
    expect(sessionStorage.getItem(RESEARCHER_TOKEN_ITEM)).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/researcher');
  });

  it('leaves the dashboard when the server refuses the token', async () => {
    setupResearcher(routes);
    const page = await openPage('/researcher/studies');
    TestBed.inject(ResearcherAuth).forget('expired');
    await page.settle();
    expect(TestBed.inject(Router).url).toBe('/researcher');
  });
});
