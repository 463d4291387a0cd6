import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import { testDatabaseKinds } from '@attune/persistence/testing';
import {
  EMOTIONS,
  ERROR_CODES,
  KNOWN_PARTICIPANT_EVENTS,
  MAX_FRAME_BYTES,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  SERVER_EVENTS,
} from '@attune/protocol';
import { emptyFrame } from '../testing/face-fixtures';
import { connect } from '../testing/socket-client';
import { runningStudy } from '../testing/study-fixture';
import { login, startTestServer, TestServer } from '../testing/test-server';

jest.setTimeout(240_000);

/**
 * Property-based fuzzing of everything a client can send: socket events (known, unknown,
 * malformed, oversized, deeply nested, binary, out of order, raw socket.io packets) and HTTP
 * bodies against every POST/PUT/PATCH route the OpenAPI document lists. Every socket answer must
 * be a protocol Ack, every HTTP answer < 500 with a JSON message, nothing may hang, the server
 * must stay healthy and its memory bounded. A fixed seed keeps CI reproducible; FUZZ_SEED varies it.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261121);
const SOCKET_EVENTS = 8000;
const HTTP_BODIES = 1700;
/** Requests in flight at once, from a pool of workers (not batches: one slow answer stalls nothing). */
const CONCURRENCY = 16;
const RAW_PACKETS = 400;
const MIN_PAYLOADS = 10_000;
/** Growth allowed over the whole run after a forced GC (server and client share this process). */
const MAX_HEAP_GROWTH_MB = 96;
const MAX_RSS_GROWTH_MB = 400;
const ACK_TIMEOUT_MS = 15_000;

/** The protocol's Ack, strictly: `{ok: true, data}` or `{ok: false, error: {code, message, issues?}}`. */
const errorSchema = z
  .object({ code: z.enum(ERROR_CODES), message: z.string().min(1), issues: z.array(z.string()).optional() })
  .strict();
const ackSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: errorSchema }).strict(),
]);
const serverErrorSchema = errorSchema.extend({ event: z.string() }).strict();

/** socket.io-client refuses to emit these names itself. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

const exposeGc = (): (() => void) => {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
};

/** `n` values of `arb`, generated lazily in seeded chunks (some are megabytes: never all at once). */
function* samples<T>(arb: fc.Arbitrary<T>, n: number): Generator<T> {
  for (let chunk = 0; chunk * 100 < n; chunk++)
    yield* fc.sample(arb, { numRuns: Math.min(100, n - chunk * 100), seed: SEED + chunk });
}

async function inPool<T>(items: Iterator<T>, concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = items.next(); !next.done; next = items.next()) await run(next.value);
    }),
  );
}

/** A failing case, short enough to read in CI output. */
function brief(value: unknown): string {
  if (value instanceof FormData) return 'multipart form';
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 160 ? `${text.slice(0, 120)}… (${text.length} chars)` : text;
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** Values of every shape, including ones JSON cannot carry (socket.io turns them into null or drops them). */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.anything({ maxDepth: 4, maxKeys: 8, withNullPrototype: true, withMap: false }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }) },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, true, 0, -1, 1e308, NaN, '', '{}', [], {}) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.boolean()).map(([d, arr]) => nested(d, 'deep', arr)),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10_000, max: 1_200_000 }).map((n) => ({ text: 'x'.repeat(n) })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((n) => Array.from({ length: n }, () => 0)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { __proto__: { polluted: true } },
      JSON.parse('{"__proto__":{"polluted":true}}'),
      { constructor: { prototype: { polluted: true } } },
      { toString: 'x', valueOf: 1, hasOwnProperty: 2 },
    ),
  },
);

const uuid = fc.oneof(fc.uuid(), fc.constant(randomUUID()), fc.string({ maxLength: 40 }));
const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 1, 5, 9, 10, 2 ** 53, -0));
const distribution = fc.oneof(
  fc.constant(Object.fromEntries(EMOTIONS.map((e, i) => [e, i === 0 ? 1 : 0]))),
  fc.dictionary(fc.constantFrom(...EMOTIONS, 'joy', '__proto__'), fc.double({ min: -1, max: 2 })),
  fc.constant(null),
);

