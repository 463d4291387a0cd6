import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from '@attune/persistence';
import { createTestDatabase, TestDatabase } from '@attune/persistence/testing';
import { createApp } from '../app/create-app';
import { loadConfig } from '../app/config/app-config';

export const TEST_ADMIN = { email: 'admin@attune.test', password: 'test-admin-password-123' };

export interface TestServer {
  url: string;
  app: NestExpressApplication;
  db: DataSource;
  close(): Promise<void>;
}

/** The real server (models, demo catalog, migrations) on a fresh database and a free port. */
export async function startTestServer(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  shared?: TestDatabase,
): Promise<TestServer> {
  // A shared database (several instances of one deployment) is dropped by its owner, not here.
  const database = shared ?? (await createTestDatabase(kind));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: database.config.dataDir,
    DATABASE_URL: database.config.databaseUrl,
    ATTUNE_ADMIN_EMAIL: TEST_ADMIN.email,
    ATTUNE_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db: app.get(DataSource),
    close: async () => {
      await app.close();
      if (!shared) await database.drop();
    },
  };
}

/** Signs in over HTTP and returns the bearer token. */
export async function login(
  server: TestServer,
  email = TEST_ADMIN.email,
  password = TEST_ADMIN.password,
): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}
