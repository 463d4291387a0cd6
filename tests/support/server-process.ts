import { join } from 'node:path';
// The browser tests start the server exactly as `attune bench stream` does: one launcher, in the CLI app.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { freePort, startBuiltServer, type ServerProcess } from '../../apps/cli/src/stream-bench/server-process';

export const REPO_ROOT = join(__dirname, '../..');
export { freePort, type ServerProcess };

/** Runs the built server (dist/apps/api/main.js) exactly as `npm start` does, and waits for health. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return startBuiltServer(REPO_ROOT, env, 60_000);
}
