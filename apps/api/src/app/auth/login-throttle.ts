/** Failed sign-ins allowed per account before it is locked, and per client address. */
export const ACCOUNT_FAILURES_ALLOWED = 5;
export const ADDRESS_FAILURES_ALLOWED = 20;
/** The first lock; each further failure doubles it, up to the cap. */
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 3600_000;
/** A key with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 3600_000;
/** Bounds the memory an attacker spraying addresses or e-mails can make this use. */
const MAX_KEYS = 10_000;

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

/**
 * Backoff for password guessing, per account and per client address: after the allowed failures
 * a key is locked for 30 s, doubling with every further failure up to an hour. While locked the
 * password is not even checked. Per instance and in memory (a restart or another instance starts
 * from zero; docs/security.md).
 */
export class LoginThrottle {
  private readonly keys = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `account` from `address` may try again; 0 when it may now. */
  retryAfterMs(account: string, address: string): number {
    const t = this.now();
    const wait = (key: string) => Math.max(0, (this.keys.get(key)?.lockedUntil ?? 0) - t);
    return Math.max(wait(accountKey(account)), wait(addressKey(address)));
  }

  failed(account: string, address: string): void {
    this.count(accountKey(account), ACCOUNT_FAILURES_ALLOWED);
    this.count(addressKey(address), ADDRESS_FAILURES_ALLOWED);
  }

  /** A correct password clears the account's failures (not the address's: one valid account must not reset guessing others). */
  succeeded(account: string): void {
    this.keys.delete(accountKey(account));
  }

  private count(key: string, allowed: number): void {
    const t = this.now();
    const prior = this.keys.get(key);
    const f = prior && t - prior.last < FORGET_AFTER_MS ? prior : { count: 0, last: t, lockedUntil: 0 };
    f.count += 1;
    f.last = t;
    if (f.count >= allowed) f.lockedUntil = t + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (f.count - allowed));
    this.keys.delete(key);
    this.keys.set(key, f);
    // Oldest entries first (insertion order): drop the least recently failed.
    while (this.keys.size > MAX_KEYS) this.keys.delete(this.keys.keys().next().value as string);
  }
}

const accountKey = (email: string) => `account:${email.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
