import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable } from './browser';
import { happyFaceVideo } from './fake-camera';
import { REPO_ROOT, startServerProcess, type ServerProcess } from './server-process';

/** The admin the browser tests' servers create on their first start. */
export const E2E_ADMIN = { email: 'admin@attune.test', password: 'e2e-admin-password-123' };

/** What a browser suite needs besides Chromium. */
export interface BrowserSuiteNeeds {
  /** The built server (`npm run build`). */
  server?: boolean;
  /** Data files, keyed by what they are (`{ 'CK+48': path }`). */
  files?: Record<string, string>;
}

/** `describe` when Chromium and all the suite needs are here; else skipped, with a warning naming what is missing. */
export function describeInBrowser(title: string, needs: BrowserSuiteNeeds, body: () => void): void {
  const missing = [
    ...(chromiumAvailable() ? [] : ['Chromium (apt-get install chromium)']),
    ...Object.entries(needs.files ?? {})
      .filter(([, path]) => !existsSync(path))
      .map(([what, path]) => `${what} (${path})`),
    ...(needs.server && !existsSync(join(REPO_ROOT, 'dist/apps/api/main.js')) ? ['a build (npm run build)'] : []),
  ];
  if (missing.length) console.warn(`Browser test "${title}" skipped: missing ${missing.join(', ')}`);
  (missing.length ? describe.skip : describe)(title, body);
}

/** The server and camera `useServerWithCamera` sets up; its fields are set once `beforeAll` has run. */
export interface ServerWithCamera {
  server: ServerProcess;
  /** The server's DATA_DIR (its SQLite file is `attune.sqlite` in it). */
  dataDir: string;
  /** The fake camera's video: a CK+48 smile on a 640x480 frame. */
  video: string;
}

/**
 * Registers `beforeAll`/`afterAll` in the calling `describe`: the built server on the embedded
 * SQLite default, as on a fresh clone (the api tests cover MariaDB), in a fresh data folder, with
 * `E2E_ADMIN`; and the fake camera's video in that folder.
 */
export function useServerWithCamera(): ServerWithCamera {
  const fixture = {} as ServerWithCamera;
  beforeAll(async () => {
    fixture.dataDir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
    fixture.video = await happyFaceVideo(fixture.dataDir);
    fixture.server = await startServerProcess({
      DATA_DIR: fixture.dataDir,
      ATTUNE_ADMIN_EMAIL: E2E_ADMIN.email,
      ATTUNE_ADMIN_PASSWORD: E2E_ADMIN.password,
      DATABASE_URL: '',
    });
  });
  afterAll(async () => {
    await fixture.server?.stop();
    if (fixture.dataDir) rmSync(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}