/** Near-valid payloads per event, so the fuzzer gets past the schemas into the handlers too. */
function nearValid(jpeg: Buffer, codes: string[]): Record<string, fc.Arbitrary<unknown>> {
  const bytes = fc.oneof(
    fc.constant(jpeg),
    fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(b)])),
    fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.alloc(MAX_FRAME_BYTES + 1, 0xff)),
    fc.constant(jpeg.subarray(0, Math.floor(jpeg.length / 2))),
  );
  return {
    [P.startSession]: fc.oneof(
      fc.constant({}),
      fc.record({ participantCode: fc.oneof(fc.constantFrom(...codes), fc.string({ maxLength: 80 })) }),
      fc.record({ resumeToken: fc.oneof(fc.string(), fc.constant(`${randomUUID()}.${'A'.repeat(43)}`)) }),
    ),
    [P.frame]: fc.record({ seq: num, mime: fc.constantFrom('image/jpeg', 'image/png', ''), data: bytes }),
    [P.feedback]: fc.record(
      {
        clientEventId: uuid,
        recommendationId: uuid,
        kind: fc.constantFrom('like', 'dislike', 'skip', 'rating', 'complete', 'LIKE'),
        value: num,
        listenedSec: num,
      },
      { requiredKeys: ['clientEventId', 'recommendationId', 'kind'] },
    ),
    [P.trackStarted]: fc.record({ recommendationId: uuid }),
    [P.trackEnded]: fc.record({ recommendationId: uuid }),
    [P.selfReport]: fc.record({
      clientEventId: uuid,
      phase: fc.constantFrom('before', 'after', 'during'),
      valence: num,
      arousal: num,
      dominance: num,
    }),
    [P.text]: fc.record({
      text: fc.oneof(fc.string({ maxLength: 300 }), fc.string({ minLength: 1990, maxLength: 2100 })),
    }),
    [P.audioFeatures]: fc.record({
      featureVersion: fc.oneof(fc.constantFrom('meyda-1', 'v1', ''), fc.string({ maxLength: 80 })),
      windows: fc.array(fc.array(fc.double(), { maxLength: 600 }), { maxLength: 10 }),
    }),
    [P.moodGoal]: fc.record({ goal: fc.constantFrom('keep', 'improve', 'worsen', '') }),
    [P.preferences]: fc.record(
      {
        favouriteGenres: fc.array(fc.string({ maxLength: 120 }), { maxLength: 60 }),
        blockedArtists: fc.array(fc.string({ maxLength: 120 }), { maxLength: 60 }),
        favouriteLanguages: fc.array(fc.string(), { maxLength: 5 }),
      },
      { requiredKeys: [] },
    ),
    'face-estimate': fc.record({
      seq: num,
      faces: num,
      distribution,
      box: fc.oneof(
        fc.constant(null),
        fc.record({ x: fc.double(), y: fc.double(), width: fc.double(), height: fc.double() }),
      ),
      modelId: fc.oneof(fc.constant('tiny-face-detector-224+ckplus48-fast'), fc.string({ maxLength: 80 })),
    }),
    'mood-override': fc.record({ emotion: fc.oneof(fc.constantFrom(...EMOTIONS, null, 'joy'), garbage) }),
    'session:end': fc.oneof(fc.constant({}), garbage),
  };
}

interface SocketCall {
  socket: number;
  event: string;
  args: unknown[];
  withAck: boolean;
}

function socketCall(jpeg: Buffer, codes: string[], sockets: number): fc.Arbitrary<SocketCall> {
  const valid = nearValid(jpeg, codes);
  const known = KNOWN_PARTICIPANT_EVENTS.filter((e) => !RESERVED.has(e));
  const event = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...known) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 100 }),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'server:error', 'x'.repeat(10_000)),
      ),
    },
  );
  return fc
    .record({ socket: fc.nat({ max: sockets - 1 }), event, withAck: fc.boolean(), shape: fc.nat({ max: 9 }) })
    .filter((c) => !RESERVED.has(c.event))
    .chain(({ socket, event, withAck, shape }) => {
      const payload = Object.prototype.hasOwnProperty.call(valid, event) && shape < 6 ? valid[event] : garbage;
      // Mostly one payload, sometimes none or several (the protocol takes exactly one).
      const args = shape === 9 ? fc.array(garbage, { maxLength: 3 }) : payload.map((p) => (shape === 8 ? [p, p] : [p]));
      return args.map((a) => ({ socket, event, args: a, withAck: withAck || shape < 4 }));
    });
}

interface HttpRoute {
  method: string;
  path: string;
}

interface HttpCase {
  route: number;
  params: string[];
  auth: 'admin' | 'none' | 'garbage';
  body: { contentType: string | null; data: string | FormData };
}

