import { originAllowed } from './origin';

describe('originAllowed', () => {
  it('allows clients without an Origin (no browser page) and pages of this very host', () => {
    expect(originAllowed(undefined, 'attune.lab:3000', [])).toBe(true);
    expect(originAllowed('http://attune.lab:3000', 'attune.lab:3000', [])).toBe(true);
    expect(originAllowed('https://attune.lab', 'attune.lab', [])).toBe(true);
  });

  it('refuses every other origin unless CORS_ORIGINS lists it exactly', () => {
    expect(originAllowed('https://evil.example', 'attune.lab', [])).toBe(false);
    expect(originAllowed('http://attune.lab:3001', 'attune.lab:3000', [])).toBe(false);
    expect(originAllowed('https://attune.lab.evil.example', 'attune.lab', [])).toBe(false);
    expect(originAllowed('null', 'attune.lab', [])).toBe(false);
    expect(originAllowed('https://evil.example', undefined, [])).toBe(false);
    expect(originAllowed('https://dash.lab', 'attune.lab', ['https://dash.lab'])).toBe(true);
    expect(originAllowed('https://dash.lab:8443', 'attune.lab', ['https://dash.lab'])).toBe(false);
  });
});
