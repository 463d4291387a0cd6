import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, FEATURE_VERSION, toMono, windowFeatures } from '@attune/audio-features';
import {
  AffectSample,
  AuditEntry,
  Feedback,
  Participant,
  Recommendation,
  SelfReport,
  Session,
  type DatabaseKind,
} from '@attune/persistence';
import { testDatabaseKinds } from '@attune/persistence/testing';
import {
  FrameResult,
  NAMESPACES,
  PARTICIPANT_EVENTS as P,
  RecommendationEvent,
  SERVER_EVENTS as S,
  SessionStarted,
} from '@attune/protocol';
import { datasetsDir, happyFrame } from '../testing/face-fixtures';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { RetentionService } from './retention/retention.service';
import { SessionService } from './sessions/session.service';
import { http } from '../testing/http';
import { call, connect, next } from '../testing/socket-client';
import { runningStudy } from '../testing/study-fixture';
import { startTestServer, TEST_ADMIN, TestServer } from '../testing/test-server';

jest.setTimeout(180_000);

const DAY = 24 * 3600_000;

const DATASETS = datasetsDir();
if (!DATASETS) console.warn('Privacy scan skipped: no ../shared/datasets (real face frames and speech needed)');
const describeWithData = DATASETS ? describe.each(testDatabaseKinds()) : describe.skip.each<DatabaseKind>(['sqlite']);

/** Media signatures, raw and as base64 (how a frame would look in a JSON or text column). */
const SIGNATURES: [string, Buffer][] = [
  ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
  ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xdb])],
  ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe1])],
  ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['WAV', Buffer.from('WAVEfmt ')],
  ['JPEG base64', Buffer.from('/9j/')],
  ['PNG base64', Buffer.from('iVBORw0KGgo')],
  ['WAV base64', Buffer.from('UklGR')],
  ['data URL', Buffer.from('data:image/')],
  ['data URL', Buffer.from('data:audio/')],
];
/** A JSON/CSV run of this many numbers is a feature vector or raw samples, not an estimate (7 probabilities). */
const LONG_NUMBERS = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s*[,;]\s*-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?){15,}/;

/** Everything in `bytes` that looks like raw media or a raw signal. */
function findings(where: string, bytes: Buffer, secrets: Buffer[]): string[] {
  const found: string[] = [];
  for (const [name, sig] of SIGNATURES) if (bytes.includes(sig)) found.push(`${where}: ${name} signature`);
  for (const secret of secrets) if (bytes.includes(secret)) found.push(`${where}: bytes of a frame that was sent`);
  const text = bytes.toString('latin1');
  const numbers = LONG_NUMBERS.exec(text);
  if (numbers) found.push(`${where}: a run of numbers "${numbers[0].slice(0, 80)}…"`);
  return found;
}

