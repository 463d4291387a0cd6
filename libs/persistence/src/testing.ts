import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig, DatabaseKind } from './lib/data-source-options';

/**
 * Databases the DB tests run against: always embedded SQLite, plus MySQL/MariaDB when
 * DATABASE_URL points at one (CI sets it). Each test database is created fresh and
 * dropped afterwards, so parallel test files never share state.
 */
export interface TestDatabase {
  kind: DatabaseKind;
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export function testDatabaseKinds(): DatabaseKind[] {
  const url = process.env['DATABASE_URL'];
  if (url && /^(mysql|mariadb):\/\//.test(url)) return ['sqlite', 'mysql'];
  if (!testDatabaseKinds.warned) {
    testDatabaseKinds.warned = true;
    console.warn(
      'MySQL/MariaDB DB tests skipped: set DATABASE_URL=mariadb://root@127.0.0.1:3306/test (or mysql://) to run them',
    );
  }
  return ['sqlite'];
}
testDatabaseKinds.warned = false;

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') return { kind, config: { dataDir }, drop: async () => removeDir() };

  const base = new URL(process.env['DATABASE_URL']!.replace(/^mariadb:/, 'mysql:'));
  const name = `attune_test_${randomBytes(6).toString('hex')}`;
  // mysql2 is a runtime dependency of the lib's MySQL path; load it only when used.
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.end();
  // Keep the caller's scheme: it selects the MySQL or the MariaDB dialect.
  const url = new URL(process.env['DATABASE_URL']!);
  url.pathname = `/${name}`;
  return {
    kind,
    config: { databaseUrl: url.toString(), dataDir },
    drop: async () => {
      const c = await mysql.createConnection({
        host: base.hostname,
        port: Number(base.port || 3306),
        user: decodeURIComponent(base.username),
        password: decodeURIComponent(base.password),
      });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
      removeDir();
    },
  };
}
