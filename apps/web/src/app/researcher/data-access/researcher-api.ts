import { Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';
import { FETCH } from '../../core/login-api';
import { ResearcherAuth } from '../auth/researcher-auth.service';

/** A failed API call, with a message fit to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The researcher REST API with the bearer token; a 401 signs out and returns to the sign-in page. */
@Injectable({ providedIn: 'root' })
export class ResearcherApi {
  private readonly fetch = inject(FETCH);
  private readonly auth = inject(ResearcherAuth);
  private readonly router = inject(Router);

  get<T>(path: string): Promise<T> {
    return this.json<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.json<T>('DELETE', path);
  }

  /** A file (export, figure) as a Blob, with the name the server suggests. */
  async blob(path: string): Promise<{ blob: Blob; filename: string | null }> {
    const res = await this.send('GET', path);
    const disposition = res.headers.get('Content-Disposition') ?? '';
    return { blob: await res.blob(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    const token = this.auth.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetch(`/api${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'Cannot reach the server. Check the connection and retry.');
    }
    if (res.status === 401) {
      this.auth.forget('Your sign-in has expired or was revoked. Please sign in again.');
      void this.router.navigateByUrl('/researcher');
      throw new ApiError(401, 'Please sign in again.');
    }
    if (!res.ok) throw new ApiError(res.status, await problemText(res));
    return res;
  }
}

async function problemText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string | string[] };
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    if (message) return `${message} (HTTP ${res.status})`;
  } catch {
    // not JSON
  }
  return `The server answered HTTP ${res.status}. Please retry.`;
}
