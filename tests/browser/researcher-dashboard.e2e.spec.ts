import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithFakeMedia } from '../support/browser';
import { HAPPY_FACE } from '../support/fake-camera';
import { collectErrors, horizontalOverflow, shot, shotBothWidths } from '../support/artefacts';
import { unnamedControls } from '../support/page-checks';
import { describeInBrowser, E2E_ADMIN, useServerWithCamera } from '../support/suite';

/** Every control on the page has an accessible name, and a phone-width page does not scroll sideways. */
async function expectUsable(page: Page, where: string): Promise<void> {
  expect({ where, unnamed: await unnamedControls(page) }).toEqual({ where, unnamed: [] });
  await page.setViewportSize({ width: 390, height: 844 });
  // Charts follow the new width on their next animation frame; give the layout a moment to settle.
  await page
    .waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, undefined, {
      timeout: 3000,
    })
    .catch(() => undefined);
  expect({ where, overflow: await horizontalOverflow(page) }).toEqual({ where, overflow: 0 });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describeInBrowser('researcher dashboard in a real browser', { server: true, files: { 'CK+48': HAPPY_FACE } }, () => {
  const setup = useServerWithCamera();

  it('runs a study: sign in, study, consent, experiment, live timeline, results and export', async () => {
    const { server, dataDir, video } = setup;
    const browser = await launchWithFakeMedia(video);
    const errors: string[] = [];
    try {
      const researcher = await browser.context.newPage();
      collectErrors(researcher, 'researcher', errors);

      // 1. Sign in as the bootstrap admin.
      await researcher.goto(`${server.url}/researcher`);
      await researcher.getByTestId('researcher-email').waitFor();
      await expectUsable(researcher, 'sign-in');
      await shotBothWidths(researcher, 'dashboard-01-sign-in');
      await researcher.getByTestId('researcher-email').fill(E2E_ADMIN.email);
      await researcher.getByTestId('researcher-password').fill(E2E_ADMIN.password);
      await researcher.getByTestId('researcher-login').click();
      await researcher.waitForURL('**/researcher/studies');
      await researcher.getByTestId('studies-empty').waitFor();

      // 2. Create a study through the form.
      await researcher.getByTestId('study-title').fill('Music and mood (e2e)');
      await researcher.getByTestId('study-description').fill('Does mood-congruent music lift the mood?');
      await expectUsable(researcher, 'studies');
      await shotBothWidths(researcher, 'dashboard-02-studies');
      await researcher.getByTestId('create-study').click();
      await researcher.getByTestId('study-heading').filter({ hasText: 'Music and mood (e2e)' }).waitFor();
      const studyUrl = researcher.url();

      // 3. A consent form version (camera), then open the study.
      await researcher
        .getByTestId('consent-text')
        .fill('# Consent\n\nWe analyse your facial expression while music plays.');
      await researcher.getByTestId('add-consent-form').click();
      await researcher.getByTestId('consent-form-item').filter({ hasText: 'Version 1' }).waitFor();
      await researcher.getByTestId('study-status').selectOption('running');
      await researcher.getByTestId('save-study').click();
      await researcher.getByTestId('study-saved').filter({ hasText: 'running' }).waitFor();

      // 4. A participant to hand the code to.
      await researcher.getByTestId('add-participant').click();
      const code = (await researcher.getByTestId('participant-code').first().innerText()).trim();
      expect(code).toMatch(/\S{6,}/);

      // 5. An experiment with two arms, started.
      await researcher.getByTestId('experiment-name').fill('folder vs congruent');
      await researcher.getByTestId('arm-key-0').fill('control');
      await researcher.getByTestId('arm-strategy-0').fill('emotion-folder-random');
      await researcher.getByTestId('arm-key-1').fill('mood-congruent');
      await researcher.getByTestId('arm-strategy-1').fill('mood-congruent');
      await researcher.getByTestId('create-experiment').click();
      await researcher.getByTestId('experiment-item').filter({ hasText: 'folder vs congruent' }).waitFor();
      await researcher.getByTestId('experiment-running').click();
      await researcher.getByTestId('experiment-status').filter({ hasText: 'running' }).waitFor();
      await expectUsable(researcher, 'study');
      await shotBothWidths(researcher, 'dashboard-03-study-running');

      // 6. Watch live sessions.
      await researcher.getByRole('link', { name: 'Live sessions' }).click();
      await researcher.getByTestId('connection-status').filter({ hasText: 'live' }).waitFor();

      // 7. The participant joins by the code, consents and starts (fake camera: a smiling face).
      const participant = await browser.context.newPage();
      collectErrors(participant, 'participant', errors);
      await participant.goto(`${server.url}/join/${code}`);
      await participant.getByTestId('consent-camera').check();
      await participant.getByTestId('consent-submit').click();
      await participant.getByTestId('joined').waitFor();
      await participant.getByTestId('start-session').click();
      await participant
        .getByTestId('emotion-label')
        .filter({ hasText: /^\s*happy\s*$/ })
        .waitFor({ timeout: 30_000 });
      await participant.getByTestId('now-playing').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });

      // 8. The researcher sees the session and its timeline gaining points.
      await researcher.getByTestId('session-item').filter({ hasText: code }).click();
      await researcher.getByTestId('modality-chart').locator('canvas').waitFor();
      const count = async () =>
        Number(/^(\d+)/.exec(await researcher.getByTestId('point-count').innerText())?.[1] ?? 0);
      const before = await count();
      await researcher.waitForFunction(
        (n) =>
          Number(
            /^(\d+)/.exec(document.querySelector('[data-testid="point-count"]')?.textContent?.trim() ?? '')?.[1] ?? 0,
          ) >
          n + 2,
        before,
        { timeout: 20_000 },
      );
      expect(await count()).toBeGreaterThan(before);
      await researcher.getByTestId('current-track').filter({ hasText: 'Playing:' }).waitFor({ timeout: 15_000 });
      await expectUsable(researcher, 'live');
      await shotBothWidths(researcher, 'dashboard-04-live-timeline');
      const replayHref = await researcher.getByTestId('replay-link').getAttribute('href');
      const sessionId = /sessions\/([^/]+)\/replay/.exec(replayHref ?? '')?.[1];
      expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

      // The exposure counts once playback began in the participant's browser; a like adds feedback.
      await participant.waitForFunction(
        () =>
          ((document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement | null)?.currentTime ?? 0) > 0.5,
        undefined,
        { timeout: 15_000 },
      );
      await participant.getByTestId('feedback-like').click();
      await participant.getByTestId('feedback-status').filter({ hasText: /saved/i }).waitFor({ timeout: 10_000 });
      await shot(participant, 'dashboard-05-participant');

      // 9. Replay of the stored samples.
      await researcher.getByTestId('replay-link').click();
      await researcher.getByTestId('replay-events').filter({ hasText: 'feedback: like' }).waitFor({ timeout: 10_000 });
      await expectUsable(researcher, 'replay');
      await shotBothWidths(researcher, 'dashboard-06-replay');

      // 10. Results: the participant's exposure is counted.
      await researcher.goto(studyUrl);
      await researcher.getByTestId('experiment-results-link').click();
      await researcher.getByTestId('results-exposures').waitFor();
      expect(Number(await researcher.getByTestId('results-exposures').innerText())).toBeGreaterThanOrEqual(1);
      const inControl = Number(await researcher.getByTestId('assigned-control').innerText());
      const inTreatment = Number(await researcher.getByTestId('assigned-mood-congruent').innerText());
      expect(inControl + inTreatment).toBe(1);
      await researcher.getByTestId('srm-ok').waitFor();
      // The arm this one participant landed in is charted either way; comparing needs both arms.
      await researcher.getByTestId('interval-chart').first().locator('canvas').waitFor();
      await expectUsable(researcher, 'results');
      await shotBothWidths(researcher, 'dashboard-07-results');

      // 11. The export holds the session's exposures.
      await researcher.goto(studyUrl);
      await researcher.getByTestId('export-exposures').waitFor();
      const [download] = await Promise.all([
        researcher.waitForEvent('download'),
        researcher.getByTestId('export-exposures').click(),
      ]);
      const csvPath = join(dataDir, 'exposures.csv');
      await download.saveAs(csvPath);
      const [header, ...rows] = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
      const sessionColumn = header.split(',').indexOf('session_id');
      expect(sessionColumn).toBeGreaterThanOrEqual(0);
      const ofSession = rows.filter((row) => row.split(',')[sessionColumn] === sessionId);
      expect(ofSession.length).toBeGreaterThanOrEqual(1);
      expect(download.suggestedFilename()).toMatch(/exposures\.csv$/);
      await shot(researcher, 'dashboard-08-export');

      // 12. Catalog and models.
      await researcher.getByRole('link', { name: 'Catalog' }).click();
      await researcher
        .getByTestId('catalog-count')
        .filter({ hasText: /^\d+ of \d+ tracks$/ })
        .waitFor();
      await researcher.getByTestId('catalog-list').getByRole('button').first().click();
      await researcher.getByTestId('catalog-now-playing').waitFor();
      await expectUsable(researcher, 'catalog');
      await shotBothWidths(researcher, 'dashboard-09-catalog');
      await researcher.getByRole('link', { name: 'Models' }).click();
      await researcher.getByTestId('model-card').first().waitFor();
      await researcher.getByTestId('confusion-matrix').first().waitFor();
      await expectUsable(researcher, 'models');
      await shotBothWidths(researcher, 'dashboard-10-models');

      expect(errors).toEqual([]);
    } catch (err) {
      // What each page showed when it went wrong, for the CI artefacts.
      for (const [i, page] of browser.context.pages().entries())
        await shot(page, `dashboard-failure-page${i}`).catch(() => undefined);
      throw err;
    } finally {
      await browser.close();
    }
  });
});
