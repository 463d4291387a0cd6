import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { RESEARCHER_EVENTS, SERVER_EVENTS } from '@attune/protocol';
import { LoginApi } from '../core/login-api';
import { SESSION_STORAGE } from '../core/session-storage.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { SESSION_ID, recommendation } from '../testing/fixtures';
import { RESEARCHER_TOKEN_ITEM } from './researcher-session.service';
import ResearcherPage from './researcher.page';

const ENDED_ID = '1c2d3e4f-8a1b-4c3d-9e2f-0a1b2c3d4e5f';

async function open(url: string, clearStorage = true) {
  const socket = new FakeSocket();
  const factory = fakeSocketFactory(socket);
  const login = jest.fn<ReturnType<LoginApi['login']>, Parameters<LoginApi['login']>>();
  if (clearStorage) sessionStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: 'researcher', component: ResearcherPage }]),
      { provide: SOCKET_FACTORY, useValue: factory },
      { provide: SESSION_STORAGE, useValue: sessionStorage },
      { provide: LoginApi, useValue: { login } },
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url, ResearcherPage);
  const byTestId = <T extends HTMLElement = HTMLElement>(id: string) =>
    harness.routeNativeElement?.querySelector<T>(`[data-testid="${id}"]`) ?? null;
  const all = (id: string) => [
    ...(harness.routeNativeElement?.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`) ?? []),
  ];
  /** Lets awaited acks resolve, then re-renders. */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  };
  return { harness, socket, factory, byTestId, all, settle, login };
}

describe('ResearcherPage', () => {
  // jsdom has no canvas; the chart then stays an empty frame, which is all these tests look at.
  beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
  afterEach(() => jest.restoreAllMocks());

  it('asks for e-mail and password and reports wrong credentials', async () => {
    const { factory, byTestId, settle, login } = await open('/researcher');
    const email = byTestId<HTMLInputElement>('researcher-email');
    const password = byTestId<HTMLInputElement>('researcher-password');
    if (!email || !password) throw new Error('no sign-in form');
    expect(email.labels?.[0]?.textContent).toBe('E-mail');
    expect(password.labels?.[0]?.textContent).toBe('Password');

    login.mockResolvedValue({ ok: false, message: 'Wrong e-mail or password' });
    email.value = 'r@attune.test';
    password.value = 'nope';
    byTestId('researcher-login')?.click();
    await settle();
    expect(login).toHaveBeenCalledWith('r@attune.test', 'nope');
    expect(factory.opened).toHaveLength(0);
    expect(byTestId('researcher-error')?.textContent).toBe('Wrong e-mail or password');
  });

  it('reconnects with the token kept in this tab', async () => {
    sessionStorage.setItem(RESEARCHER_TOKEN_ITEM, 'kept-token');
    const { factory, socket, byTestId, settle } = await open('/researcher', false);
    expect(factory.opened[0].opts.auth).toEqual({ token: 'kept-token' });
    socket.acceptConnection();
    await settle();
    expect(byTestId('session-list')).not.toBeNull();
  });

  it('lists sessions, and shows the timeline and track of the selected one', async () => {
    sessionStorage.setItem(RESEARCHER_TOKEN_ITEM, 'secret');
    const { socket, byTestId, all, settle } = await open('/researcher', false);
    socket.acceptConnection();
    socket.fire(SERVER_EVENTS.sessions, [
      {
        id: ENDED_ID,
        studyId: null,
        participantCode: 'P-ended',
        startedAt: '2026-01-01T09:00:00Z',
        endedAt: '2026-01-01T09:10:00Z',
        live: false,
      },
      {
        id: SESSION_ID,
        studyId: null,
        participantCode: 'P-live',
        startedAt: '2026-01-01T10:00:00Z',
        endedAt: null,
        live: true,
      },
    ]);
    await settle();

    const items = all('session-item');
    expect(items.map((item) => item.querySelector('.code')?.textContent)).toEqual(['P-live', 'P-ended']);
    expect(items.map((item) => item.querySelector('.badge')?.textContent)).toEqual(['live', 'ended']);
    expect(byTestId('timeline-chart')).toBeNull();

    items[0].click();
    socket.lastRequest(RESEARCHER_EVENTS.watch).reply({ ok: true, data: { samples: [], current: null } });
    socket.fire(SERVER_EVENTS.recommendation, recommendation());
    await settle();

    expect(items[0].getAttribute('aria-pressed')).toBe('true');
    expect(byTestId('timeline-chart')?.querySelector('canvas')).not.toBeNull();
    expect(byTestId('current-track')?.textContent).toContain('Morning Light — Ada Example');
  });
});