function filesUnder(dir: string, since = 0): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // another user's folder, or gone meanwhile
    }
    for (const e of entries) {
      const path = join(d, e.name);
      try {
        if (e.isDirectory()) walk(path);
        else if (e.isFile() && statSync(path).mtimeMs >= since && statSync(path).size < 64 * 2 ** 20) out.push(path);
      } catch {
        // vanished while we looked
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * A real study session — real face frames (CK+48), real speech features (EmoDB), typed text,
 * feedback and a self-report — under a consent that does not allow storing raw media; then
 * every table and column of the database and every file the server wrote are searched for
 * media bytes, their base64, the frames' own bytes and long runs of numbers. Exports name
 * participants only by their random id.
 */
describeWithData('privacy on %s', (kind) => {
  let server: TestServer;
  const frames: Buffer[] = [];
  const typed = `I feel wonderful today ${randomUUID()}`;
  let study: Awaited<ReturnType<typeof runningStudy>>;
  const startedAt = Date.now();

  beforeAll(async () => {
    server = await startTestServer(kind, { SAMPLE_INTERVAL_MS: '0' });
    study = await runningStudy(server, 2);

    const socket = await connect(server.url, NAMESPACES.participant);
    const start = await call<SessionStarted>(socket, P.startSession, { participantCode: study.participants[0].code });
    if (!start.ok) throw new Error(start.error.message);
    const recommendation = next<RecommendationEvent>(socket, S.recommendation);
    for (let seq = 1; seq <= 4; seq++) {
      const frame = await happyFrame(DATASETS as string);
      frames.push(frame);
      const ack = await call<FrameResult>(socket, P.frame, { seq, mime: 'image/jpeg', data: frame });
      expect(ack.ok && ack.data.faces).toBe(1);
      await new Promise((r) => setTimeout(r, 150));
    }
    const wav = decodeWav(readFileSync(join(DATASETS as string, 'emodb/wav/03a01Wa.wav')));
    const windows = windowFeatures(toMono(wav), wav.sampleRate)
      .filter((w) => w.vector)
      .map((w) => Array.from(w.vector!));
    expect(windows[0].length).toBeGreaterThanOrEqual(16);
    const voice = await call(socket, P.audioFeatures, {
      featureVersion: FEATURE_VERSION,
      windows: windows.slice(0, 8),
    });
    expect(voice.ok).toBe(true);
    expect((await call(socket, P.text, { text: typed })).ok).toBe(true);
    const rec = await recommendation;
    expect(
      (
        await call(socket, P.feedback, {
          clientEventId: randomUUID(),
          recommendationId: rec.recommendationId,
          kind: 'like',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await call(socket, P.selfReport, {
          clientEventId: randomUUID(),
          phase: 'after',
          valence: 7,
          arousal: 5,
          dominance: 6,
        })
      ).ok,
    ).toBe(true);
    socket.disconnect();
    // Let the end of the session and any buffered writes land.
    await new Promise((r) => setTimeout(r, 1500));
  });

  afterAll(async () => server?.close());

  it('has a scanner that finds what it looks for (so a clean scan means something)', () => {
    const frame = frames[0];
    const secret = [frame.subarray(1000, 1064)];
    expect(findings('raw', frame, [])).not.toEqual([]);
    expect(findings('base64', Buffer.from(JSON.stringify({ data: frame.toString('base64') })), [])).not.toEqual([]);
    expect(findings('copy', Buffer.concat([Buffer.from('xx'), frame.subarray(900, 1200)]), secret)).not.toEqual([]);
    expect(
      findings('vector', Buffer.from(JSON.stringify(Array.from({ length: 16 }, (_, i) => i / 7))), []),
    ).not.toEqual([]);
    expect(findings('estimate', Buffer.from(JSON.stringify({ happy: 0.9, sad: 0.1, neutral: 0 })), [])).toEqual([]);
  });

  it('stores estimates, and no frame, audio, feature vector or typed text, in any table or column', async () => {
    const tables: string[] =
      kind === 'sqlite'
        ? (await server.db.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map(
            (r: { name: string }) => r.name,
          )
        : (await server.db.query('SHOW TABLES')).map((r: Record<string, string>) => Object.values(r)[0]);
    expect(tables).toEqual(expect.arrayContaining(['affect_sample', 'session', 'feedback', 'self_report']));
    const secrets = frames.map((f) => f.subarray(Math.floor(f.length / 2), Math.floor(f.length / 2) + 64));
    const found: string[] = [];
    let cells = 0;
    for (const table of tables) {
      const quoted = kind === 'sqlite' ? `"${table}"` : `\`${table}\``;
      for (const row of await server.db.query(`SELECT * FROM ${quoted}`)) {
        for (const [column, value] of Object.entries(row as Record<string, unknown>)) {
          cells++;
          if (value === null || value === undefined || typeof value === 'number' || value instanceof Date) continue;
          const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
          found.push(...findings(`${table}.${column}`, bytes, secrets));
          if (bytes.toString('utf8').includes(typed)) found.push(`${table}.${column}: the typed text`);
          if (bytes.length > 16_384) found.push(`${table}.${column}: ${bytes.length} bytes in one cell`);
        }
      }
    }
    // The session really was recorded: face, voice, text and fused estimates.
    const modalities = (await server.db.query('SELECT DISTINCT modality FROM affect_sample')).map(
      (r: { modality: string }) => r.modality,
    );
    expect(modalities).toEqual(expect.arrayContaining(['face', 'voice', 'text', 'fused']));
    expect(cells).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it('writes no media to DATA_DIR, and no copy of a frame to any temp file', async () => {
    const secrets = frames.map((f) => f.subarray(Math.floor(f.length / 2), Math.floor(f.length / 2) + 64));
    const files = filesUnder(server.app.get<AppConfig>(APP_CONFIG).dataDir);
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) => findings(f, readFileSync(f), secrets));
    // Temp files of this run (the server itself uses none: uploads and frames stay in memory).
    for (const f of filesUnder(tmpdir(), startedAt)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch {
        continue;
      }
      for (const secret of secrets) if (bytes.includes(secret)) found.push(`${f}: bytes of a frame that was sent`);
    }
    expect(found).toEqual([]);
  });

  it('exports every table pseudonymously: random ids, no join codes, e-mails or typed text', async () => {
    const ids = new Set(study.participants.map((p) => p.id));
    for (const table of ['participants', 'consent', 'sessions', 'samples', 'exposures', 'feedback', 'self-reports']) {
      for (const format of ['json', 'csv']) {
        const res = await fetch(`${server.url}/api/studies/${study.studyId}/export/${table}?format=${format}`, {
          headers: { Authorization: `Bearer ${study.token}` },
        });
        expect(res.status).toBe(200);
        const text = await res.text();
        for (const p of study.participants) expect(text).not.toContain(p.code);
        expect(text).not.toContain(TEST_ADMIN.email);
        expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
        expect(text).not.toContain(typed);
        expect(text.toLowerCase()).not.toMatch(/participant_code|email/);
        if (format === 'json') {
          const rows = JSON.parse(text) as Record<string, unknown>[];
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) if ('participant_id' in row) expect(ids).toContain(row['participant_id']);
        }
      }
    }
    // The researcher list of the study still shows codes (they hand them out): only exports are pseudonymous.
    expect((await http(server, 'GET', `/studies/${study.studyId}/participants`, { token: study.token })).status).toBe(
      200,
    );
  });

  it('deletes the session once the study’s retention days have passed (the scheduled job’s run)', async () => {
    const retention = server.app.get(RetentionService);
    const sessions = await server.db.getRepository(Session).findBy({ participantId: study.participants[0].id });
    expect(sessions).toHaveLength(1);
    await retention.run(new Date(Date.now() + 29 * DAY));
    expect(await server.db.getRepository(AffectSample).countBy({ sessionId: sessions[0].id })).toBeGreaterThan(0);
    await retention.run(new Date(Date.now() + 31 * DAY));
    const id = sessions[0].id;
    for (const entity of [AffectSample, Recommendation, Feedback, SelfReport])
      expect(await server.db.getRepository(entity).countBy({ sessionId: id })).toBe(0);
    // The row itself goes unless the server still holds the session (a reconnect grace period).
    const live = server.app.get(SessionService).get(id) !== undefined;
    expect(await server.db.getRepository(Session).countBy({ id })).toBe(live ? 1 : 0);
    expect(await server.db.getRepository(Participant).countBy({ id: study.participants[0].id })).toBe(1);
    expect(
      await server.db.getRepository(AuditEntry).findBy({ action: 'retention.purge', targetId: study.studyId }),
    ).toEqual([
      expect.objectContaining({ actorType: 'system', details: expect.objectContaining({ retentionDays: 30 }) }),
    ]);
  });
});
