import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** Roles a person operates; each needs an accessible name. */
const CONTROL_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'listbox',
  'meter',
  'progressbar',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'textbox',
]);

interface AxNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  properties?: { name: string; value: { value: unknown } }[];
}

/** Controls without an accessible name, as Chromium's accessibility tree computes it (role: description). */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes
      .filter((n) => !n.ignored && n.role && CONTROL_ROLES.has(n.role.value))
      .filter((n) => !String(n.name?.value ?? '').trim())
      .map((n) => `${n.role?.value}: ${JSON.stringify(n.properties?.map((p) => `${p.name}=${p.value.value}`) ?? [])}`);
  } finally {
    await cdp.detach();
  }
}

/**
 * Loads `url` and sums the gzip size of every script fetched until the network is idle: the
 * JavaScript a participant downloads before touching anything.
 */
export async function initialScriptBytes(page: Page, url: string): Promise<{ gzip: number; scripts: string[] }> {
  const pending: Promise<{ url: string; gzip: number }>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(response.body().then((body) => ({ url: response.url(), gzip: gzipSync(body, { level: 9 }).length })));
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    const scripts = await Promise.all(pending);
    return { gzip: scripts.reduce((n, s) => n + s.gzip, 0), scripts: scripts.map((s) => s.url) };
  } finally {
    page.off('response', onResponse);
  }
}
