import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { composeFrame } from '@attune/affect';
import { launchWithFakeMedia } from '../support/browser';
import { collectErrors, shot } from '../support/artefacts';
import { DATASETS, HAPPY_FACE } from '../support/fake-camera';
import { initialScriptBytes, unnamedControls } from '../support/page-checks';
import { login, runningStudy, type StudyParticipant } from '../support/study';
import { describeInBrowser, E2E_ADMIN, useServerWithCamera } from '../support/suite';

/**
 * The participant app end to end (issue 7): a study participant joins by link, consents per
 * modality, answers SAM, is seen by the fake camera (CK+48 faces) and heard by the fake
 * microphone (an EmoDB recording), gets a track with its reason, rates it, overrides the mood
 * and ends the session; photo and video uploads are analysed; in edge mode no frame reaches the
 * server. Screenshots of every step land in test-output/e2e/ (participant-app-*.png).
 */
const SAD = join(DATASETS, 'ckplus48/sadness/S014_002_00000015.png');
const VOICE = join(DATASETS, 'emodb/wav/03a01Fa.wav');
/** The participant page's JavaScript before any interaction, compressed (issue 7 acceptance 4). */
const INITIAL_JS_LIMIT = 1_000_000;
const NEEDS = { server: true, files: { 'CK+48': HAPPY_FACE, EmoDB: VOICE } };

/** This suite's screenshots: test-output/e2e/participant-app-<step>.png. */
function shotOf(page: Page, step: string): Promise<void> {
  return shot(page, `participant-app-${step}`);
}

