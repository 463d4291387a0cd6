import { TestBed } from '@angular/core/testing';
import {
  NAMESPACES,
  RESEARCHER_EVENTS,
  SERVER_EVENTS,
  type AffectSampleDto,
  type SessionSummary,
} from '@attune/protocol';
import { FETCH } from '../core/login-api';
import { SESSION_STORAGE } from '../core/session-storage.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { SESSION_ID, distribution, emotionUpdate, recommendation } from '../testing/fixtures';
import { RESEARCHER_TOKEN_ITEM, ResearcherAuth } from './auth/researcher-auth.service';
import { MAX_TIMELINE_POINTS, ResearcherSessionService } from './researcher-session.service';

const OTHER_ID = '1c2d3e4f-8a1b-4c3d-9e2f-0a1b2c3d4e5f';

const summary = (id: string, live: boolean, startedAt: string, participantCode = id.slice(0, 4)): SessionSummary => ({
  id,
  studyId: null,
  participantCode,
  startedAt,
  endedAt: live ? null : startedAt,
  live,
});

const sample = (at: number): AffectSampleDto => ({
  at,
  modality: 'face',
  label: 'sad',
  confidence: 0.7,
  valence: -0.5,
  arousal: -0.2,
  distribution: distribution('sad', 0.7),
});

function setup(token: string | null = 'secret') {
  const socket = new FakeSocket();
  const factory = fakeSocketFactory(socket);
  sessionStorage.clear();
  if (token) sessionStorage.setItem(RESEARCHER_TOKEN_ITEM, token);
  TestBed.configureTestingModule({
    providers: [
      ResearcherSessionService,
      { provide: SOCKET_FACTORY, useValue: factory },
      { provide: SESSION_STORAGE, useValue: sessionStorage },
      { provide: FETCH, useValue: jest.fn() },
    ],
  });
  return { service: TestBed.inject(ResearcherSessionService), auth: TestBed.inject(ResearcherAuth), socket, factory };
}

function online(): ReturnType<typeof setup> {
  const ctx = setup();
  ctx.service.connect();
  ctx.socket.acceptConnection();
  return ctx;
}

async function watchWithHistory(ctx: ReturnType<typeof setup>, samples: AffectSampleDto[]): Promise<void> {
  const selecting = ctx.service.select(SESSION_ID);
  ctx.socket.lastRequest(RESEARCHER_EVENTS.watch).reply({ ok: true, data: { samples, current: null } });
  await selecting;
}

