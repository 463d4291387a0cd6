import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  Ack,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RecommendationEvent,
  SERVER_EVENTS as S,
  SessionStarted,
} from '@attune/protocol';
import { BASE_STRATEGY_IDS } from '@attune/recommender';
import { http } from '../testing/http';
import { call, connect, next } from '../testing/socket-client';
import { login, startTestServer, TestServer } from '../testing/test-server';

jest.setTimeout(120_000);

/** Every strategy plays through a live session on the demo catalog (issue 5, acceptance 4). */
describe('strategies in the live session', () => {
  let server: TestServer;
  let admin: string;
  const sockets: Socket[] = [];

  async function participantSocket(): Promise<Socket> {
    const socket = await connect(server.url, NAMESPACES.participant);
    sockets.push(socket);
    return socket;
  }

  /** A study whose running experiment sends (practically) everyone to `strategy`. */
  async function participantOn(strategy: string): Promise<string> {
    const study = (await http(server, 'POST', '/studies', { token: admin, body: { title: strategy, description: '' } }))
      .body;
    await http(server, 'POST', `/studies/${study.id}/consent-forms`, {
      token: admin,
      body: { text: 'text only', modalities: ['text'], offersRawMediaStorage: false, retentionDays: 7 },
    });
    await http(server, 'PATCH', `/studies/${study.id}`, { token: admin, body: { status: 'running' } });
    const experiment = await http(server, 'POST', `/studies/${study.id}/experiments`, {
      token: admin,
      body: {
        name: strategy,
        arms: [
          { key: 'main', strategy, weight: 1 },
          { key: 'never', strategy: 'emotion-folder-random', weight: 1e-9 },
        ],
      },
    });
    expect(experiment.status).toBe(201);
    await http(server, 'PATCH', `/studies/${study.id}/experiments/${experiment.body.id}`, {
      token: admin,
      body: { status: 'running' },
    });
    const participant = (await http(server, 'POST', `/studies/${study.id}/participants`, { token: admin })).body;
    await http(server, 'POST', `/join/${participant.code}/consent`, {
      body: {
        formVersion: 1,
        camera: false,
        microphone: false,
        text: true,
        storeRawMedia: false,
        clientEventId: randomUUID(),
      },
    });
    return participant.code;
  }

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = await login(server);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => server?.close());

  it.each([...BASE_STRATEGY_IDS, 'contextual-bandit+diversity'])(
    '%s recommends, explains, plays and takes feedback',
    async (strategy) => {
      const code = await participantOn(strategy);
      const s = await participantSocket();
      const started = await call<SessionStarted>(s, P.startSession, { participantCode: code });
      expect(started).toMatchObject({ ok: true, data: { strategy } });
      const first = next<RecommendationEvent>(s, S.recommendation);
      expect((await call(s, P.text, { text: 'I feel sad and lonely tonight' })).ok).toBe(true);
      const rec = await first;
      expect(rec).toMatchObject({ strategy, trigger: 'start' });
      expect(rec.explanation.length).toBeGreaterThan(20);
      expect((await fetch(`${server.url}${rec.track.audioUrl}`, { headers: { Range: 'bytes=0-15' } })).status).toBe(
        206,
      );
      const second = next<RecommendationEvent>(s, S.recommendation);
      await call(s, P.feedback, { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'like' });
      await call(s, P.feedback, {
        clientEventId: randomUUID(),
        recommendationId: rec.recommendationId,
        kind: 'skip',
        listenedSec: 12,
      });
      expect((await second).trigger).toBe('skip');
    },
  );

  it('switches between "keep my mood" and "improve my mood" in a demo session', async () => {
    const s = await participantSocket();
    await call(s, P.startSession, {});
    expect(await call(s, P.moodGoal, { goal: 'improve' })).toEqual({ ok: true, data: { strategy: 'iso-principle' } });
    const first = next<RecommendationEvent>(s, S.recommendation);
    await call(s, P.text, { text: 'so angry at everything' });
    expect((await first).strategy).toBe('iso-principle');
    const switched = next<RecommendationEvent>(s, S.recommendation);
    expect(await call(s, P.moodGoal, { goal: 'keep' })).toEqual({ ok: true, data: { strategy: 'mood-congruent' } });
    expect(await switched).toMatchObject({ strategy: 'mood-congruent', trigger: 'goal-change' });
  });

  it('respects the participant’s blocked artists in every recommendation', async () => {
    const s = await participantSocket();
    const recs: RecommendationEvent[] = [];
    s.on(S.recommendation, (r: RecommendationEvent) => recs.push(r));
    await call(s, P.startSession, {});
    expect(await call(s, P.preferences, { blockedArtists: ['Max McCracken'] })).toMatchObject({ ok: true });
    // Every demo track is by that artist: with them blocked, nothing may be recommended.
    expect((await call(s, P.text, { text: 'happy happy joy' })).ok).toBe(true);
    expect(await call(s, P.moodGoal, { goal: 'improve' })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(recs).toEqual([]);
    // Unblocked, the music starts with the next estimate.
    const first = next<RecommendationEvent>(s, S.recommendation);
    await call(s, P.preferences, {});
    await call(s, P.text, { text: 'still happy' });
    expect((await first).track.artist).toBe('Max McCracken');
  });
});
