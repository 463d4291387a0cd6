import { TestBed } from '@angular/core/testing';
import { PARTICIPANT_EVENTS } from '@attune/protocol';
import { CAMERA } from '../core/camera.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { distribution, estimate, sessionStarted } from '../testing/fixtures';
import { ParticipantSessionService, type EdgeAnalyser } from './participant-session.service';

/** The participant app's additions to the session service: edge mode, mood override, ending. */
function setup() {
  const stream = { getTracks: () => [{ stop: jest.fn() }] } as unknown as MediaStream;
  const socket = new FakeSocket();
  TestBed.configureTestingModule({
    providers: [
      ParticipantSessionService,
      { provide: SOCKET_FACTORY, useValue: fakeSocketFactory(socket) },
      { provide: CAMERA, useValue: { getUserMedia: jest.fn().mockResolvedValue(stream) } },
    ],
  });
  const service = TestBed.inject(ParticipantSessionService);
  const frames = jest.fn(async (): Promise<Uint8Array | null> => new Uint8Array([0xff, 0xd8, 0xff]));
  return { service, socket, frames };
}

const flush = () => jest.advanceTimersByTimeAsync(0);

async function run(ctx: ReturnType<typeof setup>, started = sessionStarted) {
  await ctx.service.start(ctx.frames);
  ctx.socket.acceptConnection();
  ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: started });
  await flush();
}

describe('ParticipantSessionService (participant app)', () => {
  beforeEach(() => {
    sessionStorage.clear();
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('in an edge study sends only the browser estimate, never a frame, and nothing until the model is ready', async () => {
    const ctx = setup();
    await run(ctx, { ...sessionStarted, faceMode: 'edge', faceModeChoosable: false });
    expect(ctx.service.faceMode()).toBe('edge');

    await jest.advanceTimersByTimeAsync(1600);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toEqual([]);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.faceEstimate)).toEqual([]);

    const analyse: EdgeAnalyser = jest.fn(async () => ({
      faces: 1,
      distribution: distribution('happy', 0.9),
      box: { x: 0.1, y: 0.1, width: 0.3, height: 0.3 },
      modelId: 'tiny+fast',
    }));
    ctx.service.setEdgeAnalyser(analyse);
    await jest.advanceTimersByTimeAsync(500);
    const sent = ctx.socket.lastRequest(PARTICIPANT_EVENTS.faceEstimate);
    expect(sent.payload).toMatchObject({ seq: 0, faces: 1, modelId: 'tiny+fast' });
    expect(JSON.stringify(sent.payload)).not.toMatch(/data/);
    sent.reply({ ok: true, data: { seq: 0, faces: 1, estimate: estimate('happy', 0.9), box: null } });
    await flush();
    expect(ctx.service.latest()?.estimate?.label).toBe('happy');
    expect(ctx.frames).not.toHaveBeenCalled();
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toEqual([]);
    ctx.service.stop();
  });

  it('a demo session may choose edge mode; server mode sends frames', async () => {
    const ctx = setup();
    await run(ctx, { ...sessionStarted, faceMode: 'server', faceModeChoosable: true });
    expect(ctx.service.faceMode()).toBe('server');
    await jest.advanceTimersByTimeAsync(500);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toHaveLength(1);
    ctx.service.edgeWanted.set(true);
    expect(ctx.service.faceMode()).toBe('edge');
    ctx.service.stop();
    expect(ctx.service.edgeWanted()).toBe(false);
  });

  it('overrides the mood, shows the answer, and clears it', async () => {
    const ctx = setup();
    await run(ctx);
    const pending = ctx.service.overrideMood('sad');
    expect(ctx.service.override()).toEqual({ state: 'sending' });
    const request = ctx.socket.lastRequest(PARTICIPANT_EVENTS.moodOverride);
    expect(request.payload).toEqual({ emotion: 'sad' });
    request.reply({ ok: true, data: { override: estimate('sad', 1) } });
    await pending;
    expect(ctx.service.override()).toMatchObject({ state: 'done', value: { label: 'sad' } });

    const clearing = ctx.service.overrideMood(null);
    ctx.socket
      .lastRequest(PARTICIPANT_EVENTS.moodOverride)
      .reply({ ok: false, error: { code: 'NO_SESSION', message: 'gone' } });
    await clearing;
    expect(ctx.service.override()).toEqual({ state: 'failed', error: 'gone' });
    ctx.service.stop();
  });

  it('ends the session on the server before stopping', async () => {
    const ctx = setup();
    await run(ctx);
    const ending = ctx.service.endSession();
    await flush(); // the outbox is flushed first
    const request = ctx.socket.lastRequest(PARTICIPANT_EVENTS.endSession);
    expect(ctx.service.phase()).toBe('running');
    request.reply({ ok: true, data: { sessionId: sessionStarted.sessionId } });
    await ending;
    expect(ctx.service.phase()).toBe('ended');
    expect(ctx.socket.connected).toBe(false);
  });

  it('never opens the camera without consent to it', async () => {
    const ctx = setup();
    const getUserMedia = TestBed.inject(CAMERA).getUserMedia as jest.Mock;
    await ctx.service.start(ctx.frames, { participantCode: 'P-1' }, false);
    ctx.socket.acceptConnection();
    ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
    await jest.advanceTimersByTimeAsync(1500);
    expect(getUserMedia).not.toHaveBeenCalled();
    expect(ctx.service.phase()).toBe('running');
    expect(ctx.service.stream()).toBeNull();
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.frame)).toEqual([]);
    ctx.service.stop();
  });
});
