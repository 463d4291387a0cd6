import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeWav, FEATURE_VERSION, toMono, VOICED_FRACTION_INDEX, windowFeatures } from '@attune/audio-features';
import type { Socket } from 'socket.io-client';
import { AffectSample, AuthToken, Feedback, Recommendation } from '@attune/persistence';
import { testDatabaseKinds } from '@attune/persistence/testing';
import {
  Ack,
  AffectEstimate,
  FACE_CROP_SIDE,
  FeedbackEvent,
  FrameResult,
  GREY_CROP_MIME,
  MAX_FRAME_BYTES,
  MoodUpdate,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RecommendationEvent,
  RESEARCHER_EVENTS as R,
  SERVER_EVENTS as S,
  SessionStarted,
  SessionSummary,
  WatchStarted,
} from '@attune/protocol';
import { datasetsDir, emptyFrame, happyFrame } from '../testing/face-fixtures';
import { http } from '../testing/http';
import { call, connect, next } from '../testing/socket-client';
import { runningStudy } from '../testing/study-fixture';
import { login, startTestServer, TestServer } from '../testing/test-server';

jest.setTimeout(60_000);

const DATASETS = datasetsDir();
if (!DATASETS) console.warn('Face-dependent gateway tests skipped: no ../shared/datasets (set DATASETS_DIR)');
const withFaces = DATASETS ? it : it.skip;

