import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.cjs'],
  maxWorkers: 2,
  // A worker grows past 1.3 GB over a full run (each test file loads its own tfjs wasm, models and
  // app), and tearing such a process down took ~380 ms of the 500 ms jest allows before it
  // force-exits it and warns "A worker process has failed to exit gracefully". Recycling a worker
  // above 1 GB after a file keeps the final exit near 100 ms (measured; a few restarts per run).
  workerIdleMemoryLimit: '1GB',
});
