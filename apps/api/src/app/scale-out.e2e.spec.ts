import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import type { Socket } from 'socket.io-client';
import { createTestDatabase, testDatabaseKinds, TestDatabase } from '@attune/persistence/testing';
import {
  Ack,
  MoodUpdate,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RESEARCHER_EVENTS as R,
  SERVER_EVENTS as S,
  SessionStarted,
  SessionSummary,
} from '@attune/protocol';
import { connect } from '../testing/socket-client';
import { login, startTestServer, TestServer } from '../testing/test-server';

jest.setTimeout(60_000);

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * Two API instances behind one database and one Redis: a researcher connected to instance A
 * sees and watches a session that streams into instance B (socket.io Redis adapter).
 */
describe('scale-out over Redis', () => {
  let reachable = false;
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    reachable = await redisReachable(REDIS_URL);
    if (!reachable) {
      console.warn(`Scale-out test skipped: no Redis at ${REDIS_URL} (set REDIS_URL; .ci/run starts one)`);
      return;
    }
    // The last kind: MariaDB when DATABASE_URL is set (a real shared server), else SQLite.
    db = await createTestDatabase(testDatabaseKinds().at(-1)!);
    const env = { REDIS_URL, REDIS_KEY: `attune-test-${randomBytes(4).toString('hex')}` };
    a = await startTestServer(db.kind, env, db);
    b = await startTestServer(db.kind, env, db);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('streams a session on instance B to a researcher on instance A', async () => {
    if (!reachable) return;
    const researcher = await connect(a.url, NAMESPACES.researcher, { token: await login(a) });
    sockets.push(researcher);
    const participant = await connect(b.url, NAMESPACES.participant);
    sockets.push(participant);

    const listed = new Promise<SessionSummary[]>((resolve) =>
      researcher.on(S.sessions, (list: SessionSummary[]) => list.some((x) => x.live) && resolve(list)),
    );
    const started = (await participant.emitWithAck(P.startSession, {})) as Ack<SessionStarted>;
    if (!started.ok) throw new Error(started.error.message);
    const sessionId = started.data.sessionId;
    expect((await listed).find((x) => x.id === sessionId)).toMatchObject({ live: true });

    const watched = (await researcher.emitWithAck(R.watch, { sessionId })) as Ack<unknown>;
    expect(watched.ok).toBe(true);
    const mood = new Promise<MoodUpdate>((resolve) => researcher.once(S.mood, resolve));
    await participant.emitWithAck(P.text, { text: 'what a wonderful, happy day' });
    expect(await mood).toMatchObject({ sessionId, estimate: { modality: 'text' } });
  });
});
