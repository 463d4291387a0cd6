import { SERVER_EVENTS, RESEARCHER_EVENTS } from '@attune/protocol';
import { SOCKET_FACTORY } from '../../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../../testing/fake-socket';
import { SESSION_ID, emotionUpdate, recommendation } from '../../testing/fixtures';
import { openPage, setupResearcher, unnamedControls } from '../../testing/fake-api';
import LivePage from './live.page';

function open() {
  const socket = new FakeSocket();
  const factory = fakeSocketFactory(socket);
  setupResearcher(
    [
      { path: 'researcher/live', component: LivePage },
      { path: '**', children: [] },
    ],
    {
      providers: [{ provide: SOCKET_FACTORY, useValue: factory }],
    },
  );
  return { socket, factory };
}

describe('LivePage', () => {
  beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
  afterEach(() => jest.restoreAllMocks());

  it('connects with the token, shows progress until the list comes, then the watched session live', async () => {
    const { socket, factory } = open();
    const page = await openPage('/researcher/live');
    expect(factory.opened[0].opts.auth).toEqual({ token: 'test-token' });
    expect(page.root().querySelector('progress')?.getAttribute('aria-label')).toBe('Loading sessions');

    socket.acceptConnection();
    socket.fire(SERVER_EVENTS.sessions, [
      {
        id: SESSION_ID,
        studyId: 's1',
        participantCode: 'P-live',
        startedAt: '2026-01-01T10:00:00Z',
        endedAt: null,
        live: true,
      },
    ]);
    await page.settle();
    expect(page.byTestId('connection-status')?.textContent?.trim()).toBe('live');
    page.byTestId('session-item')?.click();
    socket.lastRequest(RESEARCHER_EVENTS.watch).reply({ ok: true, data: { samples: [], current: null } });
    socket.fire(SERVER_EVENTS.emotion, emotionUpdate(1, Date.parse('2026-01-01T10:00:01Z'), 'happy'));
    socket.fire(SERVER_EVENTS.recommendation, recommendation());
    socket.fire(SERVER_EVENTS.feedback, {
      sessionId: SESSION_ID,
      recommendationId: recommendation().recommendationId,
      kind: 'like',
      at: Date.parse('2026-01-01T10:00:02Z'),
    });
    await page.settle();

    expect(page.byTestId('modality-chart')?.querySelector('canvas')).not.toBeNull();
    expect(page.byTestId('timeline-chart')?.querySelector('canvas')).not.toBeNull();
    expect(page.byTestId('point-count')?.textContent).toContain('1 estimates, 1 tracks, 1 feedback');
    expect(page.byTestId('current-track')?.textContent).toContain('Morning Light — Ada Example');
    expect(page.byTestId('replay-link')?.getAttribute('href')).toBe(`/researcher/sessions/${SESSION_ID}/replay`);
    expect(unnamedControls(page.root())).toEqual([]);
  });

  it('says so when there are no sessions', async () => {
    const { socket } = open();
    const page = await openPage('/researcher/live');
    socket.acceptConnection();
    socket.fire(SERVER_EVENTS.sessions, []);
    await page.settle();
    expect(page.byTestId('session-list')?.textContent).toContain('No sessions yet.');
  });
});
