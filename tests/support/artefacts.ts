import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './server-process';

/** Where browser tests leave their screenshots and reports (CI keeps them as artefacts). */
const ARTEFACTS = join(REPO_ROOT, 'test-output/e2e');

/** The path of `file` in test-output/e2e/, the folder made when missing. */
export function artefactPath(file: string): string {
  mkdirSync(ARTEFACTS, { recursive: true });
  return join(ARTEFACTS, file);
}

/** Collects what a person would see as broken: console errors and uncaught exceptions. */
export function collectErrors(page: Page, name: string, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') into.push(`${name} console: ${message.text()}`);
  });
  page.on('pageerror', (error) => into.push(`${name} exception: ${error.message}`));
}

/** A full-page screenshot in test-output/e2e/, at the page's current width. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artefactPath(`${name}.png`), fullPage: true });
}

/** Screenshots at a desktop (1280) and a phone (390) width, then back to desktop. */
export async function shotBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  // Charts redraw for the narrow layout on resize.
  await page.waitForTimeout(300);
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(200);
}

/** How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
