import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { join, sep } from 'node:path';
import { nodeRequire, packageDir } from './node-require';

/** tfjs backends in order of speed; `tensorflow` is tfjs-node's native binding. */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

// tfjs keeps one engine per process, so the choice is made once and shared by every model.
let initialisation: Promise<string> | undefined;

/**
 * Activates the fastest tfjs backend that works here (the preferred one first) and resolves to
 * the name of the active backend. Later calls return the first call's result: models loaded on
 * one backend should not be moved to another underneath them.
 */
export function chooseBackend(preferred?: BackendName): Promise<string> {
  initialisation ??= initialise(preferred).catch((error) => {
    initialisation = undefined;
    throw error;
  });
  return initialisation;
}

async function initialise(preferred?: BackendName): Promise<string> {
  const order = preferred ? [preferred, ...BACKENDS.filter((b) => b !== preferred)] : BACKENDS;
  for (const name of order) {
    if (await activate(name)) {
      await tf.ready();
      return tf.getBackend();
    }
  }
  throw new Error(`no tfjs backend could be initialised (tried ${order.join(', ')})`);
}

async function activate(name: BackendName): Promise<boolean> {
  try {
    if (name === 'tensorflow') nodeRequire('@tensorflow/tfjs-node');
    // In Node the wasm binary is read from disk; without an absolute prefix it is looked up
    // relative to the bundle or the working directory.
    if (name === 'wasm') setWasmPaths(join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + sep);
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}
