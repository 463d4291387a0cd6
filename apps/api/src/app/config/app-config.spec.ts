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
      ATTUNE_ADMIN_EMAIL: 'lead@lab.example',
      ATTUNE_ADMIN_PASSWORD: 'a-long-enough-password',
      TOKEN_TTL_HOURS: '2',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'mariadb://root@127.0.0.1:3306/test',
      dataDir: '/tmp/x',
      musicDir: __dirname,
      datasetsDir: '/data/sets',
      adminEmail: 'lead@lab.example',
      adminPassword: 'a-long-enough-password',
      tokenTtlMs: 2 * 3600_000,
    });
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', ATTUNE_ADMIN_PASSWORD: 'short' })).toThrow(
      /PORT[\s\S]*DATABASE_URL: DATABASE_URL must start with mysql:\/\/[\s\S]*ATTUNE_ADMIN_PASSWORD/,
    );
  });

  it('refuses a MUSIC_DIR that does not exist', () => {
    expect(() => loadConfig({ MUSIC_DIR: '/no/such/dir' })).toThrow(/MUSIC_DIR: .* does not exist/);
  });

  it('reads the face model settings, defaulting to the models folder and the catalog defaults', () => {
    expect(loadConfig({})).toMatchObject({
      modelsDir: resolve('models'),
      faceModelLive: undefined,
      faceModelUpload: undefined,
    });
    expect(
      loadConfig({ MODELS_DIR: '/srv/models', FACE_MODEL_LIVE: 'fer-fast', FACE_MODEL_UPLOAD: 'face-api-expression' }),
    ).toMatchObject({ modelsDir: '/srv/models', faceModelLive: 'fer-fast', faceModelUpload: 'face-api-expression' });
  });

  it('reads the security settings: CORS allow-list, proxies, socket budget, retention', () => {
    expect(loadConfig({})).toMatchObject({
      corsOrigins: [],
      trustProxy: false,
      socketEventsPerSecond: 20,
      socketEventBurst: 40,
      retentionIntervalMs: 3600_000,
      demoRetentionDays: 30,
    });
    expect(
      loadConfig({
        CORS_ORIGINS: 'https://dash.lab.example, http://localhost:4200',
        TRUST_PROXY: 'loopback',
        SOCKET_EVENTS_PER_SECOND: '5',
        SOCKET_EVENT_BURST: '10',
        RETENTION_INTERVAL_MINUTES: '0',
        DEMO_RETENTION_DAYS: '7',
      }),
    ).toMatchObject({
      corsOrigins: ['https://dash.lab.example', 'http://localhost:4200'],
      trustProxy: 'loopback',
      socketEventsPerSecond: 5,
      socketEventBurst: 10,
      retentionIntervalMs: 0,
      demoRetentionDays: 7,
    });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://lab.example/app' })).toThrow(/CORS_ORIGINS/);
  });
});
