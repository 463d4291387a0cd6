import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { PARTICIPANT_EVENTS, SERVER_EVENTS } from '@attune/protocol';
import { provideRouter, Router } from '@angular/router';
import { CAMERA } from '../core/camera.token';
import { FETCH } from '../core/login-api';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { emotionUpdate, recommendation, sessionStarted } from '../testing/fixtures';
import ParticipantPage from './participant.page';

const json = (status: number, body: unknown) =>
  ({ ok: status < 300, status, json: async () => body }) as unknown as Response;

const joinInfo = {
  studyTitle: 'Music and mood',
  studyDescription: 'Does music follow your mood?',
  participantCode: 'study-P1',
  faceMode: 'server',
  consentForm: {
    version: 2,
    text: 'We analyse your face.\n\nYou may stop at any time.',
    modalities: ['camera', 'text'],
    offersRawMediaStorage: false,
    retentionDays: 30,
  },
  consent: null,
};

function setup(
  getUserMedia: jest.Mock,
  fetchFn: jest.Mock = jest.fn().mockResolvedValue(json(404, {})),
  code?: string,
) {
  const socket = new FakeSocket();
  TestBed.configureTestingModule({
    imports: [ParticipantPage],
    providers: [
      provideRouter([]),
      { provide: SOCKET_FACTORY, useValue: fakeSocketFactory(socket) },
      { provide: CAMERA, useValue: { getUserMedia } },
      { provide: FETCH, useValue: fetchFn },
    ],
  });
  const fixture = TestBed.createComponent(ParticipantPage);
  if (code) fixture.componentRef.setInput('code', code);
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
    expect(byTestId('now-playing')?.textContent).toBe('Nothing yet');
    for (const id of ['feedback-like', 'feedback-dislike', 'feedback-skip', 'player-play']) {
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
    // The after-music self-report comes first; skipping it ends the session on the server, then here.
    expect(byTestId('sam-after')).not.toBeNull();
    byTestId('sam-after-skip')?.click();
    await settle(fixture);
    socket
      .lastRequest(PARTICIPANT_EVENTS.endSession)
      .reply({ ok: true, data: { sessionId: sessionStarted.sessionId } });
    await settle(fixture);
    expect(cameraTrack.stop).toHaveBeenCalled();
    expect(byTestId('start-session')).not.toBeNull();
    expect(byTestId('session-ended')).not.toBeNull();
  });

  it('shows a clear message when the camera is denied', async () => {
    const { fixture, byTestId } = setup(jest.fn().mockRejectedValue(new DOMException('denied', 'NotAllowedError')));
    await settle(fixture);
    byTestId('start-session')?.click();
    await settle(fixture);
    expect(byTestId('session-error')?.textContent).toMatch(/Camera access was blocked/);
    expect(byTestId('start-session')).not.toBeNull();
  });

  it('asks the SAM self-report before the music, sends it, then hides it', async () => {
    const { fixture, socket, byTestId } = setup(jest.fn().mockResolvedValue(stream));
    await settle(fixture);
    byTestId('start-session')?.click();
    await settle(fixture);
    socket.acceptConnection();
    socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
    await settle(fixture);

    expect(byTestId('sam-before')).not.toBeNull();
    expect(byTestId<HTMLButtonElement>('sam-before-submit')?.disabled).toBe(true);
    for (const [scale, point] of [
      ['valence', 7],
      ['arousal', 3],
      ['dominance', 5],
    ] as const) {
      byTestId(`sam-before-${scale}-${point}`)?.click();
    }
    await settle(fixture);
    byTestId('sam-before-submit')?.click();
    await settle(fixture);
    const sent = socket.lastRequest(PARTICIPANT_EVENTS.selfReport);
    expect(sent.payload).toMatchObject({ phase: 'before', valence: 7, arousal: 3, dominance: 5 });
    sent.reply({ ok: true, data: { selfReportId: 's1', duplicate: false } });
    await settle(fixture);
    expect(byTestId('sam-before')).toBeNull();
  });

  it('draws the face box mirrored like the preview, with label and confidence', async () => {
    const { fixture, socket, byTestId } = setup(jest.fn().mockResolvedValue(stream));
    await settle(fixture);
    byTestId('start-session')?.click();
    await settle(fixture);
    socket.acceptConnection();
    socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
    await settle(fixture);
    socket.fire(SERVER_EVENTS.emotion, {
      ...emotionUpdate(1, 1000, 'happy'),
      box: { x: 0.1, y: 0.2, width: 0.3, height: 0.4 },
    });
    await settle(fixture);
    const box = byTestId('face-box');
    expect(parseFloat(box?.style.left ?? '')).toBeCloseTo(60);
    expect(parseFloat(box?.style.top ?? '')).toBeCloseTo(20);
    expect(box?.textContent?.trim()).toBe('happy 87%');
  });

  it('join link: loads the study, records consent per modality, then offers the session', async () => {
    const fetchFn = jest.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/join/study-P1' && !init?.method) return json(200, joinInfo);
      if (url === '/api/join/study-P1/consent') return json(201, { formVersion: 2 });
      return json(404, {});
    });
    const { fixture, byTestId } = setup(jest.fn().mockResolvedValue(stream), fetchFn as jest.Mock, 'study-P1');
    await settle(fixture);
    await settle(fixture);

    expect(fixture.nativeElement.textContent).toContain('Music and mood');
    expect(byTestId('consent-form-text')?.querySelectorAll('p').length).toBe(2);
    expect(byTestId('consent-microphone')).toBeNull();
    expect(byTestId('start-session')).toBeNull();
    expect(byTestId<HTMLInputElement>('consent-camera')?.checked).toBe(true);
    byTestId<HTMLInputElement>('consent-text')?.click();
    byTestId('consent-submit')?.click();
    await settle(fixture);
    const consent = fetchFn.mock.calls.find(([url]) => url === '/api/join/study-P1/consent');
    expect(JSON.parse(String(consent?.[1]?.body))).toEqual({
      formVersion: 2,
      camera: true,
      microphone: false,
      text: false,
      storeRawMedia: false,
      clientEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    await settle(fixture);
    expect(byTestId('joined')).not.toBeNull();
    expect(byTestId('start-session')).not.toBeNull();
    expect(byTestId('participant-code')).toBeNull();
  });

  it('sends a study code typed on the front page to its join page', async () => {
    const fetchFn = jest.fn().mockResolvedValue(json(200, joinInfo));
    const { fixture, byTestId } = setup(jest.fn().mockResolvedValue(stream), fetchFn);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await settle(fixture);
    (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('#participant-code')!.value = 'study-P1';
    byTestId('start-session')?.click();
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/join', 'study-P1']);
  });
});
