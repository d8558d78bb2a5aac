#!/usr/bin/env node
// Build step, after tsc: bundles the command line, so that `kashf FILE` loads
// a handful of files instead of some fifty ES modules (each costs Node 20 a
// file read, a compile and a link; commander, being CommonJS, more), and
// records a V8 code cache for the bundle (see src/cli/bundled.ts).
//
// Input is tsc's output (dist/cli/main.js), so the bundle holds the very code
// the tests check. Everything goes to dist/cli/, next to that output, where
// the paths modules compute from import.meta.url (the package root,
// worker.js) stay as they were. bundle-main.cjs holds main and all that
// `kashf FILE` loads to print JSON; the other commands, formats and the
// worker pool are in chunks of their own, loaded only when used (bundling
// everything into one file was slower: the table's dependencies then load on
// every run). The --jobs worker thread is bundled on its own, whole, into
// bundle-worker.cjs, which the bundled pool starts: a worker has no start-up
// to save, but a bundle's functions call each other directly, and on the
// benchmark the bundled worker searched about 5 % faster than the worker's
// ES modules. The benchmark's entry (bench/lib.mjs) is bundled with the
// command line, into a file that takes what it times from bundle-main.cjs.
// Last, dist/cli/entry.js, which bin/kashf.js imports, is
// rewritten to load the bundle; `npx tsc -p .` alone writes it back (see
// src/cli/entry.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli');
/** The modules of `kashf FILE`, with all they import: the chunk bundled.ts loads. */
const DEFAULT_PATH = /[\\/]dist[\\/](cli[\\/](main|commands[\\/]extract)|print[\\/]json)\.js$/;
/** What the benchmark times (bench/lib.mjs), bundled with the command line so that it times the command line's code. Neither it nor its bundle is in the npm package (package.json `files`). */
const BENCH = join(ROOT, 'bench', 'lib.mjs');
/** What the code cache is recorded on: the default command on a real article. */
const SAMPLE = join(ROOT, 'fixtures', 'lavrov-wang-yi.txt');

/**
 * commander requires node:child_process, which loads net and dgram, to run
 * executable subcommands; kashf has none, so the bundle loads it only if
 * commander ever calls spawn.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  resolveId: (source, importer) => (source === 'node:child_process' && /[\\/]commander[\\/]/.test(importer ?? '') ? '\0lazy-child-process' : null),
  load: (id) =>
    id === '\0lazy-child-process'
      ? `import { createRequire } from 'node:module';\nexport const spawn = (...args) => createRequire(import.meta.url)('node:child_process').spawn(...args);\n`
      : null,
};

for (const f of readdirSync(CLI)) if (/^bundle[-.]/.test(f)) rmSync(join(CLI, f));
const bundle = await rolldown({
  input: { bundle: join(CLI, 'main.js'), ...(existsSync(BENCH) ? { 'bundle-bench': BENCH } : {}) },
  platform: 'node',
  // Node's own modules stay outside, but for the one lazyChildProcess stands in for.
  external: (id, importer) => id.startsWith('node:') && lazyChildProcess.resolveId(id, importer) === null,
  plugins: [lazyChildProcess],
  // extract.ts imports the JSON printer lazily, print/index.ts eagerly: both are fine.
  checks: { ineffectiveDynamicImport: false },
});
const { output } = await bundle.write({
  dir: CLI,
  format: 'cjs',
  // The sources are ES modules: keep them strict.
  strict: true,
  entryFileNames: '[name].cjs',
  chunkFileNames: 'bundle-[name].cjs',
  // bundled.ts takes `main` from the chunk by name.
  minifyInternalExports: false,
  codeSplitting: { groups: [{ name: 'main', test: DEFAULT_PATH }] },
});
await bundle.close();
if (!output.some((o) => o.fileName === 'bundle-main.cjs')) {
  console.error('kashf: no module matched DEFAULT_PATH in scripts/bundle-cli.mjs, so there is no bundle-main.cjs');
  process.exit(1);
}

const worker = await rolldown({ input: join(CLI, 'worker.js'), platform: 'node', external: (id) => id.startsWith('node:') });
await worker.write({ file: join(CLI, 'bundle-worker.cjs'), format: 'cjs', strict: true, codeSplitting: false });
await worker.close();

const bundled = pathToFileURL(join(CLI, 'bundled.js')).href;
writeFileSync(join(CLI, 'entry.js'), `// Written by scripts/bundle-cli.mjs: the bundled command line.\nexport { main } from './bundled.js';\n`);
let cached = 'without a code cache (no sample to record it on)';
if (existsSync(SAMPLE)) {
  const record = `import { recordCodeCache } from ${JSON.stringify(bundled)}; await recordCodeCache([process.execPath, 'kashf', ${JSON.stringify(SAMPLE)}, '--format', 'json']);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', record], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(1);
  cached = 'with a code cache';
}
console.error(`kashf: bundled the command line into ${output.length} files in dist/cli/, ${cached}, and the worker thread into one`);
