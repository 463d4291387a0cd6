import { TestBed } from '@angular/core/testing';
import { FACE_CROP_SIDE, GREY_CROP_MIME, NAMESPACES, PARTICIPANT_EVENTS, SERVER_EVENTS } from '@attune/protocol';
import { CAMERA } from '../core/camera.token';
import { EVENT_OUTBOX, EventOutbox, MemoryOutboxStore } from '../core/event-outbox';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { emotionUpdate, estimate, recommendation, sessionStarted } from '../testing/fixtures';
import { ParticipantSessionService } from './participant-session.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);

function setup(cameraFailure?: DOMException) {
  const cameraTrack = { stop: jest.fn() };
  const stream = { getTracks: () => [cameraTrack] } as unknown as MediaStream;
  const getUserMedia = cameraFailure ? jest.fn().mockRejectedValue(cameraFailure) : jest.fn().mockResolvedValue(stream);
  const socket = new FakeSocket();
  const factory = fakeSocketFactory(socket);
  TestBed.configureTestingModule({
    providers: [
      ParticipantSessionService,
      { provide: SOCKET_FACTORY, useValue: factory },
      { provide: CAMERA, useValue: { getUserMedia } },
    ],
  });
  const service = TestBed.inject(ParticipantSessionService);
  const frames = jest.fn(async (): Promise<Uint8Array | null> => JPEG);
  return { service, socket, factory, getUserMedia, stream, cameraTrack, frames };
}

type Ctx = ReturnType<typeof setup>;

const flush = () => jest.advanceTimersByTimeAsync(0);

// The resume token lives in this tab's sessionStorage; every test starts as a fresh tab.
beforeEach(() => sessionStorage.clear());

async function startRunning(ctx: Ctx): Promise<void> {
  await ctx.service.start(ctx.frames);
  ctx.socket.acceptConnection();
  ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
  await flush();
}

