import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Webpack rewrites `require` and `require.resolve` into its own module ids, even for packages it
// leaves external; finding files that ship inside packages (wasm binaries, model weights) needs
// Node's real resolver, which webpack exposes as `__non_webpack_require__`. Webpack folds
// `typeof __webpack_require__` to a constant, so the plain `require` branch leaves its bundle
// (and its "critical dependency" warning) out.
declare const __webpack_require__: unknown;
declare const __non_webpack_require__: NodeJS.Require;

export const nodeRequire: NodeJS.Require =
  typeof __webpack_require__ === 'function' ? __non_webpack_require__ : require;

/**
 * Root directory of an installed package. Resolves the package's main entry and walks up to its
 * package.json, because an `exports` map may hide `<name>/package.json` from `require.resolve`.
 */
export function packageDir(name: string): string {
  let dir = dirname(nodeRequire.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package directory of ${name}`);
    dir = parent;
  }
}
