import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

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
  /** Key for the researcher pages; generated into DATA_DIR on first start when unset. */
  RESEARCHER_KEY: z.string().min(16, 'RESEARCHER_KEY must be at least 16 characters').optional(),
  FRAME_INTERVAL_MS: z.coerce.number().int().min(100).max(10_000).default(500),
  /** At most one stored affect sample per modality per session per this interval. */
  SAMPLE_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  RECOMMENDATION_STRATEGY: z.string().default('emotion-folder-random'),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  musicDir: string | undefined;
  datasetsDir: string;
  webDistDir: string;
  researcherKey: string | undefined;
  frameIntervalMs: number;
  sampleIntervalMs: number;
  recommendationStrategy: string;
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
    researcherKey: e.RESEARCHER_KEY,
    frameIntervalMs: e.FRAME_INTERVAL_MS,
    sampleIntervalMs: e.SAMPLE_INTERVAL_MS,
    recommendationStrategy: e.RECOMMENDATION_STRATEGY,
  };
}
