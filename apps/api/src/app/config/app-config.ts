import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { STRATEGIES } from '@attune/recommender';

/**
 * The one place that reads process.env (STYLE.md 8). Every setting has a documented
 * default so that a fresh clone runs with no configuration at all.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** mysql://... or mariadb://...; unset means embedded SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'DATABASE_URL must start with mysql:// or mariadb://')
    .optional(),
  /** SQLite file, researcher key and caches. */
  DATA_DIR: z.string().default('data'),
  /** Music in the emotion-folder layout; unset means the bundled demo catalog. */
  MUSIC_DIR: z.string().optional(),
  DATASETS_DIR: z.string().default('../shared/datasets'),
  /** The built Angular app. */
  WEB_DIST_DIR: z.string().default('dist/apps/web/browser'),
  /** First admin account, created on first start when no researcher exists yet. */
  ATTUNE_ADMIN_EMAIL: z.email().default('admin@attune.local'),
  /** Its password; unset means a one-time password is generated and printed once. */
  ATTUNE_ADMIN_PASSWORD: z.string().min(12, 'ATTUNE_ADMIN_PASSWORD must be at least 12 characters').optional(),
  /** How long a researcher login stays valid. */
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(12),
  /** How often open researcher sockets re-check their token (they also do on every event). */
  RESEARCHER_TOKEN_CHECK_SEC: z.coerce.number().min(0.1).max(3600).default(30),
  /** How often a client sends a frame while the server keeps up (the fastest rate it asks for). */
  FRAME_INTERVAL_MS: z.coerce.number().int().min(100).max(10_000).default(500),
  /** The slowest rate the server asks for when overloaded. */
  FRAME_INTERVAL_MAX_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** p95 frame-to-emotion time the adaptive frame rate aims to stay under. */
  FRAME_LATENCY_BUDGET_MS: z.coerce.number().int().min(10).max(10_000).default(150),
  /** At most one stored affect sample per modality per session per this interval. */
  SAMPLE_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  RECOMMENDATION_STRATEGY: z
    .string()
    .refine((id) => STRATEGIES.has(id), {
      message: `RECOMMENDATION_STRATEGY must be one of: ${[...STRATEGIES.keys()].join(', ')}`,
    })
    .default('emotion-folder-random'),
  /** redis://host:6379: share socket.io rooms between several API instances; unset for one instance. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  /** Prefix of the Redis channels, so several deployments can share one Redis. */
  REDIS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('attune'),
  /** Trained models (models/<id>/) next to the built-in face models. */
  MODELS_DIR: z.string().default('models'),
  /** Face model id for live frames; unset: the newest `fast` model, else human-emotion. */
  FACE_MODEL_LIVE: z.string().optional(),
  /** worker_threads running the live face models; 0 runs them on the main thread. Unset: one per core. */
  FACE_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  /** Face crops from many sessions go to the model together: up to this many... */
  FACE_BATCH_MAX: z.coerce.number().int().min(1).max(256).default(16),
  /** ...or whatever arrived within this many ms of the first. */
  FACE_BATCH_DELAY_MS: z.coerce.number().min(0).max(100).default(4),
  /** Face model id for uploaded photos; unset: the newest `accurate` model, else human-emotion. */
  FACE_MODEL_UPLOAD: z.string().optional(),
  /** Participant events kept in DATA_DIR/event-buffer.jsonl while the database is away; beyond: UNAVAILABLE. */
  EVENT_BUFFER_CAPACITY: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** A disconnected participant's session stays resumable this long before it is ended. */
  SESSION_RESUME_GRACE_SEC: z.coerce.number().min(0).max(86_400).default(120),
  /** On SIGTERM, how long in-flight participant events may take before sockets are closed. */
  SHUTDOWN_DRAIN_SEC: z.coerce.number().min(0).max(600).default(10),
  /** Other origins allowed to call the API and open sockets (comma-separated); unset: same origin only. */
  CORS_ORIGINS: z
    .string()
    .refine((v) => v.split(',').every((o) => /^https?:\/\/[^/\s]+$/.test(o.trim())), {
      message: 'CORS_ORIGINS must be comma-separated origins like https://lab.example.org (no path)',
    })
    .optional(),
  /** Express "trust proxy": hops or addresses of reverse proxies whose X-Forwarded-For is believed. */
  TRUST_PROXY: z.string().optional(),
  /** Every socket's budget over all its events: a burst, refilled at this rate (typed RATE_LIMITED beyond). */
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().min(0.1).max(100_000).default(20),
  SOCKET_EVENT_BURST: z.coerce.number().int().min(1).max(100_000).default(40),
  /** How often the retention job deletes data past each study's retention days; 0 turns it off. */
  RETENTION_INTERVAL_MINUTES: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** Retention of demo sessions (no study, so no consent form says how long). */
  DEMO_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  musicDir: string | undefined;
  datasetsDir: string;
  webDistDir: string;
  adminEmail: string;
  adminPassword: string | undefined;
  tokenTtlMs: number;
  researcherTokenCheckMs: number;
  frameIntervalMs: number;
  frameIntervalMaxMs: number;
  frameLatencyBudgetMs: number;
  sampleIntervalMs: number;
  recommendationStrategy: string;
  modelsDir: string;
  redisUrl: string | undefined;
  redisKey: string;
  faceModelLive: string | undefined;
  faceModelUpload: string | undefined;
  faceWorkers: number;
  faceBatchMax: number;
  faceBatchDelayMs: number;
  eventBufferCapacity: number;
  sessionResumeGraceMs: number;
  shutdownDrainMs: number;
  /** Extra allowed origins; empty: same origin only. */
  corsOrigins: string[];
  trustProxy: boolean | number | string;
  socketEventsPerSecond: number;
  socketEventBurst: number;
  /** 0: no scheduled retention job. */
  retentionIntervalMs: number;
  demoRetentionDays: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const musicDir = e.MUSIC_DIR ? resolve(e.MUSIC_DIR) : undefined;
  if (musicDir && !existsSync(musicDir))
    throw new Error(`Invalid configuration:\n  MUSIC_DIR: ${musicDir} does not exist`);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    musicDir,
    datasetsDir: resolve(e.DATASETS_DIR),
    webDistDir: resolve(e.WEB_DIST_DIR),
    adminEmail: e.ATTUNE_ADMIN_EMAIL,
    adminPassword: e.ATTUNE_ADMIN_PASSWORD,
    tokenTtlMs: e.TOKEN_TTL_HOURS * 3600_000,
    researcherTokenCheckMs: e.RESEARCHER_TOKEN_CHECK_SEC * 1000,
    frameIntervalMs: e.FRAME_INTERVAL_MS,
    frameIntervalMaxMs: Math.max(e.FRAME_INTERVAL_MAX_MS, e.FRAME_INTERVAL_MS),
    frameLatencyBudgetMs: e.FRAME_LATENCY_BUDGET_MS,
    sampleIntervalMs: e.SAMPLE_INTERVAL_MS,
    recommendationStrategy: e.RECOMMENDATION_STRATEGY,
    modelsDir: resolve(e.MODELS_DIR),
    redisUrl: e.REDIS_URL,
    redisKey: e.REDIS_KEY,
    faceModelLive: e.FACE_MODEL_LIVE,
    faceModelUpload: e.FACE_MODEL_UPLOAD,
    faceWorkers: e.FACE_WORKERS ?? availableParallelism(),
    faceBatchMax: e.FACE_BATCH_MAX,
    faceBatchDelayMs: e.FACE_BATCH_DELAY_MS,
    eventBufferCapacity: e.EVENT_BUFFER_CAPACITY,
    sessionResumeGraceMs: e.SESSION_RESUME_GRACE_SEC * 1000,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_SEC * 1000,
    corsOrigins: (e.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: trustProxy(e.TRUST_PROXY),
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
    socketEventBurst: e.SOCKET_EVENT_BURST,
    retentionIntervalMs: e.RETENTION_INTERVAL_MINUTES * 60_000,
    demoRetentionDays: e.DEMO_RETENTION_DAYS,
  };
}

/** "true"/"false", a hop count, or addresses/subnets ("loopback", "10.0.0.0/8"), as express takes them. */
function trustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
