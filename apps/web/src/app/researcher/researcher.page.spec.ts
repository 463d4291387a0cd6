import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RESEARCHER_TOKEN_ITEM } from './auth/researcher-auth.service';
import { researcherGuard } from './auth/researcher.guard';
import ResearcherPage from './researcher.page';
import { openPage, setupResearcher, type, unnamedControls } from '../testing/fake-api';

@Component({ template: '<p data-testid="studies-stub">studies</p>' })
class StudiesStub {}

const routes = [
  { path: 'researcher', component: ResearcherPage },
  { path: 'researcher/studies', component: StudiesStub, canActivate: [researcherGuard] },
];

describe('ResearcherPage (sign-in)', () => {
  it('reports wrong credentials and stays on the sign-in page', async () => {
    const api = setupResearcher(routes, { token: null }).on('POST', '/api/auth/login', { status: 401 });
    const page = await openPage('/researcher');
    const email = page.byTestId<HTMLInputElement>('researcher-email');
    expect(email?.labels?.[0]?.textContent).toBe('E-mail');
    expect(unnamedControls(page.root())).toEqual([]);
    type(email, 'r@attune.test');
    type(page.byTestId('researcher-password') as HTMLInputElement, 'nope');
    page.byTestId('researcher-login')?.click();
    await page.settle();
    expect(api.lastCall('POST', '/api/auth/login').body).toEqual({ email: 'r@attune.test', password: 'nope' });
    expect(page.byTestId('researcher-error')?.textContent).toBe('Wrong e-mail or password');
    expect(TestBed.inject(Router).url).toBe('/researcher');
  });

  it('asks for both fields before calling the server', async () => {
    const api = setupResearcher(routes, { token: null });
    const page = await openPage('/researcher');
    page.byTestId('researcher-login')?.click();
    await page.settle();
    expect(api.calls).toHaveLength(0);
    expect(page.byTestId<HTMLInputElement>('researcher-email')?.validity.valueMissing).toBe(true);
  });

  it('keeps the token in this tab and opens the studies after signing in', async () => {
    setupResearcher(routes, { token: null }).on('POST', '/api/auth/login', { body: { token: 'tok-1' } });
    const page = await openPage('/researcher');
    type(page.byTestId('researcher-email') as HTMLInputElement, 'r@attune.test');
    type(page.byTestId('researcher-password') as HTMLInputElement, 'right');
    page.byTestId('researcher-login')?.click();
    await page.settle();
    expect(sessionStorage.getItem(RESEARCHER_TOKEN_ITEM)).toBe('tok-1');
    expect(TestBed.inject(Router).url).toBe('/researcher/studies');
  });

  it('sends a researcher already signed in in this tab straight to the studies', async () => {
    setupResearcher(routes, { token: 'kept' });
    await openPage('/researcher');
    expect(TestBed.inject(Router).url).toBe('/researcher/studies');
  });

  it('guards dashboard pages: without a token they lead to the sign-in page', async () => {
    setupResearcher(routes, { token: null });
    const page = await openPage('/researcher/studies');
    expect(TestBed.inject(Router).url).toBe('/researcher');
    expect(page.byTestId('researcher-email')).not.toBeNull();
  });
});
