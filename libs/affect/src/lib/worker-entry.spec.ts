import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerEntry } from './worker-entry';

describe('workerEntry', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'worker-entry-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the TypeScript source under swc-node when nothing is built', () => {
    const entry = workerEntry(dir, 'face-worker');
    expect(entry.file).toBe(join(dir, 'face-worker.ts'));
    expect(entry.execArgv).toEqual(['-r', '@swc-node/register']);
    expect(entry.env['SWC_NODE_PROJECT']).toBeTruthy();
  });

  it('prefers the built JavaScript next to the caller', () => {
    writeFileSync(join(dir, 'face-worker.js'), '');
    const entry = workerEntry(dir, 'face-worker');
    expect(entry.file).toBe(join(dir, 'face-worker.js'));
    expect(entry.execArgv).toEqual([]);
  });
});
