import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ResearcherAuth } from '../auth/researcher-auth.service';
import { setupResearcher } from '../../testing/fake-api';
import { ApiError, ResearcherApi } from './researcher-api';

describe('ResearcherApi', () => {
  it('sends the bearer token and JSON bodies', async () => {
    const api = setupResearcher([]).on('POST', '/api/studies', { status: 201, body: { id: 's1' } });
    const client = TestBed.inject(ResearcherApi);
    expect(await client.post('/studies', { title: 't' })).toEqual({ id: 's1' });
    expect(api.lastCall('POST', '/api/studies')).toMatchObject({ auth: 'Bearer test-token', body: { title: 't' } });
  });

  it('turns server messages into errors fit to show', async () => {
    setupResearcher([]).on('PATCH', '/api/studies/s1/experiments/e1', {
      status: 409,
      body: { message: 'another experiment of this study is running; stop it first' },
    });
    const failing = TestBed.inject(ResearcherApi).patch('/studies/s1/experiments/e1', { status: 'running' });
    await expect(failing).rejects.toThrow('another experiment of this study is running; stop it first (HTTP 409)');
    await expect(failing).rejects.toBeInstanceOf(ApiError);
  });

  it('signs out and returns to the sign-in page when the token is refused', async () => {
    setupResearcher([]).on('GET', '/api/studies', { status: 401 });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await expect(TestBed.inject(ResearcherApi).get('/studies')).rejects.toThrow(/sign in again/i);
    expect(TestBed.inject(ResearcherAuth).token()).toBeNull();
    expect(TestBed.inject(ResearcherAuth).message()).toMatch(/expired/);
    expect(navigate).toHaveBeenCalledWith('/researcher');
  });

  it('returns files with the name the server suggests', async () => {
    setupResearcher([]).on('GET', '/api/studies/s1/export/exposures?format=csv', {
      body: new Blob(['a,b\n1,2\n']),
      headers: { 'Content-Disposition': 'attachment; filename="attune-s1-exposures.csv"' },
    });
    const file = await TestBed.inject(ResearcherApi).blob('/studies/s1/export/exposures?format=csv');
    expect(file.filename).toBe('attune-s1-exposures.csv');
    expect(file.blob.size).toBe(8);
  });
});