function httpCase(routes: HttpRoute[], ids: string[]): fc.Arbitrary<HttpCase> {
  const param = fc.oneof(
    fc.constantFrom(...ids),
    fc.uuid(),
    fc.string({ maxLength: 60 }).map(encodeURIComponent),
    fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(3000), '%E0%A4%A'),
  );
  const json = fc.oneof(
    garbage.map((v) => {
      try {
        return JSON.stringify(v) ?? 'null';
      } catch {
        return '{}';
      }
    }),
    fc
      .dictionary(
        fc.constantFrom(
          'email',
          'password',
          'role',
          'title',
          'description',
          'status',
          'text',
          'modalities',
          'offersRawMediaStorage',
          'retentionDays',
          'name',
          'arms',
          'formVersion',
          'camera',
          'microphone',
          'storeRawMedia',
          'clientEventId',
          'faceMode',
        ),
        garbage,
      )
      .map((o) => JSON.stringify(o)),
    fc.constantFrom('{"a":', '{"email": "admin@attune.test", "password": }', '[', 'nul', '"', '{}'.repeat(1000)),
    fc.integer({ min: 101_000, max: 1_200_000 }).map((n) => JSON.stringify({ title: 'x'.repeat(n) })),
    fc.integer({ min: 100, max: 20_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
    fc.integer({ min: 100, max: 5_000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
  );
  const body = fc.oneof(
    { weight: 6, arbitrary: json.map((data) => ({ contentType: 'application/json', data })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/xml',
            'application/x-www-form-urlencoded',
            'application/octet-stream',
            'application/json; charset=utf-7',
            'image/png',
            'multipart/form-data',
            'multipart/form-data; boundary=x',
          ),
          json,
        )
        .map(([contentType, data]) => ({ contentType, data })),
    },
    { weight: 1, arbitrary: fc.constant({ contentType: null, data: '' }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('image', 'file', ''), fc.uint8Array({ maxLength: 4096 }), fc.string({ maxLength: 40 }))
        .map(([field, bytes, name]) => {
          const form = new FormData();
          form.append(field, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name || 'x.jpg');
          return { contentType: null, data: form };
        }),
    },
  );
  return fc.record({
    route: fc.nat({ max: routes.length - 1 }),
    params: fc.array(param, { minLength: 4, maxLength: 4 }),
    auth: fc.constantFrom('admin', 'none', 'garbage'),
    body,
  });
}

/** Raw socket.io packets straight onto the engine.io transport: the parser's own robustness. */
const rawPacket = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 200 }).map((s) => `42/participant,${s}`),
  fc.jsonValue({ maxDepth: 3 }).map((v) => `42/participant,${JSON.stringify(v)}`),
  fc.jsonValue({ maxDepth: 3 }).map((v) => `42/participant,7${JSON.stringify(['frame', v])}`),
  fc.constantFrom(
    '451-/participant,["frame",{"_placeholder":true,"num":0}]',
    '451-/participant,["frame",{"_placeholder":true,"num":99}]',
    '42/participant,["__proto__",{}]',
    '42/nope,["frame",{}]',
    '0/participant,{"token":1}',
    '1/participant,',
    '3/participant,1["x"]',
    '9',
  ),
);