describe.each(testDatabaseKinds())('live session gateway on %s', (kind) => {
  let server: TestServer;
  const open: Socket[] = [];
  const participant = async () => {
    const s = await connect(server.url, NAMESPACES.participant);
    open.push(s);
    return s;
  };
  const started = async (s: Socket) => {
    const ack = await call<SessionStarted>(s, P.startSession, {});
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  };

  beforeAll(async () => {
    // A short resume grace period, so a disconnect ends the session within the test; a short
    // token check, so an idle researcher socket is seen to close once its token is gone.
    server = await startTestServer(kind, { SESSION_RESUME_GRACE_SEC: '0.2', RESEARCHER_TOKEN_CHECK_SEC: '0.5' });
  });
  afterEach(() => open.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => server?.close());

  it('reports database, models and catalog in /api/health', async () => {
    const res = await fetch(`${server.url}/api/health`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.db).toEqual({ ok: true, type: kind });
    expect(body.models.length).toBeGreaterThan(0);
    expect(body.models.every((m: { loaded: boolean }) => m.loaded)).toBe(true);
    expect(body.catalog.tracks).toBeGreaterThanOrEqual(7);
  });

  withFaces('turns a real face frame into happy, a track, and stored feedback', async () => {
    const s = await participant();
    const session = await started(s);
    const recommendation = next<RecommendationEvent>(s, S.recommendation);
    const ack = await call<FrameResult>(s, P.frame, {
      seq: 1,
      mime: 'image/jpeg',
      data: await happyFrame(DATASETS!),
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.faces).toBe(1);
    expect(ack.data.estimate?.label).toBe('happy');
    expect(ack.data.box!.width).toBeGreaterThan(0.2);

    const rec = await recommendation;
    expect(rec.sessionId).toBe(session.sessionId);
    expect(rec.trigger).toBe('start');
    expect(rec.explanation).toMatch(/happy/);

    const audio = await fetch(`${server.url}${rec.track.audioUrl}`, {
      headers: { Range: 'bytes=0-1023' },
    });
    expect(audio.status).toBe(206);
    expect(audio.headers.get('content-range')).toMatch(/^bytes 0-1023\/\d+$/);
    expect((await audio.arrayBuffer()).byteLength).toBe(1024);

    const watcher = await connect(server.url, NAMESPACES.researcher, { token: await login(server) });
    open.push(watcher);
    const watched = await call<WatchStarted>(watcher, R.watch, { sessionId: session.sessionId });
    expect(watched.ok && watched.data.current?.recommendationId).toBe(rec.recommendationId);
    expect(watched.ok && watched.data.samples.map((x) => `${x.modality}:${x.label}`)).toEqual([
      'face:happy',
      'fused:happy',
    ]);

    const like = {
      clientEventId: randomUUID(),
      recommendationId: rec.recommendationId,
      kind: 'like',
    };
    const stored = await call<{ feedbackId: string; duplicate: boolean }>(s, P.feedback, like);
    expect(stored).toEqual({
      ok: true,
      data: expect.objectContaining({ duplicate: false }),
    });
    const retry = await call<{ feedbackId: string; duplicate: boolean }>(s, P.feedback, like);
    expect(retry).toEqual({
      ok: true,
      data: expect.objectContaining({ duplicate: true }),
    });

    const rows = await server.db.getRepository(Feedback).findBy({ sessionId: session.sessionId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'like',
      recommendationId: rec.recommendationId,
    });
    const exposure = await server.db.getRepository(Recommendation).findOneByOrFail({ id: rec.recommendationId });
    expect(exposure).toMatchObject({
      sessionId: session.sessionId,
      moodLabel: 'happy',
      trackId: rec.track.id,
    });
  });

  withFaces('answers a skip with the next track and ends the session after a disconnect', async () => {
    const s = await participant();
    const session = await started(s);
    const first = next<RecommendationEvent>(s, S.recommendation);
    await call(s, P.frame, {
      seq: 1,
      mime: 'image/jpeg',
      data: await happyFrame(DATASETS!),
    });
    const rec = await first;
    const second = next<RecommendationEvent>(s, S.recommendation);
    const skip = await call(s, P.feedback, {
      clientEventId: randomUUID(),
      recommendationId: rec.recommendationId,
      kind: 'skip',
    });
    expect(skip.ok).toBe(true);
    const after = await second;
    expect(after.trigger).toBe('skip');
    expect(after.track.id).not.toBe(rec.track.id);

    const watcher = await connect(server.url, NAMESPACES.researcher, {
      token: await login(server),
    });
    open.push(watcher);
    const ended = new Promise<SessionSummary[]>((resolve) =>
      watcher.on(S.sessions, (list: SessionSummary[]) => {
        if (list.some((x) => x.id === session.sessionId && !x.live)) resolve(list);
      }),
    );
    s.disconnect();
    expect((await ended).find((x) => x.id === session.sessionId)?.endedAt).toBeTruthy();
  });

  withFaces('classifies a face crop cut out by the client, without detecting again', async () => {
    const s = await participant();
    await started(s);
    const png = readFileSync(join(DATASETS!, 'ckplus48/happy/S010_006_00000015.png'));
    const side = FACE_CROP_SIDE;
    const grey = new Uint8Array(await sharp(png).greyscale().resize(side, side).extractChannel(0).raw().toBuffer());
    const box = { x: 0.35, y: 0.25, width: 0.3, height: 0.4 };
    const ack = await call<FrameResult>(s, P.frame, { seq: 1, mime: GREY_CROP_MIME, data: grey, crop: box });
    expect(ack).toMatchObject({ ok: true, data: { seq: 1, faces: 1, box } });
    expect(ack.ok && ack.data.estimate?.label).toBe('happy');
    // The same face as a JPEG crop.
    const jpeg = await sharp(png).resize(side, side).jpeg().toBuffer();
    const again = await call<FrameResult>(s, P.frame, { seq: 2, mime: 'image/jpeg', data: jpeg, crop: box });
    expect(again.ok && again.data.estimate?.label).toBe('happy');
    // A grey crop of the wrong size, or without its box, is refused with a typed error.
    const short = await call(s, P.frame, { seq: 3, mime: GREY_CROP_MIME, data: grey.subarray(1), crop: box });
    expect(short).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA' } });
    const boxless = await call(s, P.frame, { seq: 4, mime: GREY_CROP_MIME, data: grey });
    expect(boxless).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('sends no emotion and no track for a frame without a face', async () => {
    const s = await participant();
    await started(s);
    const ack = await call<FrameResult>(s, P.frame, {
      seq: 1,
      mime: 'image/jpeg',
      data: await emptyFrame(),
    });
    expect(ack).toEqual({
      ok: true,
      data: expect.objectContaining({ faces: 0, estimate: null }),
    });
  });

  it('gives typed errors for malformed frames and unknown events, and stays up', async () => {
    const framesBy = async (outcome: string) => {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      return Number(metrics.match(new RegExp(`attune_frames_total\\{outcome="${outcome}"\\} (\\d+)`))?.[1] ?? 0);
    };
    const rejectedBefore = await framesBy('rejected');
    const s = await participant();
    expect(
      await call(s, P.frame, {
        seq: 1,
        mime: 'image/jpeg',
        data: await emptyFrame(),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NO_SESSION' },
    });
    await started(s);
    const cases: [string, unknown[], string][] = [
      ['data of the wrong type', [{ seq: 1, mime: 'image/jpeg', data: 'not binary' }], 'INVALID_PAYLOAD'],
      ['a missing field', [{ seq: 1, data: Buffer.from([0xff, 0xd8, 0xff]) }], 'INVALID_PAYLOAD'],
      ['a payload that is not an object', ['frame!'], 'INVALID_PAYLOAD'],
      ['two payloads', [{}, {}], 'INVALID_PAYLOAD'],
      [
        'an oversized frame',
        [
          {
            seq: 2,
            mime: 'image/jpeg',
            data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_FRAME_BYTES)]),
          },
        ],
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'bytes that are not an image',
        [
          {
            seq: 3,
            mime: 'image/jpeg',
            data: Buffer.from('hello, this is text'),
          },
        ],
        'UNSUPPORTED_MEDIA',
      ],
      [
        'a truncated JPEG',
        [
          {
            seq: 4,
            mime: 'image/jpeg',
            data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
          },
        ],
        'UNSUPPORTED_MEDIA',
      ],
    ];
    for (const [what, args, code] of cases) {
      const ack = await call(s, P.frame, ...args);
      expect({ what, code: ack.ok ? 'ok' : ack.error.code }).toEqual({
        what,
        code,
      });
    }
    const unknown = await call(s, 'frames', {});
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });

    const pushed = next<{ code: string; event: string }>(s, S.error);
    s.emit('no-such-event', { a: 1 });
    expect(await pushed).toMatchObject({
      code: 'UNKNOWN_EVENT',
      event: 'no-such-event',
    });

    expect(s.connected).toBe(true);
    const ok = await call<FrameResult>(s, P.frame, {
      seq: 5,
      mime: 'image/jpeg',
      data: await emptyFrame(),
    });
    expect(ok.ok).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    // Oversized, not a JPEG, truncated JPEG (schema-invalid payloads never become frames).
    expect((await framesBy('rejected')) - rejectedBefore).toBe(3);
    expect(await framesBy('processed')).toBeGreaterThanOrEqual(1);
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/attune_frame_processing_seconds_bucket/);
  });

  it('keeps participants inside their own session', async () => {
    const a = await participant();
    await started(a);
    const foreign = await call(a, P.feedback, {
      clientEventId: randomUUID(),
      recommendationId: randomUUID(),
      kind: 'like',
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(a, R.watch, { sessionId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
  });

  it('lets researchers in only with a login token, and streams a watched session live', async () => {
    await expect(
      connect(server.url, NAMESPACES.researcher, { token: 'wrong-token-of-plausible-length' }),
    ).rejects.toThrow('unauthorized');
    expect((await fetch(`${server.url}/api/sessions`)).status).toBe(401);

    const s = await participant();
    const session = await started(s);
    const r = await connect(server.url, NAMESPACES.researcher, {
      token: await login(server),
    });
    open.push(r);
    const watched = await call<{ samples: unknown[] }>(r, R.watch, {
      sessionId: session.sessionId,
    });
    expect(watched.ok).toBe(true);
    const update = next<{ sessionId: string; seq: number }>(r, S.emotion);
    await call(s, P.frame, {
      seq: 7,
      mime: 'image/jpeg',
      data: await emptyFrame(),
    });
    expect(await update).toMatchObject({
      sessionId: session.sessionId,
      seq: 7,
    });

    const res = await fetch(`${server.url}/api/sessions`, {
      headers: { Authorization: `Bearer ${await login(server)}` },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).map((x: SessionSummary) => x.id)).toContain(session.sessionId);
  });

  it('tells the researchers watching a session of each stored feedback, once, and no one else', async () => {
    const { token, participants } = await runningStudy(server, 1);
    const outsider = { email: `outsider-${randomUUID()}@lab.test`, password: 'outsider-password-123' };
    expect(
      (await http(server, 'POST', '/researchers', { token, body: { ...outsider, role: 'researcher' } })).status,
    ).toBe(201);
    const s = await participant();
    const start = await call<SessionStarted>(s, P.startSession, { participantCode: participants[0].code });
    if (!start.ok) throw new Error(start.error.message);
    const { sessionId } = start.data;
    const recommended = next<RecommendationEvent>(s, S.recommendation);
    await call(s, P.text, { text: 'I am so happy and excited about today!' });
    const rec = await recommended;

    const owner = await connect(server.url, NAMESPACES.researcher, { token });
    const other = await connect(server.url, NAMESPACES.researcher, {
      token: await login(server, outsider.email, outsider.password),
    });
    open.push(owner, other);
    expect((await call(owner, R.watch, { sessionId })).ok).toBe(true);
    expect(await call(other, R.watch, { sessionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const seen: FeedbackEvent[] = [];
    const leaked: unknown[] = [];
    owner.on(S.feedback, (e: FeedbackEvent) => seen.push(e));
    other.on(S.feedback, (e: unknown) => leaked.push(e));

    const like = { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'like' };
    const before = Date.now();
    expect(await call(s, P.feedback, like)).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(await call(s, P.feedback, like)).toMatchObject({ ok: true, data: { duplicate: true } });
    const rating = { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'rating', value: 4 };
    expect(await call(s, P.feedback, rating)).toMatchObject({ ok: true, data: { duplicate: false } });
    await new Promise((r) => setTimeout(r, 300));

    // The retry of the like is not announced again.
    expect(seen).toEqual([
      { sessionId, recommendationId: rec.recommendationId, kind: 'like', at: expect.any(Number) },
      { sessionId, recommendationId: rec.recommendationId, kind: 'rating', value: 4, at: expect.any(Number) },
    ]);
    expect(seen[0].at).toBeGreaterThanOrEqual(before - 1000);
    expect(leaked).toEqual([]);
  });

  it('closes an idle researcher socket once its token is signed out or expired', async () => {
    const closed = (s: Socket) => new Promise<string>((resolve) => s.once('disconnect', resolve));
    const signedOut = await login(server);
    const r = await connect(server.url, NAMESPACES.researcher, { token: signedOut });
    open.push(r);
    const told = next<{ code: string; event: string }>(r, S.error);
    const gone = closed(r);
    expect((await http(server, 'POST', '/auth/logout', { token: signedOut })).status).toBe(204);
    expect(await told).toMatchObject({ code: 'UNAUTHORIZED', event: 'token-check' });
    expect(await gone).toBe('io server disconnect');

    const expiring = await login(server);
    const e = await connect(server.url, NAMESPACES.researcher, { token: expiring });
    open.push(e);
    const expired = closed(e);
    const me = (await http(server, 'GET', '/auth/me', { token: expiring })).body.id;
    await server.db.getRepository(AuthToken).update({ researcherId: me }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await expired).toBe('io server disconnect');
  });

  it('refuses audio for unknown tracks without touching the file system', async () => {
    expect((await fetch(`${server.url}/api/tracks/..%2F..%2Fpackage.json/audio`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/tracks/nope/audio`)).status).toBe(404);
  });

  it('classifies typed text, fuses it into the mood, and starts the music from it', async () => {
    const s = await participant();
    const session = await started(s);
    const mood = next<MoodUpdate>(s, S.mood);
    const recommendation = next<RecommendationEvent>(s, S.recommendation);
    const ack = await call<{ estimate: AffectEstimate }>(s, P.text, { text: 'I am so happy and excited about today!' });
    expect(ack.ok && ack.data.estimate).toMatchObject({ modality: 'text', label: 'happy' });
    const update = await mood;
    expect(update).toMatchObject({
      sessionId: session.sessionId,
      estimate: { modality: 'text' },
      fused: { modality: 'fused', label: 'happy' },
    });
    expect(update.contributions).toEqual([expect.objectContaining({ modality: 'text', weight: 1 })]);
    expect((await recommendation).trigger).toBe('start');
    const stored = await server.db.getRepository(AffectSample).findBy({ sessionId: session.sessionId });
    expect(stored.map((x) => x.modality).sort()).toEqual(['fused', 'text']);
  });

  it('refuses empty text and a flood of messages with typed errors', async () => {
    const s = await participant();
    await started(s);
    expect(await call(s, P.text, { text: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const ack = await call(s, P.text, { text: `message ${i}` });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(codes.slice(5)).toContain('RATE_LIMITED');
    expect(s.connected).toBe(true);
  });

  withFaces('turns microphone feature windows into a voice estimate, and silence into none', async () => {
    const wav = decodeWav(readFileSync(join(DATASETS!, 'emodb/wav/03a01Wa.wav')));
    const windows = windowFeatures(toMono(wav), wav.sampleRate)
      .filter((w) => w.vector)
      .map((w) => Array.from(w.vector!));
    expect(windows.length).toBeGreaterThan(0);
    const s = await participant();
    await started(s);
    const mood = next<MoodUpdate>(s, S.mood);
    const ack = await call<{ estimate: AffectEstimate | null }>(s, P.audioFeatures, {
      featureVersion: FEATURE_VERSION,
      windows: windows.slice(0, 8),
    });
    expect(ack.ok && ack.data.estimate).toMatchObject({ modality: 'voice', modelId: 'voice-emodb' });
    expect((await mood).contributions).toEqual([expect.objectContaining({ modality: 'voice' })]);

    const silent = windows[0].map((v, i) => (i === VOICED_FRACTION_INDEX ? 0 : v));
    expect(await call(s, P.audioFeatures, { featureVersion: FEATURE_VERSION, windows: [silent] })).toEqual({
      ok: true,
      data: { estimate: null },
    });
    expect(await call(s, P.audioFeatures, { featureVersion: 'v0', windows: [silent] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await call(s, P.audioFeatures, { featureVersion: FEATURE_VERSION, windows: [[1, 2, 3]] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
  });
});
