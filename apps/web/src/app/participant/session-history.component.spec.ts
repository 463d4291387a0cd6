import { TestBed } from '@angular/core/testing';
import { PARTICIPANT_EVENTS, SERVER_EVENTS, type MoodUpdate } from '@attune/protocol';
import { CAMERA } from '../core/camera.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { estimate, recommendation, sessionStarted, SESSION_ID } from '../testing/fixtures';
import { ParticipantSessionService } from './participant-session.service';
import { SessionHistoryComponent } from './session-history.component';

const mood = (label: 'happy' | 'sad', at: number, overridden = false): MoodUpdate => ({
  sessionId: SESSION_ID,
  at,
  estimate: estimate(label, 0.8),
  fused: { ...estimate(label, 0.8), modality: 'fused' },
  contributions: [],
  ...(overridden ? { overridden } : {}),
});

describe('SessionHistoryComponent', () => {
  it('lists mood changes and tracks with why they came; keeps them after the session ends', async () => {
    const socket = new FakeSocket();
    TestBed.configureTestingModule({
      imports: [SessionHistoryComponent],
      providers: [
        ParticipantSessionService,
        { provide: SOCKET_FACTORY, useValue: fakeSocketFactory(socket) },
        { provide: CAMERA, useValue: { getUserMedia: jest.fn().mockResolvedValue({ getTracks: () => [] }) } },
      ],
    });
    const fixture = TestBed.createComponent(SessionHistoryComponent);
    const el = fixture.nativeElement as HTMLElement;
    const render = async () => {
      await new Promise((r) => setTimeout(r));
      await fixture.whenStable();
    };
    await render();
    expect(el.textContent).toContain('No mood yet.');
    expect(el.textContent).toContain('No track yet.');

    const session = TestBed.inject(ParticipantSessionService);
    await session.start(async () => null);
    socket.acceptConnection();
    socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
    await render();
    socket.fire(SERVER_EVENTS.mood, mood('happy', 1000));
    await render();
    socket.fire(SERVER_EVENTS.mood, mood('happy', 2000));
    socket.fire(SERVER_EVENTS.recommendation, recommendation());
    await render();
    socket.fire(SERVER_EVENTS.mood, mood('sad', 3000, true));
    socket.fire(
      SERVER_EVENTS.recommendation,
      recommendation({ recommendationId: '9a8b7c6d-1111-4222-8333-444455556667', trigger: 'mood-override' }),
    );
    await render();

    const moods = [...Array.from(el.querySelectorAll('[data-testid="history-moods"] li'))].map((li) => li.textContent);
    expect(moods).toHaveLength(2);
    expect(moods[0]).toMatch(/happy\s+80%/);
    expect(moods[1]).toMatch(/sad\s+\(your choice\)/);
    const tracks = [...Array.from(el.querySelectorAll('[data-testid="history-tracks"] li'))].map(
      (li) => li.textContent,
    );
    expect(tracks).toHaveLength(2);
    expect(tracks[0]).toContain('Morning Light — Ada Example');
    expect(tracks[0]).toContain('(first track)');
    expect(tracks[1]).toContain('(you chose your mood)');

    session.stop();
    await render();
    expect(el.querySelectorAll('[data-testid="history-tracks"] li')).toHaveLength(2);
  });
});
