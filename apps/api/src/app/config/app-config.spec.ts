import { resolve } from 'node:path';
import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs with no environment at all, on SQLite and the demo catalog', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, musicDir: undefined, frameIntervalMs: 500 });
    expect(c.dataDir).toBe(resolve('data'));
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test',
      DATA_DIR: '/tmp/x',
      MUSIC_DIR: __dirname,
      DATASETS_DIR: '/data/sets',
      RESEARCHER_KEY: 'a-long-enough-researcher-key',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'mariadb://root@127.0.0.1:3306/test',
      dataDir: '/tmp/x',
      musicDir: __dirname,
      datasetsDir: '/data/sets',
      researcherKey: 'a-long-enough-researcher-key',
    });
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', RESEARCHER_KEY: 'short' })).toThrow(
      /PORT[\s\S]*DATABASE_URL: DATABASE_URL must start with mysql:\/\/[\s\S]*RESEARCHER_KEY/,
    );
  });

  it('refuses a MUSIC_DIR that does not exist', () => {
    expect(() => loadConfig({ MUSIC_DIR: '/no/such/dir' })).toThrow(/MUSIC_DIR: .* does not exist/);
  });
});
