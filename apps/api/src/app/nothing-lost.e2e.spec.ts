import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { dataSourceOptions, Feedback, SelfReport, Session } from '@attune/persistence';
import { createTestDatabase, TestDatabase, testDatabaseKinds } from '@attune/persistence/testing';
import {
  FeedbackEvent,
  FeedbackStored,
  HealthReport,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RecommendationEvent,
  RESEARCHER_EVENTS as R,
  SelfReportStored,
  SERVER_EVENTS as S,
  ServerClosing,
  SessionStarted,
} from '@attune/protocol';
import { GracefulShutdownService } from './durability/graceful-shutdown.service';
import { FeedbackService } from './sessions/feedback.service';
import { call, connect, next } from '../testing/socket-client';
import { login, startTestServer, TestServer } from '../testing/test-server';

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Makes every query of the server's database fail like an unreachable MySQL server while `down()`. */
function simulateOutage(db: DataSource, down: () => boolean): void {
  const driver = db.driver;
  const create = driver.createQueryRunner.bind(driver);
  const patched = new WeakSet<object>();
  jest.spyOn(driver, 'createQueryRunner').mockImplementation((mode) => {
    const runner = create(mode);
    if (!patched.has(runner)) {
      patched.add(runner);
      const query = runner.query.bind(runner);
      runner.query = ((...args: Parameters<typeof query>) =>
        down()
          ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }))
          : query(...args)) as typeof runner.query;
    }
    return runner;
  });
}

