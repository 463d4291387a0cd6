import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding, type Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { FETCH } from '../core/login-api';
import { SESSION_STORAGE } from '../core/session-storage.token';
import { RESEARCHER_TOKEN_ITEM } from '../researcher/auth/researcher-auth.service';

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
type Handler = Reply | ((body: unknown) => Reply);

/** Plays the researcher REST API: answers `METHOD /api/path` from a table and records every call. */
export class FakeApi {
  readonly calls: { method: string; url: string; body: unknown; auth: string | null }[] = [];
  private readonly routes = new Map<string, Handler>();
  /** Requests that wait for `release()` (to see loading states). */
  private readonly held = new Set<string>();
  private readonly waiting: (() => void)[] = [];

  on(method: string, path: string, handler: Handler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  hold(method: string, path: string): this {
    this.held.add(`${method} ${path}`);
    return this;
  }

  release(): void {
    this.held.clear();
    this.waiting.splice(0).forEach((go) => go());
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const auth = (init.headers as Record<string, string> | undefined)?.['Authorization'] ?? null;
    this.calls.push({ method, url, body, auth });
    const key = `${method} ${url}`;
    if (this.held.has(key)) await new Promise<void>((go) => this.waiting.push(go));
    const handler = this.routes.get(key);
    const reply: Reply = !handler
      ? { status: 404, body: { message: `no fake for ${key}` } }
      : typeof handler === 'function'
        ? handler(body)
        : handler;
    const status = reply.status ?? 200;
    const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    // jsdom has no fetch Response: this stand-in has what ResearcherApi and LoginApi read.
    return {
      status,
      ok: status >= 200 && status < 300,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      json: async () => reply.body ?? {},
      blob: async () => (reply.body instanceof Blob ? reply.body : new Blob([String(reply.body ?? '')])),
    } as unknown as Response;
  };

  lastCall(method: string, url: string) {
    const found = this.calls.filter((c) => c.method === method && c.url === url);
    if (!found.length)
      throw new Error(`no ${method} ${url}; calls: ${this.calls.map((c) => `${c.method} ${c.url}`).join(', ')}`);
    return found[found.length - 1];
  }
}

/** Configures TestBed with a fake API, a signed-in researcher (unless `token` is null) and these routes. */
export function setupResearcher(routes: Routes, opts: { token?: string | null; providers?: unknown[] } = {}) {
  const api = new FakeApi();
  sessionStorage.clear();
  const token = opts.token === undefined ? 'test-token' : opts.token;
  if (token) sessionStorage.setItem(RESEARCHER_TOKEN_ITEM, token);
  TestBed.configureTestingModule({
    providers: [
      // As in app.config.ts: route and query parameters bind to component inputs.
      provideRouter(routes, withComponentInputBinding()),
      { provide: FETCH, useValue: api.fetch },
      { provide: SESSION_STORAGE, useValue: sessionStorage },
      ...((opts.providers ?? []) as never[]),
    ],
  });
  return api;
}

/** Opens `url` in a router harness; helpers find elements by test id and let pending work settle. */
export async function openPage(url: string) {
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const root = () => harness.routeNativeElement ?? harness.fixture.nativeElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(id: string) =>
    root().querySelector(`[data-testid="${id}"]`) as T | null;
  const all = <T extends HTMLElement = HTMLElement>(id: string) => [
    ...Array.from(root().querySelectorAll(`[data-testid="${id}"]`) as NodeListOf<T>),
  ];
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await harness.fixture.whenStable();
    }
  };
  await settle();
  return { harness, root, byTestId, all, settle };
}

/** Sets an input's value the way typing does. */
export function type(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null, value: string): void {
  if (!el) throw new Error('no such field');
  el.value = value;
  el.dispatchEvent(new Event('input'));
  el.dispatchEvent(new Event('change'));
}

/** Every button, input, select and textarea has an accessible name (label, aria-label or text). */
export function unnamedControls(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll<HTMLElement>('button, input, select, textarea'))
    .filter((el) => {
      const labelled = (el as HTMLInputElement).labels?.length;
      const aria = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      const text = el.tagName === 'BUTTON' && el.textContent?.trim();
      return !labelled && !aria && !text;
    })
    .map((el) => el.outerHTML.slice(0, 120));
}
