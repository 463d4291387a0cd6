import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  AffectSample,
  Assignment,
  AuditEntry,
  ConsentRecord,
  Feedback,
  Participant,
  Recommendation,
  Session,
  Withdrawal,
} from '@attune/persistence';
import { testDatabaseKinds } from '@attune/persistence/testing';
import {
  Ack,
  FrameResult,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RecommendationEvent,
  SERVER_EVENTS as S,
  SessionStarted,
} from '@attune/protocol';
import { datasetsDir, happyFrame } from '../testing/face-fixtures';
import { http } from '../testing/http';
import { call, connect } from '../testing/socket-client';
import { runningStudy } from '../testing/study-fixture';
import { login, startTestServer, TestServer } from '../testing/test-server';

jest.setTimeout(120_000);
const DATASETS = datasetsDir();
const withFaces = DATASETS ? it : it.skip;

describe.each(testDatabaseKinds())('studies, consent and withdrawal on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let studyId: string;
  const sockets: Socket[] = [];

  async function newParticipant(): Promise<{ id: string; code: string }> {
    const res = await http(server, 'POST', `/studies/${studyId}/participants`, { token: admin });
    return res.body;
  }

  async function consent(code: string, choices: Partial<Record<'camera' | 'microphone' | 'text', boolean>>) {
    const form = (await http(server, 'GET', `/join/${code}`)).body.consentForm;
    return http(server, 'POST', `/join/${code}/consent`, {
      body: {
        formVersion: form.version,
        camera: false,
        microphone: false,
        text: false,
        storeRawMedia: false,
        clientEventId: randomUUID(),
        ...choices,
      },
    });
  }

  async function start(code: string): Promise<{ socket: Socket; ack: Ack<SessionStarted> }> {
    const socket = await connect(server.url, NAMESPACES.participant);
    sockets.push(socket);
    return { socket, ack: await call<SessionStarted>(socket, P.startSession, { participantCode: code }) };
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = await login(server);
    studyId = (await http(server, 'POST', '/studies', { token: admin, body: { title: 'Mood study', description: '' } }))
      .body.id;
    await http(server, 'POST', `/studies/${studyId}/consent-forms`, {
      token: admin,
      body: {
        text: '# We analyse your face',
        modalities: ['camera', 'text'],
        offersRawMediaStorage: false,
        retentionDays: 30,
      },
    });
    await http(server, 'PATCH', `/studies/${studyId}`, { token: admin, body: { status: 'running' } });
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => server?.close());

  it('refuses a session before consent, and frames without camera consent', async () => {
    const p = await newParticipant();
    expect((await start(p.code)).ack).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });

    expect((await consent(p.code, { text: true })).status).toBe(201);
    const { socket, ack } = await start(p.code);
    expect(ack).toMatchObject({ ok: true, data: { studyId, consent: { camera: false, text: true } } });
    const frame = await call<FrameResult>(socket, P.frame, {
      seq: 0,
      mime: 'image/jpeg',
      data: Buffer.from([0xff, 0xd8, 0xff, 0]),
    });
    expect(frame).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect(await server.db.getRepository(AffectSample).countBy({ sessionId: ack.ok ? ack.data.sessionId : '' })).toBe(
      0,
    );
  });

  it('refuses consent to a modality the form does not ask for, and an outdated form version', async () => {
    const p = await newParticipant();
    expect((await consent(p.code, { microphone: true })).status).toBe(400);
    const outdated = await http(server, 'POST', `/join/${p.code}/consent`, {
      body: {
        formVersion: 99,
        camera: true,
        microphone: false,
        text: false,
        storeRawMedia: false,
        clientEventId: randomUUID(),
      },
    });
    expect(outdated.status).toBe(409);
  });

  it('keeps the consent log append-only', async () => {
    const p = await newParticipant();
    await consent(p.code, { camera: true });
    await consent(p.code, { camera: false });
    const log = await http(server, 'GET', `/studies/${studyId}/participants/${p.id}/consent`, { token: admin });
    expect(log.body.map((r: { choices: { camera: boolean } }) => r.choices.camera)).toEqual([true, false]);
  });

  it('records a re-sent consent once (same clientEventId), and refuses one without an id', async () => {
    const p = await newParticipant();
    const form = (await http(server, 'GET', `/join/${p.code}`)).body.consentForm;
    const body = {
      formVersion: form.version,
      camera: true,
      microphone: false,
      text: false,
      storeRawMedia: false,
      clientEventId: randomUUID(),
    };
    const first = await http(server, 'POST', `/join/${p.code}/consent`, { body });
    const again = await http(server, 'POST', `/join/${p.code}/consent`, { body });
    expect(first).toMatchObject({ status: 201, body: { duplicate: false } });
    expect(again).toMatchObject({ status: 201, body: { duplicate: true, at: first.body.at } });
    const noId = { ...body, clientEventId: undefined };
    expect((await http(server, 'POST', `/join/${p.code}/consent`, { body: noId })).status).toBe(400);
    const log = await http(server, 'GET', `/studies/${studyId}/participants/${p.id}/consent`, { token: admin });
    expect(log.body).toHaveLength(1);
  });

  withFaces('withdrawal leaves zero rows of the participant’s data, and keeps the withdrawal record', async () => {
    const p = await newParticipant();
    await consent(p.code, { camera: true });
    const { socket, ack } = await start(p.code);
    if (!ack.ok) throw new Error(ack.error.message);
    const sessionId = ack.data.sessionId;
    const recommended = new Promise<RecommendationEvent>((resolve) => socket.once(S.recommendation, resolve));
    await call(socket, P.frame, { seq: 0, mime: 'image/jpeg', data: await happyFrame(DATASETS!) });
    const rec = await recommended;
    await call(socket, P.feedback, {
      clientEventId: randomUUID(),
      recommendationId: rec.recommendationId,
      kind: 'like',
    });
    expect(await server.db.getRepository(Feedback).countBy({ sessionId })).toBe(1);
    socket.disconnect();

    const res = await http(server, 'DELETE', `/studies/${studyId}/participants/${p.id}`, { token: admin });
    expect(res.status).toBe(200);

    const db = server.db;
    const counts = {
      participant: await db.getRepository(Participant).countBy({ id: p.id }),
      session: await db.getRepository(Session).countBy({ participantId: p.id }),
      samples: await db.getRepository(AffectSample).countBy({ sessionId }),
      exposures: await db.getRepository(Recommendation).countBy({ sessionId }),
      feedback: await db.getRepository(Feedback).countBy({ sessionId }),
      consent: await db.getRepository(ConsentRecord).countBy({ participantId: p.id }),
      assignments: await db.getRepository(Assignment).countBy({ participantId: p.id }),
    };
    expect(counts).toEqual({
      participant: 0,
      session: 0,
      samples: 0,
      exposures: 0,
      feedback: 0,
      consent: 0,
      assignments: 0,
    });
    expect(await db.getRepository(Withdrawal).countBy({ participantId: p.id })).toBe(1);
    expect(await db.getRepository(AuditEntry).countBy({ action: 'participant.withdraw', targetId: p.id })).toBe(1);
    // The code is dead: no new session, no join page.
    expect((await start(p.code)).ack).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect((await http(server, 'GET', `/join/${p.code}`)).status).toBe(404);
  });

  it('lets participants withdraw themselves', async () => {
    const p = await newParticipant();
    await consent(p.code, { camera: true });
    expect((await http(server, 'POST', `/join/${p.code}/withdraw`)).status).toBe(200);
    const withdrawals = await http(server, 'GET', `/studies/${studyId}/withdrawals`, { token: admin });
    expect(withdrawals.body.map((w: { participantCode: string }) => w.participantCode)).toContain(p.code);
  });

  it('assigns a participant to the same arm in every session, recorded once; one running experiment per study', async () => {
    const experiment = await http(server, 'POST', `/studies/${studyId}/experiments`, {
      token: admin,
      body: {
        name: 'arms',
        arms: [
          { key: 'a', strategy: 'emotion-folder-random', weight: 1 },
          { key: 'b', strategy: 'emotion-folder-random', weight: 1 },
        ],
      },
    });
    expect(experiment.status).toBe(201);
    expect(
      (
        await http(server, 'PATCH', `/studies/${studyId}/experiments/${experiment.body.id}`, {
          token: admin,
          body: { status: 'running' },
        })
      ).status,
    ).toBe(200);
    const second = await http(server, 'POST', `/studies/${studyId}/experiments`, {
      token: admin,
      body: {
        name: 'x',
        arms: [
          { key: 'a', strategy: 'emotion-folder-random', weight: 1 },
          { key: 'b', strategy: 'emotion-folder-random', weight: 1 },
        ],
      },
    });
    expect(
      (
        await http(server, 'PATCH', `/studies/${studyId}/experiments/${second.body.id}`, {
          token: admin,
          body: { status: 'running' },
        })
      ).status,
    ).toBe(409);

    const p = await newParticipant();
    await consent(p.code, { camera: true });
    const armIds: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const { socket, ack } = await start(p.code);
      if (!ack.ok) throw new Error(ack.error.message);
      armIds.push((await server.db.getRepository(Session).findOneByOrFail({ id: ack.data.sessionId })).armId);
      if (i === 0 && DATASETS) {
        // One exposure with a like, so the results and the export have something to show.
        const recommended = new Promise<RecommendationEvent>((resolve) => socket.once(S.recommendation, resolve));
        await call(socket, P.frame, { seq: 0, mime: 'image/jpeg', data: await happyFrame(DATASETS) });
        const rec = await recommended;
        expect(await call(socket, P.trackStarted, { recommendationId: rec.recommendationId })).toMatchObject({
          ok: true,
        });
        await call(socket, P.feedback, {
          clientEventId: randomUUID(),
          recommendationId: rec.recommendationId,
          kind: 'like',
        });
        await call(socket, P.feedback, {
          clientEventId: randomUUID(),
          recommendationId: rec.recommendationId,
          kind: 'rating',
          value: 4,
        });
      }
      socket.disconnect();
    }
    expect(armIds[0]).toBeTruthy();
    expect(new Set(armIds).size).toBe(1);
    expect(await server.db.getRepository(Assignment).countBy({ participantId: p.id })).toBe(1);
  });

  it('summarises the arms with data while the control arm has none, and says why nothing is compared', async () => {
    const own = await runningStudy(server, 1);
    const arms = [
      { key: 'a', strategy: 'emotion-folder-random', weight: 1 },
      { key: 'b', strategy: 'emotion-folder-random', weight: 1 },
    ];
    const experiment = await http(server, 'POST', `/studies/${own.studyId}/experiments`, {
      token: own.token,
      body: { name: 'one-sided', arms },
    });
    expect(experiment.status).toBe(201);
    const path = `/studies/${own.studyId}/experiments/${experiment.body.id}`;
    expect((await http(server, 'PATCH', path, { token: own.token, body: { status: 'running' } })).status).toBe(200);

    const { socket, ack } = await start(own.participants[0].code);
    if (!ack.ok) throw new Error(ack.error.message);
    const recommended = new Promise<RecommendationEvent>((resolve) => socket.once(S.recommendation, resolve));
    await call(socket, P.text, { text: 'I am so happy and excited about today!' });
    const rec = await recommended;
    expect(await call(socket, P.trackStarted, { recommendationId: rec.recommendationId })).toMatchObject({ ok: true });
    const like = { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'like' };
    expect(await call(socket, P.feedback, like)).toMatchObject({ ok: true });

    const armId = (await server.db.getRepository(Session).findOneByOrFail({ id: ack.data.sessionId })).armId;
    const withData = experiment.body.arms.find((a: { id: string }) => a.id === armId).key;
    const empty = withData === 'a' ? 'b' : 'a';
    // Asked against the arm without exposures: that arm's comparison cannot be made, the other arm is still described.
    const oneSided = await http(server, 'GET', `${path}/results?control=${empty}`, { token: own.token });
    expect(oneSided.status).toBe(200);
    expect(oneSided.body).toMatchObject({
      exposures: 1,
      comparisons: [],
      comparisonsOmitted: { reason: 'control-has-no-data', message: expect.stringContaining(`"${empty}"`) },
    });
    expect(Object.keys(oneSided.body.arms)).toEqual([withData]);
    expect(oneSided.body.arms[withData].like_rate).toMatchObject({ n: 1, mean: 1 });

    const controlOnly = await http(server, 'GET', `${path}/results?control=${withData}`, { token: own.token });
    expect(controlOnly.body).toMatchObject({
      comparisons: [],
      comparisonsOmitted: { reason: 'other-arms-have-no-data' },
    });
    expect(controlOnly.body.arms[withData].like_rate).toMatchObject({ n: 1, mean: 1 });
  });

  withFaces('reports per-arm results with SRM, and exports tidy CSV and JSON', async () => {
    const experiments = (await http(server, 'GET', `/studies/${studyId}/experiments`, { token: admin })).body;
    const running = experiments.find((e: { status: string }) => e.status === 'running');
    const results = await http(server, 'GET', `/studies/${studyId}/experiments/${running.id}/results`, {
      token: admin,
    });
    expect(results.status).toBe(200);
    expect(results.body.exposures).toBeGreaterThan(0);
    expect(Object.values(results.body.assigned).reduce((a: number, b) => a + (b as number), 0)).toBeGreaterThan(0);
    expect(results.body.srm).toEqual(expect.objectContaining({ chi2: expect.any(Number), p: expect.any(Number) }));

    const csv = await fetch(`${server.url}/api/studies/${studyId}/export/feedback?format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('participant_id,session_id,exposure_id,kind,value,listened_sec,at');
    expect(lines.some((l) => l.includes(',rating,4,'))).toBe(true);

    const exposures = await http(server, 'GET', `/studies/${studyId}/export/exposures?format=json`, { token: admin });
    expect(exposures.body.length).toBeGreaterThan(0);
    expect(exposures.body[0]).toEqual(
      expect.objectContaining({ participant_id: expect.any(String), arm_id: expect.any(String) }),
    );
    const samples = await http(server, 'GET', `/studies/${studyId}/export/samples?format=json`, { token: admin });
    expect(new Set(samples.body.map((r: { emotion: string }) => r.emotion)).size).toBe(7);
    expect((await http(server, 'GET', `/studies/${studyId}/export/secrets`, { token: admin })).status).toBe(400);
  });
});
