import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from '@attune/persistence';
import { createTestDatabase } from '@attune/persistence/testing';
import { createApp } from '../app/create-app';
import { loadConfig } from '../app/config/app-config';

export const TEST_RESEARCHER_KEY = 'test-researcher-key-0123456789';

export interface TestServer {
  url: string;
  app: NestExpressApplication;
  db: DataSource;
  close(): Promise<void>;
}

/** The real server (models, demo catalog, migrations) on a fresh database and a free port. */
export async function startTestServer(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: database.config.dataDir,
    DATABASE_URL: database.config.databaseUrl,
    RESEARCHER_KEY: TEST_RESEARCHER_KEY,
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
      await database.drop();
    },
  };
}
