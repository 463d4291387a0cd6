import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { RESEARCHER_EVENTS, SERVER_EVENTS } from '@attune/protocol';
import { SESSION_STORAGE } from '../core/session-storage.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { SESSION_ID, recommendation } from '../testing/fixtures';
import ResearcherPage from './researcher.page';

const ENDED_ID = '1c2d3e4f-8a1b-4c3d-9e2f-0a1b2c3d4e5f';

async function open(url: string) {
  const socket = new FakeSocket();
  const factory = fakeSocketFactory(socket);
  sessionStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: 'researcher', component: ResearcherPage }]),
      { provide: SOCKET_FACTORY, useValue: factory },
      { provide: SESSION_STORAGE, useValue: sessionStorage },
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
  return { harness, socket, factory, byTestId, all, settle };
}

describe('ResearcherPage', () => {
  // jsdom has no canvas; the chart then stays an empty frame, which is all these tests look at.
  beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
  afterEach(() => jest.restoreAllMocks());

  it('asks for the researcher key and reports a wrong one', async () => {
    const { socket, factory, byTestId, settle } = await open('/researcher');
    const input = byTestId<HTMLInputElement>('researcher-key');
    if (!input) throw new Error('no key input');
    expect(input.labels?.[0]?.textContent).toBe('Researcher key');
    expect(factory.opened).toHaveLength(0);

    input.value = 'nope';
    byTestId('researcher-login')?.click();
    expect(factory.opened[0].opts.auth).toEqual({ key: 'nope' });

    socket.fire('connect_error', new Error('unauthorized'));
    await settle();
    expect(byTestId('researcher-error')?.textContent).toBe('Wrong researcher key');
    expect(byTestId('researcher-key')).not.toBeNull();
  });

  it('signs in with ?key= from the URL and removes it from the address', async () => {
    const { factory, socket, byTestId, settle } = await open('/researcher?key=from-link');
    expect(factory.opened[0].opts.auth).toEqual({ key: 'from-link' });
    socket.acceptConnection();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/researcher');
    expect(byTestId('session-list')).not.toBeNull();
  });

  it('lists sessions, and shows the timeline and track of the selected one', async () => {
    const { socket, byTestId, all, settle } = await open('/researcher?key=secret');
    socket.acceptConnection();
    socket.fire(SERVER_EVENTS.sessions, [
      {
        id: ENDED_ID,
        participantCode: 'P-ended',
        startedAt: '2026-01-01T09:00:00Z',
        endedAt: '2026-01-01T09:10:00Z',
        live: false,
      },
      { id: SESSION_ID, participantCode: 'P-live', startedAt: '2026-01-01T10:00:00Z', endedAt: null, live: true },
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
