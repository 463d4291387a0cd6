import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.cjs'],
  maxWorkers: 2,
  // A worker grows past 1 GB over a full run (each test file loads its own tfjs wasm, models and
  // app), and tearing such a large process down can outlast the 500 ms jest allows before it
  // force-exits the worker and warns "A worker process has failed to exit gracefully" (no handle
  // is left open). A worker above 1 GB after a file is replaced, so the final exits stay short.
  workerIdleMemoryLimit: '1GB',
});
