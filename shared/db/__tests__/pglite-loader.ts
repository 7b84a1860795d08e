// PGlite's CommonJS build still loads Node built-ins with import(), which jest's module sandbox
// refuses unless node runs with --experimental-vm-modules. Tests load the same file with each
// import("x") turned into the equivalent require("x"); outside jest PGlite is loaded normally.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

type PgliteModule = typeof import('@electric-sql/pglite');

let loaded: PgliteModule | undefined;

export function loadPgliteInJest(): PgliteModule {
  if (loaded) return loaded;
  const file = require.resolve('@electric-sql/pglite');
  const source = readFileSync(file, 'utf8').replace(/\bimport\(("[^"]+")\)/g, 'Promise.resolve(__nodeRequire($1))');
  const module = { exports: {} as PgliteModule };
  const factory = new Function('exports', 'require', '__nodeRequire', 'module', '__filename', '__dirname', source);
  // A separate name: the Emscripten glue declares its own `var require` in the functions that import().
  const nodeRequire = createRequire(file);
  factory(module.exports, nodeRequire, nodeRequire, module, file, dirname(file));
  loaded = module.exports;
  return loaded;
}
