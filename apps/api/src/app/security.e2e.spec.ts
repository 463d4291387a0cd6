import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { AuthToken, Recommendation, Track } from '@attune/persistence';
import { testDatabaseKinds } from '@attune/persistence/testing';
import {
  Ack,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RESEARCHER_EVENTS as R,
  SERVER_EVENTS as S,
  SessionStarted,
} from '@attune/protocol';
import { http } from '../testing/http';
import { call, connect } from '../testing/socket-client';
import { runningStudy } from '../testing/study-fixture';
import { login, startTestServer, TEST_ADMIN, TestServer } from '../testing/test-server';

jest.setTimeout(120_000);

/** The protections of docs/security.md that need a running server (one per database). */
describe.each(testDatabaseKinds())('security on %s', (kind) => {
  let server: TestServer;
  const open: Socket[] = [];
  const participant = async () => {
    const s = await connect(server.url, NAMESPACES.participant);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterEach(() => open.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => server?.close());

  describe('headers and origins', () => {
    it('sends helmet headers and a CSP that allows only this origin', async () => {
      for (const path of ['/', '/api/health']) {
        const res = await fetch(`${server.url}${path}`);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self' blob:");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('upgrade-insecure-requests');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('permissions-policy')).toMatch(/camera=\(self\), microphone=\(self\)/);
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('sends no CORS headers to another origin and refuses its state-changing requests', async () => {
      const evil = 'https://evil.example';
      const get = await fetch(`${server.url}/api/health`, { headers: { Origin: evil } });
      expect(get.status).toBe(200);
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${server.url}/api/auth/login`, {
        method: 'OPTIONS',
        headers: { Origin: evil, 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const post = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { Origin: evil, 'Content-Type': 'text/plain' },
        body: JSON.stringify(TEST_ADMIN),
      });
      expect(post.status).toBe(403);
      expect((await post.json()).message).toMatch(/origin .* not allowed/);
      // The same origin is fine.
      const same = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { Origin: server.url, 'Content-Type': 'application/json' },
        body: JSON.stringify(TEST_ADMIN),
      });
      expect(same.status).toBe(200);
    });

    it('refuses a socket.io handshake from another origin', async () => {
      const attempt = (origin: string) =>
        new Promise<string>((resolve) => {
          const s = io(`${server.url}${NAMESPACES.participant}`, {
            transports: ['websocket'],
            forceNew: true,
            reconnection: false,
            extraHeaders: { Origin: origin },
          });
          s.once('connect', () => {
            s.disconnect();
            resolve('connected');
          });
          s.once('connect_error', () => resolve('refused'));
        });
      expect(await attempt('https://evil.example')).toBe('refused');
      expect(await attempt(server.url)).toBe('connected');
    });
  });

  describe('sign-in', () => {
    const researcher = { email: 'locked@attune.test', password: 'the-right-password-1' };
    const signIn = (password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: researcher.email, password }),
      });

    beforeAll(async () => {
      const created = await http(server, 'POST', '/researchers', {
        token: await login(server),
        body: { ...researcher, role: 'researcher' },
      });
      expect(created.status).toBe(201);
    });

    it('locks an account after 5 failures: 429 with Retry-After, even for the right password', async () => {
      for (let i = 0; i < 5; i++) expect((await signIn(`wrong-${i}`)).status).toBe(401);
      const locked = await signIn(researcher.password);
      expect(locked.status).toBe(429);
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect((await locked.json()).message).toMatch(/too many failed sign-ins/);
      // Other accounts still sign in from the same address.
      expect(await login(server)).toEqual(expect.any(String));
    });

    it('rotates a token: the new one works, the old one is revoked at once', async () => {
      const old = await login(server);
      const refreshed = await http(server, 'POST', '/auth/refresh', { token: old });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ token: expect.any(String), expiresAt: expect.any(String) });
      expect(refreshed.body.token).not.toBe(old);
      expect((await http(server, 'GET', '/auth/me', { token: refreshed.body.token })).status).toBe(200);
      expect((await http(server, 'GET', '/auth/me', { token: old })).status).toBe(401);
      expect((await http(server, 'POST', '/auth/refresh', { token: old })).status).toBe(401);
      expect((await http(server, 'POST', '/auth/refresh')).status).toBe(401);
    });

    it('refuses an expired token for every route and for refresh', async () => {
      const token = await login(server);
      expect((await http(server, 'GET', '/auth/me', { token })).status).toBe(200);
      // Age every token of the admin past its expiry (TOKEN_TTL_HOURS elapsed).
      const repo = server.db.getRepository(AuthToken);
      const admin = (await http(server, 'GET', '/auth/me', { token })).body.id;
      await repo.update({ researcherId: admin }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await http(server, 'GET', '/auth/me', { token })).status).toBe(401);
      expect((await http(server, 'GET', '/studies', { token })).status).toBe(401);
      expect((await http(server, 'POST', '/auth/refresh', { token })).status).toBe(401);
      // The next sign-in clears the expired rows.
      await login(server);
      expect(await repo.countBy({ researcherId: admin })).toBe(1);
    });
  });

  describe('researcher sockets', () => {
    const researcher = async (token: string) => {
      const s = await connect(server.url, NAMESPACES.researcher, { token });
      open.push(s);
      return s;
    };
    const closed = (s: Socket) => new Promise<string>((resolve) => s.once('disconnect', resolve));

    it('refuses the next event of a socket whose token was rotated, and closes it', async () => {
      const p = await participant();
      const started = await call<SessionStarted>(p, P.startSession, {});
      if (!started.ok) throw new Error(started.error.message);
      const old = await login(server);
      const r = await researcher(old);
      expect((await call(r, R.watch, { sessionId: started.data.sessionId })).ok).toBe(true);

      const refreshed = await http(server, 'POST', '/auth/refresh', { token: old });
      expect(refreshed.status).toBe(200);
      const told = new Promise((resolve) => r.once(S.error, resolve));
      const gone = closed(r);
      expect(await call(r, R.watch, { sessionId: started.data.sessionId })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' },
      });
      expect(await told).toMatchObject({ code: 'UNAUTHORIZED', event: R.watch });
      expect(await gone).toBe('io server disconnect');
      // The rotated token opens a new connection; the old one no longer does.
      expect(
        (await call(await researcher(refreshed.body.token), R.watch, { sessionId: started.data.sessionId })).ok,
      ).toBe(true);
      await expect(connect(server.url, NAMESPACES.researcher, { token: old })).rejects.toThrow('unauthorized');
    });
  });

  describe('participant sockets', () => {
    it('answers a flood beyond the per-socket budget with RATE_LIMITED and stays connected', async () => {
      const s = await participant();
      const acks = await Promise.all(
        Array.from({ length: 120 }, () => call(s, P.moodGoal, { goal: 'keep' }) as Promise<Ack<unknown>>),
      );
      const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
      expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(60);
      expect(codes.filter((c) => c === 'NO_SESSION').length).toBeGreaterThanOrEqual(30);
      // Unknown events spend the same budget and are answered with a typed error too.
      const unknown = (await call(s, 'no-such-event', {})) as Ack<unknown>;
      expect(unknown.ok).toBe(false);
      await new Promise((r) => setTimeout(r, 1500));
      expect(s.connected).toBe(true);
      const after = (await call(s, 'no-such-event', {})) as Ack<unknown>;
      expect(!after.ok && after.error.code).toBe('UNKNOWN_EVENT');
    });

    it('keeps one participant out of another participant’s session', async () => {
      const { participants } = await runningStudy(server, 2);
      const [a, b] = [await participant(), await participant()];
      const startA = await call<SessionStarted>(a, P.startSession, { participantCode: participants[0].code });
      const startB = await call<SessionStarted>(b, P.startSession, { participantCode: participants[1].code });
      if (!startA.ok || !startB.ok) throw new Error('sessions did not start');
      // An exposure of A's session.
      const track = await server.db.getRepository(Track).findOneByOrFail({});
      const recommendationId = randomUUID();
      await server.db.getRepository(Recommendation).insert({
        id: recommendationId,
        sessionId: startA.data.sessionId,
        trackId: track.id,
        strategy: 'emotion-folder-random',
        trigger: 'start',
        explanation: 'fixture',
        moodLabel: 'neutral',
        moodConfidence: 0.5,
        moodValence: 0,
        moodArousal: 0,
        armId: null,
        shownAt: new Date(),
        playedAt: null,
      });
      const heardByB: unknown[] = [];
      for (const event of [S.emotion, S.mood, S.recommendation]) b.on(event, (x) => heardByB.push(x));

      const feedback = await call(b, P.feedback, { clientEventId: randomUUID(), recommendationId, kind: 'like' });
      expect(!feedback.ok && feedback.error.code).toBe('NOT_FOUND');
      for (const event of [P.trackStarted, P.trackEnded]) {
        const ack = await call(b, event, { recommendationId });
        expect(!ack.ok && ack.error.code).toBe('NOT_FOUND');
      }
      // A second session:start on B's connection cannot move it into A's session.
      const hijack = await call(b, P.startSession, { participantCode: participants[0].code });
      expect(hijack.ok).toBe(false);
      // A's mood reaches A only.
      const text = await call(a, P.text, { text: 'I am so happy today, this is wonderful' });
      expect(text.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(heardByB).toEqual([]);
      // A's join code is no researcher credential, and B's code shows only B's own join page.
      expect(
        (await http(server, 'GET', `/sessions/${startA.data.sessionId}/samples`, { token: participants[1].code }))
          .status,
      ).toBe(401);
      const join = await http(server, 'GET', `/join/${participants[1].code}`);
      expect(JSON.stringify(join.body)).not.toContain(participants[0].code);
    });
  });

  describe('audio serving', () => {
    it('serves catalog tracks by id only: no path reaches another file', async () => {
      const track = await server.db.getRepository(Track).findOneByOrFail({});
      const ok = await fetch(`${server.url}/api/tracks/${encodeURIComponent(track.id)}/audio`, {
        headers: { Range: 'bytes=0-15' },
      });
      expect(ok.status).toBe(206);
      const attempts = [
        '..%2F..%2Fpackage.json',
        '..%2f..%2f..%2fetc%2fpasswd',
        '%2Fetc%2Fpasswd',
        '%2e%2e%2f%2e%2e%2fpackage.json',
        '....%2F%2F....%2F%2Fpackage.json',
        `${encodeURIComponent(track.id)}%2F..%2F..%2F..%2Fpackage.json`,
        '%252e%252e%252fpackage.json',
        '..%5C..%5Cpackage.json',
        '%00',
        'x'.repeat(5000),
      ];
      for (const id of attempts) {
        const res = await fetch(`${server.url}/api/tracks/${id}/audio`);
        const body = await res.text();
        expect([400, 404]).toContain(res.status);
        expect(body).not.toMatch(/root:|"dependencies"|"name": "@?attune/);
        expect(body.length).toBeLessThan(500);
      }
      // Path segments that the router itself resolves never leave the API either.
      const raw = await fetch(`${server.url}/api/tracks/../../../package.json`);
      expect(await raw.text()).not.toMatch(/"dependencies"/);
    });
  });
});
