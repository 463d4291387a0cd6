import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { PARTICIPANT_EVENTS, SERVER_EVENTS } from '@attune/protocol';
import { CAMERA } from '../core/camera.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { emotionUpdate, recommendation, sessionStarted } from '../testing/fixtures';
import ParticipantPage from './participant.page';

function setup(getUserMedia: jest.Mock) {
  const socket = new FakeSocket();
  TestBed.configureTestingModule({
    imports: [ParticipantPage],
    providers: [
      { provide: SOCKET_FACTORY, useValue: fakeSocketFactory(socket) },
      { provide: CAMERA, useValue: { getUserMedia } },
    ],
  });
  const fixture = TestBed.createComponent(ParticipantPage);
  const el = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  return { fixture, socket, byTestId };
}

/** Lets the service's awaited acks resolve (a macrotask), then waits for the re-render. */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('ParticipantPage', () => {
  let play: jest.SpyInstance;
  const cameraTrack = { stop: jest.fn() };
  const stream = { getTracks: () => [cameraTrack] } as unknown as MediaStream;

  beforeEach(() => {
    // jsdom implements no media playback.
    play = jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('renders title, consent note and all controls before a session', async () => {
    const { fixture, byTestId } = setup(jest.fn().mockResolvedValue(stream));
    await settle(fixture);

    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('Attune');
    expect(el.querySelector('.consent')?.textContent).toMatch(/not stored|never stored/);
    expect(byTestId('start-session')?.textContent?.trim()).toBe('Start session');
    expect(byTestId('emotion-label')?.textContent).toBe('—');
    expect(byTestId('emotion-confidence')?.textContent).toBe('—');
    expect(byTestId<HTMLAudioElement>('audio-player')?.controls).toBe(true);
    expect(byTestId('now-playing')?.textContent).toBe('Nothing yet');
    for (const id of ['feedback-like', 'feedback-dislike', 'feedback-skip']) {
      expect(byTestId<HTMLButtonElement>(id)?.disabled).toBe(true);
    }
    expect(byTestId('feedback-status')).not.toBeNull();
    expect(el.querySelector('video')?.muted).toBe(true);
  });

  it('runs a session: shows the emotion, plays the track and saves feedback', async () => {
    const { fixture, socket, byTestId } = setup(jest.fn().mockResolvedValue(stream));
    await settle(fixture);

    byTestId('start-session')?.click();
    await settle(fixture);
    socket.acceptConnection();
    socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
    await settle(fixture);
    expect(byTestId('end-session')).not.toBeNull();

    socket.fire(SERVER_EVENTS.emotion, emotionUpdate(1, 1000, 'happy'));
    await settle(fixture);
    expect(byTestId('emotion-label')?.textContent).toBe('happy');
    expect(byTestId('emotion-confidence')?.textContent).toBe('87%');

    socket.fire(SERVER_EVENTS.emotion, emotionUpdate(2, 1500, null));
    await settle(fixture);
    expect(byTestId('emotion-label')?.textContent).toBe('no face');

    socket.fire(SERVER_EVENTS.recommendation, recommendation());
    await settle(fixture);
    expect(byTestId('now-playing')?.textContent).toBe('Morning Light — Ada Example');
    expect(byTestId<HTMLAudioElement>('audio-player')?.src).toMatch(/\/api\/tracks\/track-1\/audio$/);
    expect(play).toHaveBeenCalled();
    expect(fixture.nativeElement.textContent).toContain('"Morning Light" by Ada Example, CC BY-SA 4.0');
    expect(fixture.nativeElement.textContent).toContain('You look happy, so here is something bright.');

    byTestId('feedback-like')?.click();
    await settle(fixture);
    expect(byTestId('feedback-status')?.textContent).toBe('Liked — saving…');
    socket
      .lastRequest(PARTICIPANT_EVENTS.feedback)
      .reply({ ok: true, data: { feedbackId: 'f', kind: 'like', duplicate: false } });
    await settle(fixture);
    expect(byTestId('feedback-status')?.textContent).toBe('Liked — saved');

    byTestId('audio-player')?.dispatchEvent(new Event('ended'));
    expect(socket.lastRequest(PARTICIPANT_EVENTS.trackEnded).payload).toEqual({
      recommendationId: recommendation().recommendationId,
    });

    byTestId('end-session')?.click();
    await settle(fixture);
    expect(cameraTrack.stop).toHaveBeenCalled();
    expect(byTestId('start-session')).not.toBeNull();
  });

  it('shows a clear message when the camera is denied', async () => {
    const { fixture, byTestId } = setup(jest.fn().mockRejectedValue(new DOMException('denied', 'NotAllowedError')));
    await settle(fixture);
    byTestId('start-session')?.click();
    await settle(fixture);
    expect(byTestId('session-error')?.textContent).toMatch(/Camera access was blocked/);
    expect(byTestId('start-session')).not.toBeNull();
  });
});
