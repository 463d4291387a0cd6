import { join } from 'node:path';
import Database from 'better-sqlite3';
import { launchWithFakeMedia } from '../support/browser';
import { collectErrors, shot } from '../support/artefacts';
import { HAPPY_FACE } from '../support/fake-camera';
import { describeInBrowser, E2E_ADMIN, useServerWithCamera } from '../support/suite';

describeInBrowser('participant flow in a real browser', { server: true, files: { 'CK+48': HAPPY_FACE } }, () => {
  const setup = useServerWithCamera();

  it('shows happy, plays a track, and stores a like tied to that exposure', async () => {
    const { server, dataDir, video } = setup;
    const browser = await launchWithFakeMedia(video);
    const errors: string[] = [];
    try {
      const researcher = await browser.context.newPage();
      await researcher.goto(`${server.url}/researcher`);
      await researcher.getByTestId('researcher-email').fill(E2E_ADMIN.email);
      await researcher.getByTestId('researcher-password').fill(E2E_ADMIN.password);
      await researcher.getByTestId('researcher-login').click();
      // Signing in opens the studies; the live timelines are a section of the dashboard.
      await researcher.getByRole('link', { name: 'Live sessions' }).click();
      await researcher.getByTestId('session-list').waitFor();

      const page = await browser.context.newPage();
      collectErrors(page, 'participant', errors);
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
