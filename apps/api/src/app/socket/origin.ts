/**
 * Whether a request from a browser page at `origin` may use the API: the same host always, other
 * origins only when listed (CORS_ORIGINS). No Origin header means no browser page (curl, the CLI,
 * socket.io-client in Node): nothing a cross-site attacker can make a victim's browser send.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
