import { Injectable, inject, signal } from '@angular/core';
import { FETCH, LoginApi } from '../../core/login-api';
import { SESSION_STORAGE } from '../../core/session-storage.token';

export const RESEARCHER_TOKEN_ITEM = 'attune.researcherToken';

/** The researcher's sign-in token (kept per tab), and signing in and out. */
@Injectable({ providedIn: 'root' })
export class ResearcherAuth {
  private readonly storage = inject(SESSION_STORAGE);
  private readonly loginApi = inject(LoginApi);
  private readonly fetch = inject(FETCH);

  readonly token = signal<string | null>(this.storage.getItem(RESEARCHER_TOKEN_ITEM));
  readonly busy = signal(false);
  /** Why the researcher is signed out (wrong password, expired token), shown on the sign-in page. */
  readonly message = signal<string | null>(null);

  async signIn(email: string, password: string): Promise<boolean> {
    this.busy.set(true);
    this.message.set(null);
    const result = await this.loginApi.login(email, password);
    this.busy.set(false);
    if (!result.ok) {
      this.message.set(result.message);
      return false;
    }
    this.storage.setItem(RESEARCHER_TOKEN_ITEM, result.token);
    this.token.set(result.token);
    return true;
  }

  /** Revokes the token on the server (best effort) and forgets it here. */
  async signOut(): Promise<void> {
    const token = this.token();
    this.forget(null);
    if (token)
      await this.fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(
        () => undefined,
      );
  }

  forget(message: string | null): void {
    this.storage.removeItem(RESEARCHER_TOKEN_ITEM);
    this.token.set(null);
    this.message.set(message);
  }
}
