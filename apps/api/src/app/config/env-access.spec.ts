import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** docs/security.md: secrets come from the environment only, read and validated in one file. */
describe('secrets only from the environment', () => {
  const files = sources(SRC).map((f) => ({ file: relative(SRC, f), text: readFileSync(f, 'utf8') }));

  /** Files allowed to touch process.env, and why. */
  const ALLOWED: Record<string, string> = {
    'app/config/app-config.ts': 'the one config reader',
    'app/create-app.ts': 'NODE_ENV for the log level (below: nothing else)',
    'app/inference/face-worker-pool.ts': 'hands the same environment on to its worker threads',
  };

  it('reads process.env only in the config (and NODE_ENV for the log level)', () => {
    const readers = files.filter((f) => /process\.env/.test(f.text)).map((f) => f.file);
    expect(readers.filter((f) => !(f in ALLOWED))).toEqual([]);
    const createApp = files.find((f) => f.file === 'app/create-app.ts')?.text ?? '';
    expect(createApp.match(/process\.env\[[^\]]+\]/g) ?? []).toEqual(["process.env['NODE_ENV']"]);
  });

  it('has no password, token or key written into the server', () => {
    const suspicious =
      /(password|secret|api[_-]?key|token)\s*[:=]\s*['"`][^'"`\s]{8,}['"`]|-----BEGIN [A-Z ]*PRIVATE KEY-----|(mysql|mariadb|redis):\/\/[^/\s'"`]*:[^@\s'"`]+@/i;
    expect(files.filter((f) => suspicious.test(f.text)).map((f) => f.file)).toEqual([]);
  });
});
