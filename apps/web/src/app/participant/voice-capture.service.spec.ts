import { TestBed } from '@angular/core/testing';
import { FEATURE_VERSION } from '@attune/audio-features';
import { PARTICIPANT_EVENTS } from '@attune/protocol';
import { CAMERA } from '../core/camera.token';
import { MICROPHONE } from '../core/microphone.token';
import { MICROPHONE_CONSTRAINTS, type MicrophoneFeatureOptions } from '../core/microphone-features';
import { MICROPHONE_FEATURES } from '../core/microphone-features.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { estimate, sessionStarted } from '../testing/fixtures';
import { ParticipantSessionService } from './participant-session.service';
import { VoiceCaptureService } from './voice-capture.service';

const voiced = (value: number) => ({ startFrame: 0, vector: new Float32Array([value, value]) });

function setup(micFailure?: DOMException) {
  const socket = new FakeSocket();
  const camStream = { getTracks: () => [{ stop: jest.fn() }] } as unknown as MediaStream;
  const micTrack = { stop: jest.fn() };
  const micStream = { getTracks: () => [micTrack] } as unknown as MediaStream;
  const getUserMedia = micFailure ? jest.fn().mockRejectedValue(micFailure) : jest.fn().mockResolvedValue(micStream);
  let options: MicrophoneFeatureOptions = {};
  const capture = {
    start: jest.fn(async (_stream: MediaStream, o: MicrophoneFeatureOptions) => {
      options = o;
    }),
    stop: jest.fn(async () => undefined),
  };
  TestBed.configureTestingModule({
    providers: [
      ParticipantSessionService,
      VoiceCaptureService,
      { provide: SOCKET_FACTORY, useValue: fakeSocketFactory(socket) },
      { provide: CAMERA, useValue: { getUserMedia: jest.fn().mockResolvedValue(camStream) } },
      { provide: MICROPHONE, useValue: { getUserMedia } },
      { provide: MICROPHONE_FEATURES, useValue: () => capture },
    ],
  });
  const session = TestBed.inject(ParticipantSessionService);
  const voice = TestBed.inject(VoiceCaptureService);
  const window = (w: ReturnType<typeof voiced> | { startFrame: number; vector: null }) => options.onWindow?.(w);
  const samples = (s: Float32Array) => options.onSamples?.(s);
  return { socket, session, voice, getUserMedia, micTrack, capture, window, samples };
}

type Ctx = ReturnType<typeof setup>;

async function startRunning(ctx: Ctx): Promise<void> {
  await ctx.session.start(async () => null);
  ctx.socket.acceptConnection();
  ctx.socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
  await jest.advanceTimersByTimeAsync(0);
  TestBed.tick();
}

describe('VoiceCaptureService', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does nothing without a session', async () => {
    const ctx = setup();
    await ctx.voice.toggle();
    expect(ctx.getUserMedia).not.toHaveBeenCalled();
    expect(ctx.voice.on()).toBe(false);
  });

  it('sends up to 4 voiced windows about once a second, one message at a time', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await ctx.voice.toggle();
    expect(ctx.getUserMedia).toHaveBeenCalledWith(MICROPHONE_CONSTRAINTS);
    expect(ctx.voice.on()).toBe(true);

    [1, 2, 3, 4, 5].forEach((v) => ctx.window(voiced(v)));
    ctx.window({ startFrame: 9, vector: null });
    await jest.advanceTimersByTimeAsync(1000);
    const sent = ctx.socket.requests(PARTICIPANT_EVENTS.audioFeatures);
    expect(sent.map((r) => r.payload)).toEqual([
      {
        featureVersion: FEATURE_VERSION,
        windows: [
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 5],
        ],
      },
    ]);

    ctx.window(voiced(6));
    await jest.advanceTimersByTimeAsync(3000);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.audioFeatures)).toHaveLength(1);

    sent[0].reply({ ok: true, data: { estimate: { ...estimate('sad', 0.6), modality: 'voice' } } });
    await jest.advanceTimersByTimeAsync(0);
    expect(ctx.voice.estimate()).toBe('sad');
    await jest.advanceTimersByTimeAsync(1000);
    expect(ctx.socket.lastRequest(PARTICIPANT_EVENTS.audioFeatures).payload).toEqual({
      featureVersion: FEATURE_VERSION,
      windows: [[6, 6]],
    });
  });

  it('shows silence when nothing voiced was heard', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await ctx.voice.toggle();
    ctx.window({ startFrame: 0, vector: null });
    await jest.advanceTimersByTimeAsync(1000);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.audioFeatures)).toHaveLength(0);
    expect(ctx.voice.estimate()).toBe('silence');
  });

  it('turning it off stops capture and the microphone', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await ctx.voice.toggle();
    await ctx.voice.toggle();
    expect(ctx.voice.on()).toBe(false);
    expect(ctx.capture.stop).toHaveBeenCalled();
    expect(ctx.micTrack.stop).toHaveBeenCalled();
    ctx.window(voiced(1));
    await jest.advanceTimersByTimeAsync(2000);
    expect(ctx.socket.requests(PARTICIPANT_EVENTS.audioFeatures)).toHaveLength(0);
  });

  it('ending the session stops the microphone', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await ctx.voice.toggle();
    ctx.session.stop();
    TestBed.tick();
    await jest.advanceTimersByTimeAsync(0);
    expect(ctx.voice.on()).toBe(false);
    expect(ctx.micTrack.stop).toHaveBeenCalled();
  });

  it('explains a denied microphone', async () => {
    const ctx = setup(new DOMException('denied', 'NotAllowedError'));
    await startRunning(ctx);
    await ctx.voice.toggle();
    expect(ctx.voice.on()).toBe(false);
    expect(ctx.voice.error()).toMatch(/Microphone access was blocked/);
    expect(ctx.capture.start).not.toHaveBeenCalled();
  });

  it('shows the loudness on the level meter, at most every 100 ms, and drops it when stopped', async () => {
    const ctx = setup();
    await startRunning(ctx);
    await ctx.voice.start();
    const now = jest.spyOn(performance, 'now');
    now.mockReturnValue(1000);
    // A full-scale square wave: 0 dBFS.
    ctx.samples(new Float32Array(128).fill(1));
    expect(ctx.voice.level()).toBeCloseTo(1);
    now.mockReturnValue(1050);
    ctx.samples(new Float32Array(128).fill(0.001));
    expect(ctx.voice.level()).toBeCloseTo(1);
    now.mockReturnValue(1200);
    ctx.samples(new Float32Array(128).fill(0.001));
    // -60 dBFS is the bottom of the meter.
    expect(ctx.voice.level()).toBeCloseTo(0, 1);
    ctx.samples(new Float32Array(128).fill(0.1));
    now.mockReturnValue(1400);
    ctx.samples(new Float32Array(128).fill(0.1));
    expect(ctx.voice.level()).toBeCloseTo(2 / 3);
    await ctx.voice.stop();
    expect(ctx.voice.level()).toBe(0);
    now.mockRestore();
  });
});
