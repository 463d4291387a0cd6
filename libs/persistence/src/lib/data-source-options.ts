import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type DatabaseKind = 'sqlite' | 'mysql';

export interface DatabaseConfig {
  /** `mysql://user:pass@host:port/db`, or `mariadb://...` for a MariaDB server; absent means embedded SQLite. */
  databaseUrl?: string;
  /** Folder for the SQLite file when no URL is given. */
  dataDir: string;
}

export function databaseKind(databaseUrl: string | undefined): DatabaseKind {
  if (!databaseUrl) return 'sqlite';
  if (/^(mysql|mariadb):\/\//.test(databaseUrl)) return 'mysql';
  throw new Error(`DATABASE_URL must start with mysql:// or mariadb:// (got "${databaseUrl.split(':')[0]}:")`);
}

/** TypeORM options for the configured database; schema comes from migrations, never `synchronize`. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (databaseKind(config.databaseUrl) === 'mysql') {
    // The scheme picks TypeORM's dialect: MariaDB reports column defaults differently
    // from MySQL, and only the matching dialect reads its schema back without drift.
    return {
      ...common,
      type: config.databaseUrl!.startsWith('mariadb:') ? 'mariadb' : 'mysql',
      url: config.databaseUrl!.replace(/^mariadb:/, 'mysql:'),
      timezone: 'Z',
      charset: 'utf8mb4',
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  return { ...common, type: 'better-sqlite3', database: join(config.dataDir, 'attune.sqlite'), enableWAL: true };
}