describe('ParticipantSessionService', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks for a 640x480 camera, connects to /participant and starts a session', async () => {
    const ctx = setup();
    await ctx.service.start(ctx.frames);

    expect(ctx.getUserMedia).toHaveBeenCalledWith({
      video: expect.objectContaining({ width: { ideal: 640 }, height: { ideal: 480 } }),
      audio: false,
    });
    expect(ctx.factory.opened.map((o) => o.namespace)).toEqual([NAMESPACES.participant]);
    expect(ctx.service.stream()).toBe(ctx.stream);
    expect(ctx.service.phase()).toBe('starting');

    ctx.socket.acceptConnection();
    const start = ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession);
    expect(start.payload).toEqual({});
    start.reply({ ok: true, data: sessionStarted });
    await flush();

    expect(ctx.service.phase()).toBe('running');
    expect(ctx.service.session()).toEqual(sessionStarted);
  });

  it('sends the participant code when one is given', async () => {
    const ctx = setup();
    await ctx.service.start(ctx.frames, { participantCode: 'P-001' });
    ctx.socket.acceptConnection();
    expect(ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession).payload).toEqual({ participantCode: 'P-001' });
  });

  it('sends a frame every frameIntervalMs with increasing seq, never while one awaits its ack', async () => {
    const ctx = setup();
    await startRunning(ctx);

    await jest.advanceTimersByTimeAsync(500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame).map((r) => r.payload)).toEqual([
      { seq: 0, mime: 'image/jpeg', data: JPEG },
    ]);

    await jest.advanceTimersByTimeAsync(2000);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(1);
    expect(ctx.frames).toHaveBeenCalledTimes(1);

    ctx.socket.lastRequest(PARTICIPANT_EVENTS.frame).reply({
      ok: true,
      data: { seq: 0, faces: 1, estimate: estimate('happy', 0.87), box: null },
    });
    await jest.advanceTimersByTimeAsync(500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame).map((r) => (r.payload as { seq: number }).seq)).toEqual([
      0, 1,
    ]);
  });

  it('in crop mode sends only the face crop with its box, and nothing when no face is in view', async () => {
    const ctx = setup();
    await startRunning(ctx);
    const crop = new Uint8Array(FACE_CROP_SIDE * FACE_CROP_SIDE).fill(128);
    const box = { x: 0.3, y: 0.2, width: 0.3, height: 0.4 };
    const cropper = jest
      .fn()
      .mockResolvedValueOnce({ faces: 1, box, data: crop })
      .mockResolvedValueOnce({ faces: 0, box: null, data: null });
    ctx.service.setFaceCropper(cropper);

    await jest.advanceTimersByTimeAsync(500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame).map((r) => r.payload)).toEqual([
      { seq: 0, mime: GREY_CROP_MIME, data: crop, crop: box },
    ]);
    expect(ctx.frames).not.toHaveBeenCalled();
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.frame).reply({
      ok: true,
      data: { seq: 0, faces: 1, estimate: estimate('happy', 0.9), box },
    });
    await jest.advanceTimersByTimeAsync(500);
    // No face here: nothing is sent and the page shows "no face" at once.
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(1);
    expect(ctx.service.latest()).toMatchObject({ faces: 0, estimate: null });
  });

  it('falls back to whole frames when the browser face detector fails', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.service.setFaceCropper(jest.fn().mockRejectedValue(new Error('no WebGL, no luck')));
    await jest.advanceTimersByTimeAsync(500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame).map((r) => r.payload)).toEqual([
      { seq: 0, mime: 'image/jpeg', data: JPEG },
    ]);
  });

  it('follows the frame rate the server advises', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.fire(SERVER_EVENTS.frameRate, { frameIntervalMs: 2000, reason: 'overloaded' });
    await jest.advanceTimersByTimeAsync(1900);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(100);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(1);
  });

  it('shows the estimate of a frame ack', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await jest.advanceTimersByTimeAsync(500);
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.frame).reply({
      ok: true,
      data: { seq: 0, faces: 1, estimate: estimate('sad', 0.6), box: null },
    });
    await flush();
    expect(ctx.service.latest()?.estimate?.label).toBe('sad');
  });

  it('skips ticks while the camera has no picture yet', async () => {
    const ctx = setup();
    ctx.frames.mockResolvedValue(null);
    await startRunning(ctx);
    await jest.advanceTimersByTimeAsync(1500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(0);
  });

  it('takes emotion events as the newest estimate, keeps "no face" as null and ignores older frames', async () => {
    const ctx = setup();
    await startRunning(ctx);

    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(3, 1000, 'happy'));
    expect(ctx.service.latest()?.estimate).toEqual(expect.objectContaining({ label: 'happy', confidence: 0.87 }));

    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(4, 1500, null));
    expect(ctx.service.latest()).toEqual(expect.objectContaining({ seq: 4, estimate: null }));

    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(2, 900, 'angry'));
    expect(ctx.service.latest()?.seq).toBe(4);
  });

  it('ignores a frame the server replaced before analysing it', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(3, 1000, 'happy'));
    ctx.socket.fire(SERVER_EVENTS.emotion, { ...emotionUpdate(4, 1500, null), replaced: true });
    expect(ctx.service.latest()?.estimate?.label).toBe('happy');
  });

  it('shows a frame error ack and keeps sending frames', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await jest.advanceTimersByTimeAsync(500);
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.frame).reply({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'Frame is larger than 1000000 bytes' },
    });
    await flush();
    expect(ctx.service.frameError()).toBe('Frame is larger than 1000000 bytes');

    await jest.advanceTimersByTimeAsync(500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(2);
  });

  it('sends feedback with a fresh clientEventId and reports it saved after the ack', async () => {
    const ctx = setup();
    await startRunning(ctx);
    const rec = recommendation();
    ctx.socket.fire(SERVER_EVENTS.recommendation, rec);

    const pending = ctx.service.sendFeedback('like');
    await flush(); // stored in the outbox first, then emitted
    expect(ctx.service.feedback()).toEqual({ kind: 'like', state: 'saving' });
    const first = ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback);
    expect(first.payload).toEqual({
      clientEventId: expect.stringMatching(UUID),
      recommendationId: rec.recommendationId,
      kind: 'like',
    });
    first.reply({ ok: true, data: { feedbackId: 'f1', kind: 'like', duplicate: false } });
    await pending;
    expect(ctx.service.feedback()).toEqual({ kind: 'like', state: 'saved' });

    void ctx.service.sendFeedback('dislike');
    await flush();
    const second = ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback).payload as { clientEventId: string };
    expect(second.clientEventId).not.toBe((first.payload as { clientEventId: string }).clientEventId);
  });

  it('shows the message of an error ack', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation());

    const pending = ctx.service.sendFeedback('dislike');
    await flush(); // stored in the outbox first, then emitted
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback).reply({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown recommendation' },
    });
    await pending;
    expect(ctx.service.feedback()).toEqual({ kind: 'dislike', state: 'failed', error: 'Unknown recommendation' });
  });

  it('resends the same clientEventId once when the server did not answer', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation());

    const pending = ctx.service.sendFeedback('like');
    await flush(); // stored in the outbox first, then emitted
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback).fail(new Error('operation has timed out'));
    await flush();
    const [first, retry] = ctx.socket.requests(PARTICIPANT_EVENTS.feedback);
    expect(retry.payload).toEqual(first.payload);
    retry.reply({ ok: true, data: { feedbackId: 'f1', kind: 'like', duplicate: true } });
    await pending;
    expect(ctx.service.feedback()?.state).toBe('saved');
  });

  it('keeps unanswered feedback, resumes the session after a reconnect and sends it again', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation());
    const pending = ctx.service.sendFeedback('like');
    await flush();
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback).fail(new Error('operation has timed out'));
    await flush();
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback).fail(new Error('operation has timed out'));
    await pending;
    expect(ctx.service.feedback()?.state).toBe('queued');
    const lost = ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback).payload;

    ctx.socket.connected = false;
    ctx.socket.fire('disconnect', 'transport close');
    ctx.socket.acceptConnection();
    const resume = ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession);
    expect(resume.payload).toEqual({ resumeToken: sessionStarted.resumeToken });
    resume.reply({ ok: true, data: { ...sessionStarted, resumed: true } });
    await flush();
    const resent = ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback);
    expect(resent.payload).toEqual(lost);
    resent.reply({ ok: true, data: { feedbackId: 'f1', kind: 'like', duplicate: false, buffered: true } });
    await flush();
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.feedback)).toHaveLength(3);
  });

  it('starts a new session when the old one can no longer be resumed', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.connected = false;
    ctx.socket.fire('disconnect', 'transport close');
    ctx.socket.acceptConnection();
    ctx.socket
      .lastRequest(PARTICIPANT_EVENTS.startSession)
      .reply({ ok: false, error: { code: 'NOT_FOUND', message: 'this session has ended' } });
    await flush();
    const fresh = ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession);
    expect(fresh.payload).toEqual({});
    fresh.reply({ ok: true, data: { ...sessionStarted, sessionId: 'second' } });
    await flush();
    expect(ctx.service.session()?.sessionId).toBe('second');
    expect(ctx.service.error()).toBeNull();
  });

  it('delivers what the last page left in the outbox right after a reload', async () => {
    const store = new MemoryOutboxStore();
    const clientEventId = 'a1b2c3d4-0000-4000-8000-00000000000f';
    const payload = { clientEventId, recommendationId: recommendation().recommendationId, kind: 'like' as const };
    await store.put({
      id: clientEventId,
      sessionId: sessionStarted.sessionId,
      queuedAt: 1,
      event: 'feedback',
      payload,
    });
    sessionStorage.setItem(
      'attune.resume',
      JSON.stringify({ token: sessionStarted.resumeToken, sessionId: sessionStarted.sessionId }),
    );
    TestBed.configureTestingModule({ providers: [{ provide: EVENT_OUTBOX, useValue: new EventOutbox(store) }] });
    const ctx = setup();
    await flush();
    ctx.socket.acceptConnection();
    const resume = ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession);
    expect(resume.payload).toEqual({ resumeToken: sessionStarted.resumeToken });
    resume.reply({ ok: true, data: { ...sessionStarted, resumed: true } });
    await flush();
    const sent = ctx.socket.lastRequest(PARTICIPANT_EVENTS.feedback);
    expect(sent.payload).toEqual(payload);
    sent.reply({ ok: true, data: { feedbackId: 'f1', kind: 'like', duplicate: true } });
    await flush();
    expect(await store.all()).toEqual([]);
    expect(ctx.socket.connected).toBe(false);
  });

  it('sends no feedback while there is no recommendation', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await ctx.service.sendFeedback('like');
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.feedback)).toHaveLength(0);
  });

  it('keeps "skipped" across the track the skip brought, but clears it on other new tracks', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation());
    const pending = ctx.service.sendFeedback('skip');
    await flush(); // stored in the outbox first, then emitted
    ctx.socket
      .lastRequest(PARTICIPANT_EVENTS.feedback)
      .reply({ ok: true, data: { feedbackId: 'f', kind: 'skip', duplicate: false } });
    await pending;

    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation({ trigger: 'skip' }));
    expect(ctx.service.feedback()?.kind).toBe('skip');
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation({ trigger: 'track-end' }));
    expect(ctx.service.feedback()).toBeNull();
  });

  it('reports the end of a track with its recommendation id', async () => {
    const ctx = setup();
    await startRunning(ctx);
    const rec = recommendation();
    ctx.socket.fire(SERVER_EVENTS.recommendation, rec);
    void ctx.service.trackEnded();
    expect(ctx.socket.lastRequest(PARTICIPANT_EVENTS.trackEnded).payload).toEqual({
      recommendationId: rec.recommendationId,
    });
  });

  it('explains a denied camera and opens no socket', async () => {
    const ctx = setup(new DOMException('Permission denied', 'NotAllowedError'));
    await ctx.service.start(ctx.frames);
    expect(ctx.service.phase()).toBe('idle');
    expect(ctx.service.error()).toMatch(/Camera access was blocked/);
    expect(ctx.factory.opened).toHaveLength(0);
  });

  it('shows a failed session start with its issues and releases the camera', async () => {
    const ctx = setup();
    await ctx.service.start(ctx.frames, { participantCode: 'P-001' });
    ctx.socket.acceptConnection();
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'Invalid payload', issues: ['participantCode: too long'] },
    });
    await flush();
    expect(ctx.service.error()).toBe('Invalid payload (participantCode: too long)');
    expect(ctx.cameraTrack.stop).toHaveBeenCalled();
    expect(ctx.socket.connected).toBe(false);
  });

  it('stops camera, socket and frames when the session ends', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.service.stop();
    expect(ctx.service.phase()).toBe('ended');
    expect(ctx.cameraTrack.stop).toHaveBeenCalled();
    expect(ctx.service.stream()).toBeNull();
    expect(ctx.socket.connected).toBe(false);
    await jest.advanceTimersByTimeAsync(2000);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(0);
  });

  it('starts a new session after socket.io reconnected', async () => {
    const ctx = setup();
    await startRunning(ctx);
    ctx.socket.connected = false;
    ctx.socket.fire('disconnect', 'transport close');
    expect(ctx.service.error()).toMatch(/Reconnecting/);

    ctx.socket.acceptConnection();
    ctx.socket
      .lastRequest(PARTICIPANT_EVENTS.startSession)
      .reply({ ok: true, data: { ...sessionStarted, sessionId: 'second' } });
    await flush();
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.startSession)).toHaveLength(2);
    expect(ctx.service.session()?.sessionId).toBe('second');
    expect(ctx.service.error()).toBeNull();
  });
  it('takes mood events as the fused mood and clears it when the session ends', async () => {
    const ctx = setup();
    await startRunning(ctx);
    const update = {
      sessionId: sessionStarted.sessionId,
      at: 1,
      estimate: estimate('happy', 0.7),
      fused: estimate('happy', 0.72),
      contributions: [{ modality: 'face' as const, modelId: 'm', weight: 1 }],
    };
    ctx.socket.fire(SERVER_EVENTS.mood, update);
    expect(ctx.service.mood()).toEqual(update);
    ctx.service.stop();
    expect(ctx.service.mood()).toBeNull();
  });

  it('sends text and shows the estimate, or the error message', async () => {
    const ctx = setup();
    await startRunning(ctx);
    const pending = ctx.service.sendText('  I feel great  ');
    expect(ctx.service.textEstimate()).toEqual({ state: 'sending' });
    expect(ctx.socket.lastRequest(PARTICIPANT_EVENTS.text).payload).toEqual({ text: 'I feel great' });
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.text).reply({ ok: true, data: { estimate: estimate('happy', 0.8) } });
    await pending;
    expect(ctx.service.textEstimate()).toEqual({ state: 'done', value: expect.objectContaining({ label: 'happy' }) });

    const limited = ctx.service.sendText('again');
    ctx.socket
      .lastRequest(PARTICIPANT_EVENTS.text)
      .reply({ ok: false, error: { code: 'RATE_LIMITED', message: 'Too many messages, wait a moment' } });
    await limited;
    expect(ctx.service.textEstimate()).toEqual({ state: 'failed', error: 'Too many messages, wait a moment' });
  });

  it('sends no text without a session or when empty', async () => {
    const ctx = setup();
    await ctx.service.sendText('hello');
    await startRunning(ctx);
    await ctx.service.sendText('   ');
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.text)).toHaveLength(0);
  });

  it('sends the mood goal and shows the strategy the server answered', async () => {
    const ctx = setup();
    await startRunning(ctx);
    const pending = ctx.service.setGoal('improve');
    expect(ctx.service.goal()).toBe('improve');
    expect(ctx.socket.lastRequest(PARTICIPANT_EVENTS.moodGoal).payload).toEqual({ goal: 'improve' });
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.moodGoal).reply({ ok: true, data: { strategy: 'iso-principle' } });
    await pending;
    expect(ctx.service.strategy()).toEqual({ state: 'done', value: 'iso-principle' });

    const refused = ctx.service.setGoal('keep');
    ctx.socket
      .lastRequest(PARTICIPANT_EVENTS.moodGoal)
      .reply({ ok: false, error: { code: 'CONSENT_REQUIRED', message: 'Consent required' } });
    await refused;
    expect(ctx.service.strategy()).toEqual({ state: 'failed', error: 'Consent required' });
  });

  it('sends audio features and resolves the voice estimate', async () => {
    const ctx = setup();
    await startRunning(ctx);
    const payload = { featureVersion: 'v', windows: [[1, 2, 3]] };
    const pending = ctx.service.sendAudioFeatures(payload);
    expect(ctx.socket.lastRequest(PARTICIPANT_EVENTS.audioFeatures).payload).toEqual(payload);
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.audioFeatures).reply({ ok: true, data: { estimate: null } });
    expect(await pending).toEqual({ ok: true, estimate: null });
  });
});
