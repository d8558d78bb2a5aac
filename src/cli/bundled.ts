// The command line as the build bundles it (scripts/bundle-cli.mjs): main and
// the default command, with all they import, in one CommonJS file
// (bundle-main.cjs), compiled with a V8 code cache that the build made by
// running it once, so that start-up neither parses nor compiles the code it
// runs. Node 20 has no compile cache for ES modules (module.enableCompileCache
// is 22.1+), but vm.Script takes one for a script. The cache is named after
// the V8 that made it: under another V8 the bundle is required as it is; V8
// itself ignores a cache made under other flags.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type * as Main from './main.js';

const BUNDLE = fileURLToPath(new URL('./bundle-main.cjs', import.meta.url));
const CODE_CACHE = fileURLToPath(new URL(`./bundle-main.v8-${process.versions.v8}.cache`, import.meta.url));

type Bundle = typeof Main;
type Wrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/** Compiles the bundle as Node compiles a CommonJS module (same wrapper, same arguments), and runs it. */
function run(cachedData?: Buffer): { bundle: Bundle; script: Script } {
  const source = readFileSync(BUNDLE, 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  (script.runInThisContext() as Wrapper)(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { bundle: module.exports as Bundle, script };
}

function load(): Bundle {
  let cachedData: Buffer;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    return createRequire(import.meta.url)(BUNDLE) as Bundle;
  }
  return run(cachedData).bundle;
}

export function main(argv?: string[]): Promise<void> {
  return load().main(argv);
}

/** For the build: runs the bundle on `argv`, then saves the code V8 compiled on the way. */
export async function recordCodeCache(argv: string[]): Promise<void> {
  const { bundle, script } = run();
  await bundle.main(argv);
  writeFileSync(CODE_CACHE, script.createCachedData());
}