describe.each(testDatabaseKinds())('fuzzing on %s', (kind) => {
  let server: TestServer;
  let token: string;
  let codes: string[];
  let ids: string[];
  let routes: HttpRoute[];
  let jpeg: Buffer;
  const sockets: Socket[] = [];
  const counts = { socketEvents: 0, rawPackets: 0, http: 0, serverErrors: 0, reconnects: 0, clientRefused: 0 };
  const failures: string[] = [];
  const gc = exposeGc();
  let baseline: NodeJS.MemoryUsage;

  beforeAll(async () => {
    // A budget high enough that the fuzzer reaches the handlers; security.e2e tests the default one.
    server = await startTestServer(kind, { SOCKET_EVENTS_PER_SECOND: '100000', SOCKET_EVENT_BURST: '100000' });
    token = await login(server);
    const study = await runningStudy(server, 3);
    codes = study.participants.map((p) => p.code);
    ids = [study.studyId, ...study.participants.map((p) => p.id), ...codes];
    jpeg = await emptyFrame();
    const doc = await (await fetch(`${server.url}/api/docs-json`)).json();
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch'].includes(m))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    for (let i = 0; i < 8; i++) sockets.push(await openParticipant(i));
    gc();
    baseline = process.memoryUsage();
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server?.close();
  });

  /** Half the sockets start a session first; the others send everything out of order. */
  async function openParticipant(i: number): Promise<Socket> {
    const s = await connect(server.url, NAMESPACES.participant);
    s.on(SERVER_EVENTS.error, (e: unknown) => {
      counts.serverErrors++;
      const parsed = serverErrorSchema.safeParse(e);
      if (!parsed.success) failures.push(`server:error not typed: ${JSON.stringify(e).slice(0, 300)}`);
    });
    if (i % 2 === 0) await s.timeout(ACK_TIMEOUT_MS).emitWithAck(P.startSession, {});
    return s;
  }

  /** A socket the server closed (a payload over the transport limit does that) is replaced. */
  async function socketFor(i: number): Promise<Socket> {
    if (!sockets[i].connected) {
      counts.reconnects++;
      sockets[i] = await openParticipant(i);
    }
    return sockets[i];
  }

  it('answers every socket payload with a typed Ack, never hanging', async () => {
    await inPool(samples(socketCall(jpeg, codes, sockets.length), SOCKET_EVENTS), CONCURRENCY, async (c) => {
      const s = await socketFor(c.socket);
      counts.socketEvents++;
      let ack: unknown;
      try {
        if (!c.withAck) return void s.emit(c.event, ...c.args);
        ack = await s.timeout(ACK_TIMEOUT_MS).emitWithAck(c.event, ...c.args);
      } catch (err) {
        if (!(err instanceof Error && /timed out/.test(err.message))) {
          // socket.io-client itself could not encode it: nothing reached the server.
          counts.socketEvents--;
          counts.clientRefused++;
          return;
        }
        // Only a payload over the transport limit may close the connection instead of answering.
        if (!s.connected) return;
        failures.push(`no answer to "${c.event.slice(0, 40)}" in ${ACK_TIMEOUT_MS} ms: ${String(err)}`);
        return;
      }
      const parsed = ackSchema.safeParse(ack);
      if (!parsed.success)
        failures.push(`"${c.event.slice(0, 40)}" answered ${JSON.stringify(ack)?.slice(0, 300)} to ${brief(c.args)}`);
      else if (!parsed.data.ok && parsed.data.error.code === 'INTERNAL')
        failures.push(`"${c.event.slice(0, 40)}" hit INTERNAL: ${parsed.data.error.message} for ${brief(c.args)}`);
    });
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('survives raw, malformed socket.io packets', async () => {
    const packets = fc.sample(rawPacket, { numRuns: RAW_PACKETS, seed: SEED });
    for (let i = 0; i < packets.length; i += 20) {
      const s = await connect(server.url, NAMESPACES.participant);
      for (const p of packets.slice(i, i + 20)) {
        // The client's engine sends the string as one engine.io message, exactly as written.
        (s.io.engine as unknown as { write(msg: string): void }).write(p);
        counts.rawPackets++;
      }
      await new Promise((r) => setTimeout(r, 20));
      s.disconnect();
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers every HTTP body on every POST/PUT/PATCH route with < 500 and a JSON message', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    await inPool(samples(httpCase(routes, ids), HTTP_BODIES), CONCURRENCY, async (c) => {
      const route = routes[c.route];
      let i = 0;
      const path = route.path.replace(/\{[^}]+\}/g, () => c.params[i++ % c.params.length]);
      const headers: Record<string, string> = {};
      if (c.body.contentType) headers['Content-Type'] = c.body.contentType;
      if (c.auth === 'admin') headers['Authorization'] = `Bearer ${token}`;
      if (c.auth === 'garbage') headers['Authorization'] = `Bearer ${'x'.repeat(43)}`;
      counts.http++;
      const res = await fetch(`${server.url}${path}`, {
        method: route.method,
        headers,
        body: c.body.data,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      const text = await res.text();
      const where = `${route.method} ${route.path} (${c.body.contentType ?? 'none'})`;
      if (res.status >= 500)
        failures.push(`${where} -> ${res.status} ${text.slice(0, 200)}; body ${brief(c.body.data)}`);
      if (res.status >= 400) {
        let message: unknown;
        try {
          message = JSON.parse(text).message;
        } catch {
          message = undefined;
        }
        if (typeof message !== 'string' && !Array.isArray(message))
          failures.push(`${where} -> ${res.status} without a JSON message: ${text.slice(0, 200)}`);
      }
    });
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('stays healthy with bounded memory, and reports what it tried', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    sockets.forEach((s) => s.disconnect());
    await new Promise((r) => setTimeout(r, 500));
    gc();
    const now = process.memoryUsage();
    const heapMb = (now.heapUsed - baseline.heapUsed) / 2 ** 20;
    const rssMb = (now.rss - baseline.rss) / 2 ** 20;
    const total = counts.socketEvents + counts.rawPackets + counts.http;
    process.stdout.write(
      `fuzz (${kind}): ${total} payloads (${counts.socketEvents} socket events, ${counts.rawPackets} raw packets, ` +
        `${counts.http} HTTP bodies), ${failures.length} crashes; ${counts.serverErrors} server:error notices, ` +
        `${counts.reconnects} reconnects, ${counts.clientRefused} refused by the client library; heap ${heapMb.toFixed(1)} MB, rss ${rssMb.toFixed(1)} MB growth\n`,
    );
    expect(failures.length).toBe(0);
    expect(total).toBeGreaterThanOrEqual(MIN_PAYLOADS);
    expect(heapMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
    expect(rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  });
});
