import { resolve } from 'node:path';

/** The CLI's settings; the only file of the CLI that reads process.env (same names as the server). */
export interface CliConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  musicDir: string | undefined;
  datasetsDir: string;
  /** Retention of demo sessions (the server's DEMO_RETENTION_DAYS). */
  demoRetentionDays: number;
}

export function cliConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  return {
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: resolve(env['DATA_DIR'] || 'data'),
    musicDir: env['MUSIC_DIR'] ? resolve(env['MUSIC_DIR']) : undefined,
    datasetsDir: resolve(env['DATASETS_DIR'] || '../shared/datasets'),
    demoRetentionDays: days(env['DEMO_RETENTION_DAYS']),
  };
}

function days(value: string | undefined): number {
  const n = Number(value || 30);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`DEMO_RETENTION_DAYS must be a whole number of days (got "${value}")`);
  return n;
}