describe('ResearcherSessionService', () => {
  it('shows the track already playing when watching starts mid-track', async () => {
    const ctx = online();
    const selecting = ctx.service.select(SESSION_ID);
    const playing = recommendation();
    ctx.socket.lastRequest(RESEARCHER_EVENTS.watch).reply({ ok: true, data: { samples: [], current: playing } });
    await selecting;
    expect(ctx.service.currentTrack()).toEqual(playing);
  });

  it('connects with the signed-in token, and not at all without one', () => {
    const ctx = setup('tok-123');
    ctx.service.connect();
    expect(ctx.factory.opened).toEqual([
      { namespace: NAMESPACES.researcher, opts: expect.objectContaining({ auth: { token: 'tok-123' } }) },
    ]);
    expect(ctx.service.status()).toBe('connecting');
    ctx.socket.acceptConnection();
    expect(ctx.service.status()).toBe('online');

    TestBed.resetTestingModule();
    const signedOut = setup(null);
    signedOut.service.connect();
    expect(signedOut.factory.opened).toHaveLength(0);
    expect(signedOut.service.status()).toBe('idle');
  });

  it('forgets an expired token when the server refuses it', () => {
    const ctx = setup('stale');
    ctx.service.connect();
    ctx.socket.fire('connect_error', new Error('unauthorized'));
    expect(ctx.service.error()).toMatch(/sign in again/);
    expect(ctx.service.status()).toBe('idle');
    expect(ctx.auth.token()).toBeNull();
    expect(sessionStorage.getItem(RESEARCHER_TOKEN_ITEM)).toBeNull();
  });

  it('signs out when the server closes an open connection whose token expired or was revoked', () => {
    const ctx = online();
    ctx.socket.fire(SERVER_EVENTS.error, {
      code: 'UNAUTHORIZED',
      message: 'your sign-in has expired or was revoked; sign in again',
      event: 'token-check',
    });
    expect(ctx.service.error()).toMatch(/sign in again/);
    expect(ctx.service.status()).toBe('idle');
    expect(ctx.auth.token()).toBeNull();
    expect(ctx.socket.connected).toBe(false);
  });

  it('marks live feedback of the watched session on its timeline, as the replay does', async () => {
    const ctx = online();
    await watchWithHistory(ctx, [sample(1000)]);
    const rec = recommendation({ at: 2000 });
    ctx.socket.fire(SERVER_EVENTS.recommendation, rec);
    const feedback = { sessionId: SESSION_ID, recommendationId: rec.recommendationId };
    ctx.socket.fire(SERVER_EVENTS.feedback, { ...feedback, kind: 'like', at: 2500 });
    ctx.socket.fire(SERVER_EVENTS.feedback, { ...feedback, kind: 'rating', value: 4, at: 3000 });
    ctx.socket.fire(SERVER_EVENTS.feedback, { ...feedback, sessionId: OTHER_ID, kind: 'skip', at: 3500 });
    expect(ctx.service.markers()).toEqual([
      { at: 2000, kind: 'track', label: 'Morning Light (start)' },
      { at: 2500, kind: 'feedback', label: 'like' },
      { at: 3000, kind: 'feedback', label: 'rating 4' },
    ]);
  });

  it('lists live sessions first, newest first', () => {
    const ctx = online();
    expect(ctx.service.listed()).toBe(false);
    ctx.socket.fire(SERVER_EVENTS.sessions, [
      summary('a', false, '2026-01-01T10:00:00Z'),
      summary('b', true, '2026-01-01T09:00:00Z'),
      summary('c', false, '2026-01-01T11:00:00Z'),
      summary('d', true, '2026-01-01T12:00:00Z'),
    ]);
    expect(ctx.service.sessions().map((s) => s.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(ctx.service.listed()).toBe(true);
  });

  it('keeps every modality and the fused state from history and live mood events, and marks tracks', async () => {
    const ctx = online();
    await watchWithHistory(ctx, [sample(1000), { ...sample(1500), modality: 'fused', valence: -0.4 }]);
    // Only face samples feed the probability chart.
    expect(ctx.service.timeline().map((p) => p.at)).toEqual([1000]);

    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(3, 2000, 'happy'));
    const voice = { ...emotionUpdate(4, 2500, 'sad').estimate!, modality: 'voice' as const, valence: -0.6 };
    const fused = { ...voice, modality: 'fused' as const, valence: -0.3 };
    ctx.socket.fire(SERVER_EVENTS.mood, { sessionId: SESSION_ID, at: 2500, estimate: voice, fused, contributions: [] });
    // A face mood event repeats the emotion event: only its fused state is new.
    const face = { ...voice, modality: 'face' as const };
    ctx.socket.fire(SERVER_EVENTS.mood, { sessionId: SESSION_ID, at: 3000, estimate: face, fused, contributions: [] });
    ctx.socket.fire(SERVER_EVENTS.mood, { sessionId: OTHER_ID, at: 3000, estimate: voice, fused, contributions: [] });

    expect(ctx.service.modalities().map((p) => `${p.modality}@${p.at}`)).toEqual([
      'face@1000',
      'fused@1500',
      'face@2000',
      'voice@2500',
      'fused@2500',
      'fused@3000',
    ]);
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation({ at: 3500 }));
    expect(ctx.service.markers()).toEqual([{ at: 3500, kind: 'track', label: 'Morning Light (start)' }]);
  });

  it('fills the timeline with the history of a watched session', async () => {
    const ctx = online();
    ctx.socket.fire(SERVER_EVENTS.sessions, [summary(SESSION_ID, true, '2026-01-01T10:00:00Z')]);
    await watchWithHistory(ctx, [sample(1000), sample(2000)]);

    expect(ctx.socket.lastRequest(RESEARCHER_EVENTS.watch).payload).toEqual({ sessionId: SESSION_ID });
    expect(ctx.service.selected()?.id).toBe(SESSION_ID);
    expect(ctx.service.timeline()).toEqual([
      { at: 1000, distribution: distribution('sad', 0.7) },
      { at: 2000, distribution: distribution('sad', 0.7) },
    ]);
  });

  it('appends live emotions of the watched session only, and skips frames without a face', async () => {
    const ctx = online();
    await watchWithHistory(ctx, [sample(1000)]);

    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(7, 1500, 'happy'));
    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(8, 2000, null));
    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(9, 2500, 'angry', OTHER_ID));

    expect(ctx.service.timeline().map((p) => p.at)).toEqual([1000, 1500]);
    expect(ctx.service.timeline()[1].distribution.happy).toBeCloseTo(0.87, 5);
  });

  it('keeps live points that arrived before the history, without duplicating covered ones', async () => {
    const ctx = online();
    const selecting = ctx.service.select(SESSION_ID);
    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(1, 2000, 'happy'));
    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(2, 3000, 'happy'));
    ctx.socket
      .lastRequest(RESEARCHER_EVENTS.watch)
      .reply({ ok: true, data: { samples: [sample(1000), sample(2000)], current: null } });
    await selecting;
    expect(ctx.service.timeline().map((p) => p.at)).toEqual([1000, 2000, 3000]);
  });

  it(`caps the timeline at the last ${MAX_TIMELINE_POINTS} points`, async () => {
    const ctx = online();
    await watchWithHistory(
      ctx,
      Array.from({ length: MAX_TIMELINE_POINTS }, (_, i) => sample(i)),
    );
    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(1, MAX_TIMELINE_POINTS, 'happy'));
    ctx.socket.fire(SERVER_EVENTS.emotion, emotionUpdate(2, MAX_TIMELINE_POINTS + 1, 'happy'));

    const timeline = ctx.service.timeline();
    expect(timeline).toHaveLength(MAX_TIMELINE_POINTS);
    expect(timeline[0].at).toBe(2);
    expect(timeline[timeline.length - 1].at).toBe(MAX_TIMELINE_POINTS + 1);
  });

  it('shows the current track of the watched session', async () => {
    const ctx = online();
    await watchWithHistory(ctx, []);
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation({ sessionId: OTHER_ID }));
    expect(ctx.service.currentTrack()).toBeNull();
    ctx.socket.fire(SERVER_EVENTS.recommendation, recommendation());
    expect(ctx.service.currentTrack()?.track.title).toBe('Morning Light');
  });

  it('unwatches the previous session and ignores its late history when switching', async () => {
    const ctx = online();
    const selectingFirst = ctx.service.select(SESSION_ID);
    const firstWatch = ctx.socket.lastRequest(RESEARCHER_EVENTS.watch);

    void ctx.service.select(OTHER_ID);
    expect(ctx.socket.lastRequest(RESEARCHER_EVENTS.unwatch).payload).toEqual({ sessionId: SESSION_ID });
    firstWatch.reply({ ok: true, data: { samples: [sample(1000)], current: null } });
    await selectingFirst;
    expect(ctx.service.selectedId()).toBe(OTHER_ID);
    expect(ctx.service.timeline()).toEqual([]);
  });

  it('shows the message of a failed watch', async () => {
    const ctx = online();
    const selecting = ctx.service.select(SESSION_ID);
    ctx.socket
      .lastRequest(RESEARCHER_EVENTS.watch)
      .reply({ ok: false, error: { code: 'NOT_FOUND', message: 'No such session' } });
    await selecting;
    expect(ctx.service.error()).toBe('No such session');
  });

  it('watches the selected session again after a reconnect', async () => {
    const ctx = online();
    await watchWithHistory(ctx, [sample(1000)]);
    ctx.socket.connected = false;
    ctx.socket.fire('disconnect', 'transport close');
    expect(ctx.service.status()).toBe('offline');

    ctx.socket.acceptConnection();
    expect(ctx.socket.requests(RESEARCHER_EVENTS.watch)).toHaveLength(2);
  });
});