describe.each(testDatabaseKinds())('nothing lost (issue 9) on %s', (kind) => {
  const open: Socket[] = [];
  const participant = async (url: string) => {
    const s = await connect(url, NAMESPACES.participant);
    open.push(s);
    return s;
  };
  const start = async (s: Socket, payload: object = {}) => {
    const ack = await call<SessionStarted>(s, P.startSession, payload);
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  };
  /** A session with a track playing (typed text gives it a mood). */
  const withTrack = async (s: Socket) => {
    const started = await start(s);
    const recommended = next<RecommendationEvent>(s, S.recommendation);
    expect((await call(s, P.text, { text: 'happy happy joy' })).ok).toBe(true);
    return { started, rec: await recommended };
  };
  afterEach(() => {
    open.splice(0).forEach((s) => s.disconnect());
    jest.restoreAllMocks();
  });

  describe('resuming a session', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(kind, { SESSION_RESUME_GRACE_SEC: '1', EVENT_BUFFER_CAPACITY: '3' });
    });
    afterAll(async () => server?.close());

    const endedAt = async (sessionId: string) =>
      (await server.db.getRepository(Session).findOneByOrFail({ id: sessionId })).endedAt;

    it('continues the session on a new socket with the resume token, and only that session', async () => {
      const first = await participant(server.url);
      const { started, rec } = await withTrack(first);
      expect(started).toMatchObject({ resumed: false, resumeToken: expect.stringMatching(/^[0-9a-f-]{36}\./) });
      first.disconnect();

      const again = await participant(server.url);
      const resumed = await start(again, { resumeToken: started.resumeToken });
      expect(resumed).toMatchObject({
        sessionId: started.sessionId,
        resumed: true,
        current: { recommendationId: rec.recommendationId },
      });
      const like = { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'like' };
      expect(await call(again, P.feedback, like)).toMatchObject({ ok: true, data: { duplicate: false } });
      await sleep(1500);
      expect(await endedAt(started.sessionId)).toBeNull();

      const forged = `${started.sessionId}.${'A'.repeat(43)}`;
      const other = await participant(server.url);
      expect(await call(other, P.startSession, { resumeToken: forged })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(other, P.startSession, { resumeToken: 'not-a-token' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD' },
      });
    });

    it('ends a disconnected session after the grace period, and session:end at once; neither resumes', async () => {
      const a = await participant(server.url);
      const left = await start(a);
      a.disconnect();
      expect(await endedAt(left.sessionId)).toBeNull();
      await sleep(1600);
      expect(await endedAt(left.sessionId)).not.toBeNull();

      const b = await participant(server.url);
      const ended = await start(b);
      expect(await call(b, P.endSession, {})).toEqual({ ok: true, data: { sessionId: ended.sessionId } });
      expect(await endedAt(ended.sessionId)).not.toBeNull();
      const c = await participant(server.url);
      for (const token of [left.resumeToken, ended.resumeToken]) {
        expect(await call(c, P.startSession, { resumeToken: token })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        });
      }
    });

    it('buffers feedback and self-reports while the database is away, and writes them once it is back', async () => {
      const s = await participant(server.url);
      const { started, rec } = await withTrack(s);
      // A researcher watching hears of buffered feedback too (it is durable), but not of a retry.
      const watcher = await connect(server.url, NAMESPACES.researcher, { token: await login(server) });
      open.push(watcher);
      expect((await call(watcher, R.watch, { sessionId: started.sessionId })).ok).toBe(true);
      const announced: FeedbackEvent[] = [];
      watcher.on(S.feedback, (e: FeedbackEvent) => announced.push(e));
      let down = true;
      simulateOutage(server.db, () => down);
      try {
        const events = [0, 1].map(() => ({
          clientEventId: randomUUID(),
          recommendationId: rec.recommendationId,
          kind: 'dislike',
        }));
        for (const e of events) {
          expect(await call<FeedbackStored>(s, P.feedback, e)).toMatchObject({
            ok: true,
            data: { buffered: true, duplicate: false },
          });
        }
        expect(await call(s, P.feedback, events[0])).toMatchObject({
          ok: true,
          data: { buffered: true, duplicate: true },
        });
        const sam = { clientEventId: randomUUID(), phase: 'after', valence: 7, arousal: 4, dominance: 5 };
        expect(await call<SelfReportStored>(s, P.selfReport, sam)).toMatchObject({
          ok: true,
          data: { buffered: true },
        });
        // The buffer (capacity 3) is full: the client has to keep the event and retry later.
        const overflow = { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'like' };
        expect(await call(s, P.feedback, overflow)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
        // Feedback on an exposure the server cannot check without the database waits too.
        expect(
          await call(s, P.feedback, { clientEventId: randomUUID(), recommendationId: randomUUID(), kind: 'like' }),
        ).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

        const res = await fetch(`${server.url}/api/health`);
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ status: 'degraded', db: { ok: false }, buffer: { pending: 3 } });
        expect(announced.map((e) => `${e.kind}:${e.recommendationId}`)).toEqual([
          `dislike:${rec.recommendationId}`,
          `dislike:${rec.recommendationId}`,
        ]);
      } finally {
        down = false;
      }
      let health: HealthReport;
      const deadline = Date.now() + 20_000;
      do {
        await sleep(200);
        health = await (await fetch(`${server.url}/api/health`)).json();
      } while (health.buffer.pending > 0 && Date.now() < deadline);
      expect(health).toMatchObject({ status: 'ok', buffer: { pending: 0 } });
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/^attune_event_buffer_pending 0$/m);
      expect(metrics).toMatch(/^attune_event_buffer_total\{outcome="written"\} 3$/m);
      expect(metrics).toMatch(/^attune_event_buffer_total\{outcome="full"\} 1$/m);
      expect(await server.db.getRepository(Feedback).countBy({ sessionId: started.sessionId, kind: 'dislike' })).toBe(
        2,
      );
      expect(await server.db.getRepository(SelfReport).countBy({ sessionId: started.sessionId })).toBe(1);
    });
  });

  describe('graceful shutdown', () => {
    let database: TestDatabase;
    let restarted: TestServer | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
    });
    afterAll(async () => {
      await restarted?.close();
      await database?.drop();
    });

    it('finishes in-flight events, refuses new ones, tells sockets why, and the session resumes after a restart', async () => {
      const server = await startTestServer(kind, { SHUTDOWN_DRAIN_SEC: '10' }, database);
      const s = await participant(server.url);
      const { started, rec } = await withTrack(s);

      // A slow feedback write, in flight when the shutdown begins.
      const feedback = server.app.get(FeedbackService);
      const store = feedback.store.bind(feedback);
      let entered!: () => void;
      const inHandler = new Promise<void>((resolve) => (entered = resolve));
      jest.spyOn(feedback, 'store').mockImplementation(async (live, p) => {
        entered();
        await sleep(800);
        return store(live, p);
      });
      const like = { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'like' };
      const inFlight = call<FeedbackStored>(s, P.feedback, like);
      await inHandler;

      const notice = next<ServerClosing>(s, S.closing);
      const disconnected = next<string>(s, 'disconnect');
      const closed = server.app.close();
      const shutdown = server.app.get(GracefulShutdownService);
      while (shutdown.accepting) await sleep(5);

      await expect(connect(server.url, NAMESPACES.participant)).rejects.toThrow(/shutting down/);
      const late = { clientEventId: randomUUID(), recommendationId: rec.recommendationId, kind: 'dislike' };
      expect(await call(s, P.feedback, late)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(await inFlight).toMatchObject({ ok: true, data: { duplicate: false } });
      expect(await notice).toMatchObject({ reason: 'shutdown' });
      expect(await disconnected).toBe('transport close');
      await closed;
      jest.restoreAllMocks();

      const check = new DataSource(dataSourceOptions(database.config));
      await check.initialize();
      try {
        expect(await check.getRepository(Feedback).findBy({ sessionId: started.sessionId, kind: 'like' })).toEqual([
          expect.objectContaining({ clientEventId: like.clientEventId }),
        ]);
        expect((await check.getRepository(Session).findOneByOrFail({ id: started.sessionId })).endedAt).not.toBeNull();
      } finally {
        await check.destroy();
      }

      // The server is back: the participant's browser resumes the same session and re-sends.
      restarted = await startTestServer(kind, {}, database);
      const back = await participant(restarted.url);
      expect(await start(back, { resumeToken: started.resumeToken })).toMatchObject({
        sessionId: started.sessionId,
        resumed: true,
      });
      expect(await call(back, P.feedback, like)).toMatchObject({ ok: true, data: { duplicate: true } });
      expect(await call(back, P.feedback, late)).toMatchObject({ ok: true, data: { duplicate: false } });
      expect((await restarted.db.getRepository(Session).findOneByOrFail({ id: started.sessionId })).endedAt).toBeNull();
    });
  });
});
