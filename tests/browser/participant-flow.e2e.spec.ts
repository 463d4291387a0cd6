import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { composeFrame } from '@attune/affect';
import { chromiumAvailable, launchWithFakeMedia } from '../support/browser';
import { REPO_ROOT, ServerProcess, startServerProcess } from '../support/server-process';
import { stillY4m } from '../support/y4m';

const DATASETS = resolve(process.env['DATASETS_DIR'] ?? join(REPO_ROOT, '../shared/datasets'));
const ARTEFACTS = join(REPO_ROOT, 'test-output/e2e');
const ADMIN = { email: 'admin@attune.test', password: 'e2e-admin-password-123' };
const missing = [
  !chromiumAvailable() && 'Chromium (apt-get install chromium)',
  !existsSync(join(DATASETS, 'ckplus48')) && `datasets (${DATASETS})`,
  !existsSync(join(REPO_ROOT, 'dist/apps/api/main.js')) && 'a build (npm run build)',
].filter(Boolean);
if (missing.length) console.warn(`Browser end-to-end test skipped: missing ${missing.join(', ')}`);
const describeIfReady = missing.length ? describe.skip : describe;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

describeIfReady('participant flow in a real browser', () => {
  let dataDir: string;
  let server: ServerProcess;
  let video: string;

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
    // A real posed smile (CK+48, subject S010) upscaled onto a 640x480 frame, as a webcam would show it.
    const frame = await composeFrame(readFileSync(join(DATASETS, 'ckplus48/happy/S010_006_00000015.png')));
    video = join(dataDir, 'happy-face.y4m');
    writeFileSync(video, await stillY4m(frame));
    // The embedded SQLite default, as on a fresh clone (the gateway tests cover MySQL/MariaDB).
    server = await startServerProcess({
      DATA_DIR: dataDir,
      ATTUNE_ADMIN_EMAIL: ADMIN.email,
      ATTUNE_ADMIN_PASSWORD: ADMIN.password,
      DATABASE_URL: '',
    });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows happy, plays a track, and stores a like tied to that exposure', async () => {
    const browser = await launchWithFakeMedia(video);
    const errors: string[] = [];
    try {
      const researcher = await browser.context.newPage();
      await researcher.goto(`${server.url}/researcher`);
      await researcher.getByTestId('researcher-email').fill(ADMIN.email);
      await researcher.getByTestId('researcher-password').fill(ADMIN.password);
      await researcher.getByTestId('researcher-login').click();
      // Signing in opens the studies; the live timelines are a section of the dashboard.
      await researcher.getByRole('link', { name: 'Live sessions' }).click();
      await researcher.getByTestId('session-list').waitFor();

      const page = await browser.context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await shot(page, '01-participant-start');
      await page.getByTestId('start-session').click();

      await page
        .getByTestId('emotion-label')
        .filter({ hasText: /^\s*happy\s*$/ })
        .waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('emotion-confidence').innerText()).toMatch(/\d+\s*%/);
      await page.getByTestId('now-playing').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });

      const audio = page.getByTestId('audio-player');
      const t0 = await audio.evaluate((el: HTMLAudioElement) => el.currentTime);
      await page.waitForTimeout(1500);
      const t1 = await audio.evaluate((el: HTMLAudioElement) => el.currentTime);
      expect(t1).toBeGreaterThan(t0 + 0.5);
      await shot(page, '02-participant-happy-playing');

      await page.getByTestId('feedback-like').click();
      await page.getByTestId('feedback-status').filter({ hasText: /saved/i }).waitFor({ timeout: 10_000 });
      await shot(page, '03-participant-liked');
      // Text and goal may bring a new track, so remember the one that was liked.
      const likedNowPlaying = await page.getByTestId('now-playing').innerText();

      await page.getByTestId('mood-text').fill('I feel great today');
      await page.getByTestId('mood-text-send').click();
      await page.getByTestId('text-estimate').filter({ hasText: /happy/ }).waitFor({ timeout: 10_000 });
      await page.getByTestId('mood-label').filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
      await page.getByTestId('goal-improve').click();
      await page.getByTestId('strategy').filter({ hasText: 'iso-principle' }).waitFor({ timeout: 10_000 });

      await researcher.getByTestId('session-item').first().click();
      await researcher.getByTestId('timeline-chart').locator('canvas').waitFor();
      await researcher.waitForTimeout(1500);
      await shot(researcher, '04-researcher-timeline');

      const db = new Database(join(dataDir, 'attune.sqlite'), { readonly: true });
      try {
        const rows = db
          .prepare(
            `SELECT f.kind, f.sessionId, r.sessionId AS recSession, r.moodLabel, r.playedAt, t.title
               FROM feedback f JOIN recommendation r ON r.id = f.recommendationId JOIN track t ON t.id = r.trackId`,
          )
          .all() as {
          kind: string;
          sessionId: string;
          recSession: string;
          moodLabel: string;
          playedAt: string | null;
          title: string;
        }[];
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ kind: 'like', moodLabel: 'happy' });
        expect(rows[0].sessionId).toBe(rows[0].recSession);
        // The browser reported that playback began: the exposure is logged.
        expect(rows[0].playedAt).not.toBeNull();
        expect(likedNowPlaying).toContain(rows[0].title);
      } finally {
        db.close();
      }
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
