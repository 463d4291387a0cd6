import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestDatabase } from '@attune/persistence/testing';

const run = promisify(execFile);
const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

/** Why a private MariaDB cannot run here, or null when it can. */
export function privateMariaDbUnavailable(): string | null {
  const url = process.env['DATABASE_URL'];
  if (!url || !url.startsWith('mariadb://')) return 'DATABASE_URL is not a mariadb:// URL';
  for (const bin of [MARIADBD, INSTALL_DB]) if (!existsSync(bin)) return `${bin} is not installed`;
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A MariaDB server of the test's own (own data directory, own port), so a fault test can stop
 * and restart it without pulling the shared server away from every other test on the machine.
 */
export class PrivateMariaDb {
  private process: ChildProcess | null = null;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'attune-mariadb-'));
    await run(INSTALL_DB, [
      '--no-defaults',
      '--auth-root-authentication-method=normal',
      `--datadir=${join(dir, 'data')}`,
      '--user=root',
      '--skip-test-db',
    ]);
    const db = new PrivateMariaDb(dir, await freePort());
    await db.restart();
    return db;
  }

  get running(): boolean {
    return this.process !== null;
  }

  /** A fresh database on this server, for startTestServer's `shared` argument (dropped with the server). */
  async createDatabase(name: string): Promise<TestDatabase> {
    const mysql = await import('mysql2/promise');
    const admin = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    await admin.end();
    const dataDir = mkdtempSync(join(tmpdir(), 'attune-fault-data-'));
    return {
      kind: 'mysql',
      config: { databaseUrl: `mariadb://root@127.0.0.1:${this.port}/${name}`, dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }

  /** Starts the server (again) on its data directory and waits until it answers. */
  async restart(): Promise<void> {
    if (this.process) return;
    const child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--user=root',
        '--skip-name-resolve',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await run('mariadb-admin', ['--protocol=tcp', '-h127.0.0.1', `-P${this.port}`, '-uroot', 'ping']);
        return;
      } catch (err) {
        if (!this.process) throw new Error('the private mariadbd exited while starting');
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Stops the server (SIGTERM: it closes every connection) and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** Stops the server if it runs and deletes its data directory. */
  async destroy(): Promise<void> {
    if (this.process) {
      const child = this.process;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
