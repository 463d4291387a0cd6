import { Injectable, InjectionToken, inject } from '@angular/core';

/** `fetch`, as a token so tests can answer HTTP calls without a server. */
export const FETCH = new InjectionToken<typeof fetch>('FETCH', {
  providedIn: 'root',
  factory: () => fetch.bind(globalThis),
});

export type LoginResult = { ok: true; token: string } | { ok: false; message: string };

/** Researcher sign-in: POST /api/auth/login → a bearer token for the researcher socket. */
@Injectable({ providedIn: 'root' })
export class LoginApi {
  private readonly fetch = inject(FETCH);

  async login(email: string, password: string): Promise<LoginResult> {
    try {
      const res = await this.fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (res.status === 401 || res.status === 400) return { ok: false, message: 'Wrong e-mail or password' };
      if (!res.ok) return { ok: false, message: `Sign-in failed (HTTP ${res.status}). Please retry.` };
      return { ok: true, token: ((await res.json()) as { token: string }).token };
    } catch {
      return { ok: false, message: 'Cannot reach the server. Please retry.' };
    }
  }
}
