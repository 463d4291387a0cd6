import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a worker_threads entry lives and how to start it. */
export interface WorkerEntry {
  file: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The worker script `<name>` in `dir`: the built `<name>.js` when it exists (the bundled API, the
 * compiled CLI), else the `<name>.ts` source run under swc-node (ts-jest, `npm run attune`), with
 * the tsconfig that maps the `@attune/*` paths.
 */
export function workerEntry(dir: string, name: string): WorkerEntry {
  const built = join(dir, `${name}.js`);
  const env = { ...process.env, SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? 'tsconfig.base.json' };
  if (existsSync(built)) return { file: built, execArgv: [], env };
  return { file: join(dir, `${name}.ts`), execArgv: ['-r', '@swc-node/register'], env };
}
