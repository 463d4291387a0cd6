import { TestBed } from '@angular/core/testing';
import { FETCH, LoginApi } from './login-api';

function withFetch(impl: typeof fetch) {
  TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: impl }] });
  return TestBed.inject(LoginApi);
}

const reply = (status: number, body: unknown) =>
  Promise.resolve({ status, ok: status < 300, json: () => Promise.resolve(body) } as Response);

describe('LoginApi', () => {
  it('posts the credentials and returns the token', async () => {
    const fetch = jest.fn(() => reply(200, { token: 'tok' }));
    const api = withFetch(fetch as unknown as typeof globalThis.fetch);
    expect(await api.login('a@b.c', 'pw')).toEqual({ ok: true, token: 'tok' });
    expect(fetch).toHaveBeenCalledWith(
      '/api/auth/login',
      expect.objectContaining({ method: 'POST', body: '{"email":"a@b.c","password":"pw"}' }),
    );
  });

  it('says the credentials are wrong on 401, and names other failures', async () => {
    expect(await withFetch((() => reply(401, {})) as unknown as typeof fetch).login('a', 'b')).toEqual({
      ok: false,
      message: 'Wrong e-mail or password',
    });
    TestBed.resetTestingModule();
    expect(await withFetch((() => reply(503, {})) as unknown as typeof fetch).login('a', 'b')).toEqual({
      ok: false,
      message: 'Sign-in failed (HTTP 503). Please retry.',
    });
    TestBed.resetTestingModule();
    expect(
      await withFetch((() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch).login('a', 'b'),
    ).toEqual({
      ok: false,
      message: 'Cannot reach the server. Please retry.',
    });
  });
});
