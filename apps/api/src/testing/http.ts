import type { TestServer } from './test-server';

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

/** One JSON request against the test server, with an optional bearer token. */
export async function http<T = any>(
  server: TestServer,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<HttpResult<T>> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T };
}
