import {
  ACCOUNT_FAILURES_ALLOWED,
  ADDRESS_FAILURES_ALLOWED,
  FIRST_LOCK_MS,
  LoginThrottle,
  MAX_LOCK_MS,
} from './login-throttle';

describe('LoginThrottle', () => {
  let t = 0;
  const throttle = () => new LoginThrottle(() => t);
  beforeEach(() => (t = 1_000_000));

  it('locks an account after the allowed failures, doubling the lock with every further failure', () => {
    const th = throttle();
    for (let i = 1; i < ACCOUNT_FAILURES_ALLOWED; i++) th.failed('a@x.org', `10.0.0.${i}`);
    expect(th.retryAfterMs('a@x.org', '10.0.0.99')).toBe(0);
    th.failed('A@x.org', '10.0.0.5');
    expect(th.retryAfterMs('a@x.org', '10.0.0.99')).toBe(FIRST_LOCK_MS);
    t += FIRST_LOCK_MS;
    expect(th.retryAfterMs('a@x.org', '10.0.0.99')).toBe(0);
    th.failed('a@x.org', '10.0.0.6');
    expect(th.retryAfterMs('a@x.org', '10.0.0.99')).toBe(2 * FIRST_LOCK_MS);
    t += 2 * FIRST_LOCK_MS;
    th.failed('a@x.org', '10.0.0.7');
    expect(th.retryAfterMs('a@x.org', '10.0.0.99')).toBe(4 * FIRST_LOCK_MS);
    for (let i = 0; i < 30; i++) th.failed('a@x.org', '10.0.0.8');
    expect(th.retryAfterMs('a@x.org', '10.0.0.99')).toBe(MAX_LOCK_MS);
    // Other accounts from other addresses are not affected.
    expect(th.retryAfterMs('b@x.org', '10.0.0.99')).toBe(0);
  });

  it('locks an address that guesses many accounts, and a success clears only the account', () => {
    const th = throttle();
    for (let i = 0; i < ADDRESS_FAILURES_ALLOWED; i++) th.failed(`user${i}@x.org`, '192.0.2.1');
    expect(th.retryAfterMs('fresh@x.org', '192.0.2.1')).toBe(FIRST_LOCK_MS);
    expect(th.retryAfterMs('fresh@x.org', '192.0.2.2')).toBe(0);
    th.succeeded('user0@x.org');
    expect(th.retryAfterMs('user0@x.org', '192.0.2.1')).toBe(FIRST_LOCK_MS);
  });

  it('forgets failures after a quiet day and clears an account on success', () => {
    const th = throttle();
    for (let i = 1; i < ACCOUNT_FAILURES_ALLOWED; i++) th.failed('a@x.org', 'h');
    t += 25 * 3600_000;
    th.failed('a@x.org', 'h');
    expect(th.retryAfterMs('a@x.org', 'other')).toBe(0);
    for (let i = 1; i < ACCOUNT_FAILURES_ALLOWED - 1; i++) th.failed('a@x.org', 'h');
    th.succeeded('a@x.org');
    th.failed('a@x.org', 'h');
    expect(th.retryAfterMs('a@x.org', 'other')).toBe(0);
  });
});
