import { randomUUID } from 'node:crypto';
import { Ack, NAMESPACES, PARTICIPANT_EVENTS, SessionStarted } from '@attune/protocol';
import { connect } from '../testing/socket-client';
import { startTestServer, login, TestServer } from '../testing/test-server';
import { http } from '../testing/http';

jest.setTimeout(120_000);

type Who = 'anonymous' | 'participant' | 'otherResearcher' | 'owner' | 'admin';
const WHO: Who[] = ['anonymous', 'participant', 'otherResearcher', 'owner', 'admin'];

/**
 * Every REST route against every kind of caller: anonymous, a participant (their join code
 * is not a researcher credential), a researcher of another study, the study's owner, an
 * admin. Another study's researcher gets 404, so study ids are not even confirmed.
 */
describe('route x role access', () => {
  let server: TestServer;
  const token: Partial<Record<Who, string>> = {};
  let studyId: string;
  let participantId: string;
  let participantCode: string;
  let experimentId: string;
  let sessionId: string;
  let victimId: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    token.admin = await login(server);
    for (const [who, email] of [
      ['owner', 'owner@attune.test'],
      ['otherResearcher', 'other@attune.test'],
    ] as const) {
      const created = await http(server, 'POST', '/researchers', {
        token: token.admin,
        body: { email, password: 'a-long-password-123', role: 'researcher' },
      });
      expect(created.status).toBe(201);
      token[who] = await login(server, email, 'a-long-password-123');
    }
    const study = await http(server, 'POST', '/studies', {
      token: token.owner,
      body: { title: 'Music and mood', description: 'Does music regulate mood?' },
    });
    studyId = study.body.id;
    await http(server, 'POST', `/studies/${studyId}/consent-forms`, {
      token: token.owner,
      body: { text: '# Consent', modalities: ['camera'], offersRawMediaStorage: false, retentionDays: 30 },
    });
    const participant = await http(server, 'POST', `/studies/${studyId}/participants`, { token: token.owner });
    participantId = participant.body.id;
    participantCode = participant.body.code;
    token.participant = participantCode;
    const experiment = await http(server, 'POST', `/studies/${studyId}/experiments`, {
      token: token.owner,
      body: {
        name: 'folder vs folder',
        arms: [
          { key: 'a', strategy: 'emotion-folder-random', weight: 1 },
          { key: 'b', strategy: 'emotion-folder-random', weight: 1 },
        ],
      },
    });
    experimentId = experiment.body.id;
    victimId = (await http(server, 'POST', `/studies/${studyId}/participants`, { token: token.owner })).body.id;

    // A live session of the study, for the session routes.
    await http(server, 'PATCH', `/studies/${studyId}`, { token: token.owner, body: { status: 'running' } });
    await http(server, 'POST', `/join/${participantCode}/consent`, {
      body: {
        formVersion: 1,
        camera: true,
        microphone: false,
        text: false,
        storeRawMedia: false,
        clientEventId: randomUUID(),
      },
    });
    const socket = await connect(server.url, NAMESPACES.participant);
    const started = (await socket.emitWithAck(PARTICIPANT_EVENTS.startSession, {
      participantCode,
    })) as Ack<SessionStarted>;
    if (!started.ok) throw new Error(started.error.message);
    sessionId = started.data.sessionId;
    socket.disconnect();
  });

  afterAll(async () => server?.close());

  const researcherOnly = (ok: number): Record<Who, number> => ({
    anonymous: 401,
    participant: 401,
    otherResearcher: 404,
    owner: ok,
    admin: ok,
  });
  const anyResearcher = (ok: number): Record<Who, number> => ({
    anonymous: 401,
    participant: 401,
    otherResearcher: ok,
    owner: ok,
    admin: ok,
  });

  const routes: [string, string, () => string, (() => unknown) | undefined, Record<Who, number>][] = [
    ['auth/me', 'GET', () => '/auth/me', undefined, anyResearcher(200)],
    [
      'create researcher',
      'POST',
      () => '/researchers',
      () => ({ email: `r${Math.random()}@attune.test`, password: 'a-long-password-123', role: 'researcher' }),
      { anonymous: 401, participant: 401, otherResearcher: 403, owner: 403, admin: 201 },
    ],
    ['list studies', 'GET', () => '/studies', undefined, anyResearcher(200)],
    ['create study', 'POST', () => '/studies', () => ({ title: 't', description: 'd' }), anyResearcher(201)],
    ['get study', 'GET', () => `/studies/${studyId}`, undefined, researcherOnly(200)],
    ['update study', 'PATCH', () => `/studies/${studyId}`, () => ({ description: 'updated' }), researcherOnly(200)],
    ['list consent forms', 'GET', () => `/studies/${studyId}/consent-forms`, undefined, researcherOnly(200)],
    [
      'add consent form',
      'POST',
      () => `/studies/${studyId}/consent-forms`,
      () => ({ text: 'v', modalities: ['camera'], offersRawMediaStorage: false, retentionDays: 30 }),
      researcherOnly(201),
    ],
    ['create participant', 'POST', () => `/studies/${studyId}/participants`, undefined, researcherOnly(201)],
    ['list participants', 'GET', () => `/studies/${studyId}/participants`, undefined, researcherOnly(200)],
    [
      'consent log',
      'GET',
      () => `/studies/${studyId}/participants/${participantId}/consent`,
      undefined,
      researcherOnly(200),
    ],
    ['list withdrawals', 'GET', () => `/studies/${studyId}/withdrawals`, undefined, researcherOnly(200)],
    ['list experiments', 'GET', () => `/studies/${studyId}/experiments`, undefined, researcherOnly(200)],
    ['get experiment', 'GET', () => `/studies/${studyId}/experiments/${experimentId}`, undefined, researcherOnly(200)],
    [
      'create experiment',
      'POST',
      () => `/studies/${studyId}/experiments`,
      () => ({
        name: 'x',
        arms: [
          { key: 'a', strategy: 'emotion-folder-random', weight: 1 },
          { key: 'b', strategy: 'emotion-folder-random', weight: 2 },
        ],
      }),
      researcherOnly(201),
    ],
    [
      'experiment results',
      'GET',
      () => `/studies/${studyId}/experiments/${experimentId}/results`,
      undefined,
      researcherOnly(200),
    ],
    [
      'export a table',
      'GET',
      () => `/studies/${studyId}/export/participants?format=json`,
      undefined,
      researcherOnly(200),
    ],
    ['list sessions', 'GET', () => '/sessions', undefined, anyResearcher(200)],
    ['session samples', 'GET', () => `/sessions/${sessionId}/samples`, undefined, researcherOnly(200)],
    ['session replay', 'GET', () => `/sessions/${sessionId}/replay`, undefined, researcherOnly(200)],
    ['catalog tracks', 'GET', () => '/catalog/tracks', undefined, anyResearcher(200)],
    ['model cards', 'GET', () => '/models', undefined, anyResearcher(200)],
    [
      'model figure',
      'GET',
      () => '/models/human-emotion/figures/human-emotion.fer2013-confusion.png',
      undefined,
      anyResearcher(200),
    ],
    [
      'unknown model figure',
      'GET',
      () => '/models/human-emotion/figures/..%2Fsecret.png',
      undefined,
      anyResearcher(404),
    ],
    // The owner starts the experiment; the admin then asks for the same move, which is no longer allowed.
    [
      'update experiment',
      'PATCH',
      () => `/studies/${studyId}/experiments/${experimentId}`,
      () => ({ status: 'running' }),
      { anonymous: 401, participant: 401, otherResearcher: 404, owner: 200, admin: 409 },
    ],
    // The owner withdraws the participant; for the admin afterwards there is nobody left to withdraw.
    [
      'withdraw participant',
      'DELETE',
      () => `/studies/${studyId}/participants/${victimId}`,
      undefined,
      { anonymous: 401, participant: 401, otherResearcher: 404, owner: 200, admin: 404 },
    ],
  ];

  it.each(routes)('%s (%s)', async (_name, method, path, body, expected) => {
    const got: Record<string, number> = {};
    for (const who of WHO)
      got[who] = (await http(server, method, path(), { token: token[who], body: body?.() })).status;
    expect(got).toEqual(expected);
  });

  it('lets the participant (and only with the right code) see the join page', async () => {
    expect((await http(server, 'GET', `/join/${participantCode}`)).status).toBe(200);
    expect((await http(server, 'GET', '/join/not-a-code')).status).toBe(404);
  });

  it('shows a researcher only their own studies, an admin all of them', async () => {
    const titles = async (who: Who) =>
      (await http(server, 'GET', '/studies', { token: token[who] })).body.map((s: { id: string }) => s.id);
    expect(await titles('owner')).toContain(studyId);
    expect(await titles('admin')).toContain(studyId);
    expect(await titles('otherResearcher')).not.toContain(studyId);
  });

  it('refuses withdrawal by another study’s researcher and keeps public routes public', async () => {
    const del = await http(server, 'DELETE', `/studies/${studyId}/participants/${participantId}`, {
      token: token.otherResearcher,
    });
    expect(del.status).toBe(404);
    expect((await http(server, 'GET', '/health')).status).toBe(200);
    expect((await fetch(`${server.url}/api/docs`)).status).toBe(200);
  });

  it('rejects bad bodies with 400 naming the field, and wrong passwords with 401', async () => {
    const bad = await http(server, 'POST', '/studies', { token: token.owner, body: { title: '', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/title/);
    expect(JSON.stringify(bad.body)).toMatch(/extra/);
    const wrong = await http(server, 'POST', '/auth/login', { body: { email: 'owner@attune.test', password: 'nope' } });
    expect(wrong.status).toBe(401);
  });

  it('signs out: the token stops working, and signing out needs a token', async () => {
    const fresh = await login(server);
    expect((await http(server, 'POST', '/auth/logout', { token: fresh })).status).toBe(204);
    expect((await http(server, 'GET', '/auth/me', { token: fresh })).status).toBe(401);
    expect((await http(server, 'POST', '/auth/logout')).status).toBe(401);
    expect((await http(server, 'POST', '/auth/logout', { token: participantCode })).status).toBe(401);
  });
});
