import { existsSync } from 'node:fs';
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
  FRAME_INTERVAL_MS: z.coerce.number().int().min(100).max(10_000).default(500),
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
  /** Face model id for uploaded photos; unset: the newest `accurate` model, else human-emotion. */
  FACE_MODEL_UPLOAD: z.string().optional(),
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
  frameIntervalMs: number;
  sampleIntervalMs: number;
  recommendationStrategy: string;
  modelsDir: string;
  redisUrl: string | undefined;
  redisKey: string;
  faceModelLive: string | undefined;
  faceModelUpload: string | undefined;
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
    frameIntervalMs: e.FRAME_INTERVAL_MS,
    sampleIntervalMs: e.SAMPLE_INTERVAL_MS,
    recommendationStrategy: e.RECOMMENDATION_STRATEGY,
    modelsDir: resolve(e.MODELS_DIR),
    redisUrl: e.REDIS_URL,
    redisKey: e.REDIS_KEY,
    faceModelLive: e.FACE_MODEL_LIVE,
    faceModelUpload: e.FACE_MODEL_UPLOAD,
  };
}
