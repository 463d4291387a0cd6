import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { AffectSample, Recommendation, Session } from '@attune/persistence';
import { testDatabaseKinds } from '@attune/persistence/testing';
import {
  EMOTIONS,
  FrameResult,
  MoodOverrideStored,
  MoodUpdate,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RecommendationEvent,
  SERVER_EVENTS as S,
  SessionStarted,
  type Emotion,
  type EmotionDistribution,
} from '@attune/protocol';
import { emptyFrame } from '../testing/face-fixtures';
import { call, connect, next } from '../testing/socket-client';
import { login, startTestServer, TestServer } from '../testing/test-server';

jest.setTimeout(60_000);

/** `top` gets `p`, the rest shares what is left. */
function distribution(top: Emotion, p: number): EmotionDistribution {
  return Object.fromEntries(
    EMOTIONS.map((e) => [e, e === top ? p : (1 - p) / (EMOTIONS.length - 1)]),
  ) as EmotionDistribution;
}

const box = { x: 0.3, y: 0.2, width: 0.3, height: 0.4 };

/** The participant app's server side (issue 7): mood override, browser face estimates (edge mode), ending a session. */
describe.each(testDatabaseKinds())('participant app events on %s', (kind) => {
  let server: TestServer;
  let token: string;
  const open: Socket[] = [];
  const participant = async () => {
    const s = await connect(server.url, NAMESPACES.participant);
    open.push(s);
    return s;
  };
  const started = async (s: Socket, participantCode?: string) => {
    const ack = await call<SessionStarted>(s, P.startSession, participantCode ? { participantCode } : {});
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  };
  const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  /** A running study in `faceMode` whose participant consented to the camera; its participant code. */
  const consentedParticipant = async (faceMode: 'server' | 'edge') => {
    const study = await rest<{ id: string; faceMode: string }>('POST', '/studies', {
      title: `Faces ${faceMode}`,
      description: 'x',
      faceMode,
    });
    expect(study.faceMode).toBe(faceMode);
    await rest('POST', `/studies/${study.id}/consent-forms`, {
      text: 'consent',
      modalities: ['camera'],
      offersRawMediaStorage: false,
      retentionDays: 30,
    });
    await rest('PATCH', `/studies/${study.id}`, { status: 'running' });
    const { code } = await rest<{ code: string }>('POST', `/studies/${study.id}/participants`);
    const info = await (await fetch(`${server.url}/api/join/${code}`)).json();
    expect(info.faceMode).toBe(faceMode);
    const consent = await fetch(`${server.url}/api/join/${code}/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        clientEventId: randomUUID(),
        formVersion: 1,
        camera: true,
        microphone: false,
        text: false,
        storeRawMedia: false,
      }),
    });
    expect(consent.status).toBe(201);
    return code;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { SESSION_RESUME_GRACE_SEC: '0.2' });
    token = await login(server);
  });
  afterEach(() => open.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => server?.close());

  it('a mood override replaces the fused mood, is stored, brings a track, and can be cleared', async () => {
    const s = await participant();
    const session = await started(s);
    const mood = next<MoodUpdate>(s, S.mood);
    const rec = next<RecommendationEvent>(s, S.recommendation);
    const ack = await call<MoodOverrideStored>(s, P.moodOverride, { emotion: 'sad' });
    expect(ack.ok && ack.data.override).toMatchObject({ label: 'sad', confidence: 1, modality: 'fused' });
    expect(await mood).toMatchObject({ overridden: true, fused: { label: 'sad' }, contributions: [] });
    expect(await rec).toMatchObject({ trigger: 'mood-override', track: { emotion: 'sad' } });

    // A face estimate under the override changes the face reading, not the mood.
    const faceMood = next<MoodUpdate>(s, S.mood);
    await call<FrameResult>(s, P.faceEstimate, {
      seq: 1,
      faces: 1,
      distribution: distribution('happy', 0.9),
      box,
      modelId: 'test',
    });
    expect(await faceMood).toMatchObject({ estimate: { label: 'happy' }, fused: { label: 'sad' }, overridden: true });

    const stored = await server.db
      .getRepository(AffectSample)
      .findBy({ sessionId: session.sessionId, modelId: 'participant-override' });
    expect(stored.map((x) => `${x.modality}:${x.label}`)).toEqual(['fused:sad']);
    const triggers = await server.db.getRepository(Recommendation).findBy({ sessionId: session.sessionId });
    expect(triggers.map((r) => r.trigger)).toContain('mood-override');

    const cleared = await call<MoodOverrideStored>(s, P.moodOverride, { emotion: null });
    expect(cleared).toEqual({ ok: true, data: { override: null } });
    const bad = await call(s, P.moodOverride, { emotion: 'bored' });
    expect(bad.ok || bad.error.code).toBe('INVALID_PAYLOAD');
  });

  it('takes browser face estimates in a demo session, validated, never a picture', async () => {
    const s = await participant();
    const session = await started(s);
    expect(session).toMatchObject({ faceMode: 'server', faceModeChoosable: true });
    const emotion = next<FrameResult>(s, S.emotion);
    const ack = await call<FrameResult>(s, P.faceEstimate, {
      seq: 3,
      faces: 1,
      distribution: distribution('happy', 0.7),
      box,
      modelId: 'tiny-face-detector-224+ckplus48-fast',
    });
    expect(ack.ok && ack.data).toMatchObject({ seq: 3, faces: 1, box, estimate: { label: 'happy', modality: 'face' } });
    expect(ack.ok && ack.data.estimate?.modelId).toBe('edge:tiny-face-detector-224+ckplus48-fast');
    expect((await emotion).estimate?.label).toBe('happy');

    const noFace = await call<FrameResult>(s, P.faceEstimate, {
      seq: 4,
      faces: 0,
      distribution: null,
      box: null,
      modelId: 'm',
    });
    expect(noFace.ok && noFace.data.estimate).toBeNull();

    const invalid = [
      {
        seq: 5,
        faces: 1,
        distribution: distribution('happy', 0.7),
        box,
        modelId: 'm',
        data: new Uint8Array([0xff, 0xd8]),
      },
      { seq: 6, faces: 1, distribution: { ...distribution('happy', 0.7), happy: 0.1 }, box, modelId: 'm' },
      { seq: 7, faces: 1, distribution: null, box: null, modelId: 'm' },
      { seq: 8, faces: 1, distribution: distribution('sad', 0.5), box: { ...box, width: 2 }, modelId: 'm' },
    ];
    for (const payload of invalid) {
      const refused = await call(s, P.faceEstimate, payload);
      expect(refused.ok || refused.error.code).toBe('INVALID_PAYLOAD');
    }
  });

  it('an edge study refuses frames and takes estimates; a server study refuses estimates', async () => {
    const edge = await participant();
    const edgeSession = await started(edge, await consentedParticipant('edge'));
    expect(edgeSession).toMatchObject({ faceMode: 'edge', faceModeChoosable: false });
    const frame = await call(edge, P.frame, { seq: 1, mime: 'image/jpeg', data: await emptyFrame() });
    expect(frame.ok || frame.error.code).toBe('CONSENT_REQUIRED');
    const estimate = await call<FrameResult>(edge, P.faceEstimate, {
      seq: 2,
      faces: 1,
      distribution: distribution('surprise', 0.8),
      box,
      modelId: 'm',
    });
    expect(estimate.ok && estimate.data.estimate?.label).toBe('surprise');

    const serverSide = await participant();
    const serverSession = await started(serverSide, await consentedParticipant('server'));
    expect(serverSession.faceMode).toBe('server');
    const refused = await call(serverSide, P.faceEstimate, {
      seq: 1,
      faces: 1,
      distribution: distribution('happy', 0.8),
      box,
      modelId: 'm',
    });
    expect(refused.ok || refused.error.code).toBe('INVALID_PAYLOAD');
  });

  it('ends a session on request: stored as ended at once, and the socket has no session any more', async () => {
    const s = await participant();
    const session = await started(s);
    const ended = await call<{ sessionId: string }>(s, P.endSession, {});
    expect(ended.ok && ended.data.sessionId).toBe(session.sessionId);
    const row = await server.db.getRepository(Session).findOneByOrFail({ id: session.sessionId });
    expect(row.endedAt).not.toBeNull();
    const after = await call(s, P.moodOverride, { emotion: 'happy' });
    expect(after.ok || after.error.code).toBe('NO_SESSION');
    const again = await call(s, P.endSession, {});
    expect(again.ok || again.error.code).toBe('NO_SESSION');
    // The same connection may start a new session.
    expect((await started(s)).sessionId).not.toBe(session.sessionId);
  });

  it('serves the edge models to anyone, and only their files', async () => {
    const res = await fetch(`${server.url}/api/edge-model`);
    expect(res.status).toBe(200);
    const model = await res.json();
    expect(model.detector).toMatchObject({ id: 'tiny-face-detector', inputSize: 224 });
    expect(model.classifier.labels.length).toBeGreaterThanOrEqual(6);
    // The browser scores faces with the server's own live classifier.
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health.models.map((m: { id: string }) => m.id)).toContain(model.classifier.id);
    const manifest = await fetch(`${server.url}${model.detector.manifestUrl}`);
    expect(manifest.status).toBe(200);
    const [group] = await manifest.json();
    const shard = await fetch(`${server.url}/api/edge-model/files/detector/${group.paths[0]}`);
    expect(shard.status).toBe(200);
    expect((await shard.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const topology = await (await fetch(`${server.url}${model.classifier.modelUrl}`)).json();
    expect(topology.weightsManifest[0].paths.length).toBeGreaterThan(0);
    for (const path of ['classifier/metadata.json', 'detector/..%2F..%2Fpackage.json', 'other/model.json']) {
      expect((await fetch(`${server.url}/api/edge-model/files/${path}`)).status).toBe(404);
    }
  });
});
