import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A built API server (dist/apps/api/main.js) running as a child process, as `npm start` runs it. */
export interface ServerProcess {
  url: string;
  /** Everything it printed so far. */
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Node flags of the API process, the same as `npm start` uses (package.json): the main thread's
 * young generation pinned at 4 MB semi-spaces, as the face workers' is (face-worker-pool.ts), so
 * RSS does not swing while V8 grows and, minutes later, shrinks it.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];

/**
 * Starts `<root>/dist/apps/api/main.js` on a free port with `env` on top of this process's
 * environment, and resolves once /api/health answers. Used by `attune bench stream` and by the
 * browser tests.
 */
export async function startBuiltServer(
  root: string,
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<ServerProcess> {
  const main = join(root, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build the API first (npx nx build api)`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, main], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const server = { url, output: () => log, stop: () => terminate(child) };
  try {
    await waitForHealth(url, child, timeoutMs);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}:\n${log}`);
  }
  return server;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s`);
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