/** Console errors and uncaught exceptions of a page, collected from the start. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  collectErrors(page, 'participant', errors);
  return errors;
}

async function answerSam(page: Page, phase: 'before' | 'after', points: [number, number, number]) {
  const scales = ['valence', 'arousal', 'dominance'];
  for (const [i, scale] of scales.entries()) await page.getByTestId(`sam-${phase}-${scale}-${points[i]}`).check();
  await page.getByTestId(`sam-${phase}-submit`).click();
}

async function consentAndStart(page: Page) {
  await page.getByTestId('consent-submit').waitFor();
  await page.getByTestId('consent-submit').click();
  await page.getByTestId('joined').or(page.getByTestId('consent-error')).waitFor();
  expect(await page.getByTestId('consent-error').count()).toBe(0);
  await page.getByTestId('start-session').click();
}

async function metric(url: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`attune_frames_total{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describeInBrowser('participant app in a real browser', NEEDS, () => {
  const setup = useServerWithCamera();
  let token: string;

  beforeAll(async () => {
    token = await login(setup.server.url, E2E_ADMIN.email, E2E_ADMIN.password);
  });

  it('joins, consents, is seen and heard, gets a track with its reason, rates, overrides the mood and ends', async () => {
    const { server, dataDir, video } = setup;
    const study: StudyParticipant = await runningStudy(server.url, token, { title: 'Music and mood' });
    // The fake microphone plays an EmoDB recording (German, posed happiness) in a loop.
    const browser = await launchWithFakeMedia(video, VOICE);
    try {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      const edgeRequests: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/edge-model')) edgeRequests.push(r.url());
      });
      const sent: Array<string | Buffer> = [];
      page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => sent.push(payload)));

      const initial = await initialScriptBytes(page, `${server.url}${study.joinPath}`);
      console.log(`participant page: ${initial.scripts.length} scripts, ${initial.gzip} bytes gzip before interaction`);
      expect(initial.gzip).toBeLessThan(INITIAL_JS_LIMIT);
      await shotOf(page, '01-consent');
      expect(await unnamedControls(page)).toEqual([]);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shotOf(page, '01-consent-390');
      await page.setViewportSize({ width: 1280, height: 900 });

      await consentAndStart(page);
      await page.getByTestId('sam-before').waitFor();
      await shotOf(page, '02-sam-before');
      await answerSam(page, 'before', [4, 5, 5]);
      await page.getByTestId('sam-before').waitFor({ state: 'detached', timeout: 10_000 });

      // Seen: the label and the box over the preview.
      await page
        .getByTestId('emotion-label')
        .filter({ hasText: /^\s*happy\s*$/ })
        .waitFor({ timeout: 30_000 });
      await page.getByTestId('face-box').waitFor();
      expect(await page.getByTestId('face-box').innerText()).toMatch(/happy \d+%/);

      // Heard: the level meter moves and the voice model answers.
      await page.getByTestId('mic-toggle').click();
      await page
        .getByTestId('voice-estimate')
        .filter({ hasText: /^(?!—)\w+/ })
        .waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('mic-level').evaluate((m: HTMLMeterElement) => m.value)).toBeGreaterThan(0);

      // The fused mood, and a track playing with its reason.
      await page.getByTestId('va-point').waitFor({ timeout: 15_000 });
      await page.getByTestId('track-reason').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('track-reason').innerText()).toMatch(/Why this track:\s*\S+/);
      expect(await page.getByTestId('track-attribution').innerText()).toMatch(/CC BY-SA/);
      const audio = page.getByTestId('audio-player');
      const t0 = await audio.evaluate((el: HTMLAudioElement) => el.currentTime);
      await page.waitForTimeout(1500);
      expect(await audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(t0 + 0.5);
      expect(await page.getByTestId('player-play').getAttribute('aria-label')).toBe('Pause');
      await shotOf(page, '03-seen-heard-playing');

      // Rate it, and like it.
      await page.getByTestId('rating-4').check();
      await page
        .getByTestId('feedback-status')
        .filter({ hasText: 'Rated 4 of 5 — saved' })
        .waitFor({ timeout: 10_000 });
      await page.getByTestId('feedback-like').click();
      await page.getByTestId('feedback-status').filter({ hasText: 'Liked — saved' }).waitFor({ timeout: 10_000 });
      await shotOf(page, '04-rated');

      // The camera is wrong (or fails): the participant sets the mood, and the music follows.
      await page.getByTestId('mood-override').selectOption('sad');
      await page.getByTestId('mood-override-set').click();
      await page
        .getByTestId('mood-override-status')
        .filter({ hasText: 'Using your mood: sad' })
        .waitFor({ timeout: 10_000 });
      await page.getByTestId('mood-display-label').filter({ hasText: 'sad' }).waitFor();
      await page.getByTestId('history-tracks').filter({ hasText: 'you chose your mood' }).waitFor({ timeout: 10_000 });
      await shotOf(page, '05-mood-override');

      expect(await unnamedControls(page)).toEqual([]);
      // 390 px: one column, nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shotOf(page, '06-narrow-390');
      await page.setViewportSize({ width: 1280, height: 900 });

      // End: the after-music self-report, then the session ends on the server.
      await page.getByTestId('end-session').click();
      await page.getByTestId('sam-after').waitFor();
      await answerSam(page, 'after', [3, 4, 5]);
      await page.getByTestId('session-ended').waitFor({ timeout: 10_000 });
      await shotOf(page, '07-ended');

      // Crop mode, the default: the browser loaded its face detector after the page (not in the
      // initial JavaScript) and sent face crops with their boxes, not whole frames.
      expect(edgeRequests.length).toBeGreaterThan(0);
      const frameEvents = sent.filter((p): p is string => typeof p === 'string' && p.includes('"frame"'));
      expect(frameEvents.some((p) => p.includes('"crop"'))).toBe(true);
      expect(errors).toEqual([]);

      const db = new Database(join(dataDir, 'attune.sqlite'), { readonly: true });
      try {
        const feedback = db.prepare(`SELECT kind, value FROM feedback ORDER BY createdAt`).all();
        expect(feedback).toEqual(
          expect.arrayContaining([
            { kind: 'rating', value: 4 },
            { kind: 'like', value: null },
          ]),
        );
        const reports = db.prepare(`SELECT phase, valence, arousal, dominance FROM self_report ORDER BY phase`).all();
        expect(reports).toEqual([
          { phase: 'after', valence: 3, arousal: 4, dominance: 5 },
          { phase: 'before', valence: 4, arousal: 5, dominance: 5 },
        ]);
        const override = db
          .prepare(`SELECT label, modality FROM affect_sample WHERE modelId = 'participant-override'`)
          .all();
        expect(override).toEqual([{ label: 'sad', modality: 'fused' }]);
        const triggers = db.prepare(`SELECT "trigger" FROM recommendation`).all() as { trigger: string }[];
        expect(triggers.map((t) => t.trigger)).toContain('mood-override');
        const voice = db.prepare(`SELECT COUNT(*) AS n FROM affect_sample WHERE modality = 'voice'`).get() as {
          n: number;
        };
        expect(voice.n).toBeGreaterThan(0);
        const sessions = db.prepare(`SELECT endedAt FROM session`).all() as { endedAt: string | null }[];
        expect(sessions.length).toBeGreaterThan(0);
        expect(sessions.every((s) => s.endedAt !== null)).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('analyses an uploaded photo and a video sampled in the browser', async () => {
    const { server, video } = setup;
    const browser = await launchWithFakeMedia(video);
    try {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url);

      const photo = await sharp(await composeFrame(readFileSync(HAPPY_FACE)))
        .jpeg()
        .toBuffer();
      await page.getByTestId('photo-upload').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByTestId('photo-verdict').filter({ hasText: 'happy' }).waitFor({ timeout: 30_000 });
      await shotOf(page, '08-photo');

      // A short webm recorded in the page (MediaRecorder, as a phone or webcam app would make
      // it): 1.5 s of a happy face, then 1.5 s of a sad one.
      const [happy, sad] = await Promise.all(
        [HAPPY_FACE, SAD].map(async (f) =>
          (
            await sharp(await composeFrame(readFileSync(f)))
              .jpeg()
              .toBuffer()
          ).toString('base64'),
        ),
      );
      const webm = Buffer.from(
        (await page.evaluate(`(async () => {
          const load = (b64) => new Promise((ok) => { const i = new Image(); i.onload = () => ok(i); i.src = 'data:image/jpeg;base64,' + b64; });
          const faces = [await load(${JSON.stringify(happy)}), await load(${JSON.stringify(sad)})];
          const canvas = document.createElement('canvas');
          canvas.width = 640; canvas.height = 480;
          const ctx = canvas.getContext('2d');
          ctx.drawImage(faces[0], 0, 0);
          // Frames pushed explicitly at 10 fps: a canvas stream only captures when asked or repainted.
          const stream = canvas.captureStream(0);
          const track = stream.getVideoTracks()[0];
          const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
          const chunks = [];
          recorder.ondataavailable = (e) => chunks.push(e.data);
          const stopped = new Promise((ok) => (recorder.onstop = ok));
          recorder.start(200);
          for (let i = 0; i < 30; i++) {
            ctx.drawImage(faces[i < 15 ? 0 : 1], 0, 0);
            ctx.fillStyle = i % 2 ? '#808080' : '#818181';
            ctx.fillRect(0, 0, 2, 2);
            track.requestFrame();
            await new Promise((ok) => setTimeout(ok, 100));
          }
          recorder.stop();
          await stopped;
          const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
          let s = '';
          for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return btoa(s);
        })()`)) as string,
        'base64',
      );
      await page.getByTestId('video-upload').setInputFiles({ name: 'me.webm', mimeType: 'video/webm', buffer: webm });
      await page.getByTestId('upload-progress').waitFor({ timeout: 10_000 });
      await page.getByTestId('upload-progress').waitFor({ state: 'detached', timeout: 90_000 });
      expect(await page.getByTestId('upload-error').count()).toBe(0);
      await page
        .getByTestId('video-verdict')
        .filter({ hasText: /Mostly/ })
        .waitFor();
      const cells = await page
        .getByTestId('video-timeline')
        .locator('li')
        .evaluateAll((li) => li.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(cells.length).toBeGreaterThanOrEqual(3);
      expect(cells.some((c) => /happy/.test(c))).toBe(true);
      await shotOf(page, '09-video');
      expect(await unnamedControls(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('in edge mode analyses the face in the browser: no frame reaches the server', async () => {
    const { server, video } = setup;
    const study = await runningStudy(server.url, token, { title: 'Private faces', faceMode: 'edge' });
    const browser = await launchWithFakeMedia(video);
    try {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      // Everything the page sends over socket.io: a frame would be a `frame` event and a binary attachment.
      const sent: (string | Buffer)[] = [];
      page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => sent.push(payload)));
      const processedBefore = await metric(server.url, 'processed');
      const edgeBefore = await metric(server.url, 'edge');

      await page.goto(`${server.url}${study.joinPath}`);
      await page.getByText('no camera picture is sent').waitFor();
      await consentAndStart(page);
      await page.getByTestId('sam-before-skip').click();
      await page.getByTestId('edge-status').filter({ hasText: 'analysed on this device' }).waitFor({ timeout: 60_000 });
      await page
        .getByTestId('emotion-label')
        .filter({ hasText: /^\s*happy\s*$/ })
        .waitFor({ timeout: 60_000 });
      await page.getByTestId('face-box').waitFor();
      await page.getByTestId('track-reason').waitFor({ timeout: 15_000 });
      await shotOf(page, '10-edge-mode');

      const events = sent.filter((p): p is string => typeof p === 'string');
      expect(sent.filter((p) => typeof p !== 'string')).toEqual([]);
      expect(events.some((p) => p.includes('"face-estimate"'))).toBe(true);
      expect(events.filter((p) => p.includes('"frame"'))).toEqual([]);
      expect(await metric(server.url, 'processed')).toBe(processedBefore);
      expect(await metric(server.url, 'edge')).toBeGreaterThan(edgeBefore);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a demo session may choose edge mode itself', async () => {
    const { server, video } = setup;
    const browser = await launchWithFakeMedia(video);
    try {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      const sent: (string | Buffer)[] = [];
      page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => sent.push(payload)));
      await page.goto(server.url);
      await page.getByTestId('edge-toggle').check();
      await page.getByTestId('start-session').click();
      await page.getByTestId('sam-before-skip').click();
      await page
        .getByTestId('emotion-label')
        .filter({ hasText: /^\s*happy\s*$/ })
        .waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('edge-status').innerText()).toMatch(/no picture is sent/);
      expect(sent.filter((p) => typeof p !== 'string' || p.includes('"frame"'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
