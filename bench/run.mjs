#!/usr/bin/env node
// `npm run bench`: how fast kashf is end to end, next to three baselines, on
// deterministic synthetic Arabic news text (bench/gen.mjs).
//
//   node bench/run.mjs                     text of 1, 10 and 100 MB × dictionaries of 1k, 10k and 100k entries,
//                                          then the largest size again naming only the first 1k entries
//                                          (the same-names text: the dictionary's size by itself)
//   node bench/run.mjs --sizes 1,10        choose the text sizes (MB = 10^6 bytes)
//   node bench/run.mjs --dicts 1000,10000  choose the dictionary sizes
//   node bench/run.mjs --runs 3            at most 3 runs of each measurement (default 5)
//   node bench/run.mjs --quick             1 MB only, one run each (CI smoke)
//
// Every measurement runs in a child process (bench/one.mjs) so its peak RSS is
// its own. Generated files and results.json go to os.tmpdir()/kashf-bench,
// never into the repository. Needs a build first (npm run build;
// start-up is measured on the bundled command line it makes).

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aliasList, dictionaryText, generateEntries, generateText, GENERATOR_VERSION, SAME_NAMES, TIERS } from './gen.mjs';
import { dictLabel, formatReport, sizeLabel } from './report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const ONE = join(HERE, 'one.mjs');

// ---------------------------------------------------------------------------
// Options, resolved once.

function usage(message) {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write('usage: node bench/run.mjs [--sizes 1,10,100] [--dicts 1000,10000,100000] [--runs 5] [--quick] [--seed S] [--regexp-budget SECONDS]\n');
  process.exit(message ? 2 : 0);
}

function numbers(flag, value) {
  const xs = String(value ?? '').split(',').map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x) || x <= 0)) usage(`${flag} "${value}" is not a comma-separated list of positive numbers`);
  return [...new Set(xs)].sort((a, b) => a - b);
}

function resolveOptions(argv) {
  const o = { sizesMB: [1, 10, 100], dicts: [1_000, 10_000, 100_000], seed: 'kashf-bench', quick: false, regexpBudget: 60, maxReps: 5, repeatUnder: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--sizes') o.sizesMB = numbers(a, value());
    else if (a === '--dicts') o.dicts = numbers(a, value()).map(Math.round);
    else if (a === '--seed') o.seed = value();
    else if (a === '--regexp-budget') o.regexpBudget = numbers(a, value())[0];
    else if (a === '--runs') o.maxReps = Math.max(1, Math.round(numbers(a, value())[0]));
    else if (a === '--quick') o.quick = true;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option "${a}"`);
  }
  if (o.quick) {
    o.sizesMB = [1];
    o.maxReps = 1;
  }
  o.dir = join(tmpdir(), 'kashf-bench');
  o.resultsPath = join(o.dir, 'results.json');
  return o;
}

const opts = resolveOptions(process.argv.slice(2));
const progress = (s) => process.stderr.write(`bench: ${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!existsSync(join(ROOT, 'dist', 'index.js')) || !existsSync(join(ROOT, 'dist', 'builtin.json'))) {
  process.stderr.write('bench: dist/ is missing: build first (npm run build)\n');
  process.exit(2);
}

// ---------------------------------------------------------------------------
// Data

const t0 = performance.now();
const started = new Date().toISOString();
const loadBefore = loadavg();
mkdirSync(opts.dir, { recursive: true });
const gen0 = performance.now();
const nEntries = Math.max(TIERS[TIERS.length - 1], ...opts.dicts);
progress(`generating ${nEntries} dictionary entries and ${opts.sizesMB.join(', ')} MB of text in ${opts.dir}`);
const entries = generateEntries(nEntries, opts.seed);
const dictionaries = opts.dicts.map((n) => {
  const tsv = join(opts.dir, `dict-${dictLabel(n)}.tsv`);
  const aliases = join(opts.dir, `aliases-${dictLabel(n)}.txt`);
  const surfaces = aliasList(entries, n);
  writeFileSync(tsv, dictionaryText(entries, n));
  writeFileSync(aliases, surfaces.join('\n') + '\n');
  return { entries: n, surfaces: surfaces.length, tsv, aliases };
});
// A 1 MB text is always written: the RegExp baseline calibrates on it before a larger size.
const textSizes = [...new Set([1, ...opts.sizesMB])].sort((a, b) => a - b);
const texts = generateText({
  entries,
  seed: opts.seed,
  targets: textSizes.map((m) => ({ path: join(opts.dir, `text-${m}MB.txt`), bytes: Math.round(m * 1e6) })),
});
const textOf = new Map(textSizes.map((m, i) => [m, texts[i]]));
// The largest text again, naming only the first thousand entries (see gen.mjs).
const sameSize = Math.max(...opts.sizesMB);
const [sameText] = generateText({
  entries,
  seed: opts.seed,
  targets: [{ path: join(opts.dir, `same-names-${sameSize}MB.txt`), bytes: Math.round(sameSize * 1e6) }],
  tierWeights: SAME_NAMES,
});

// The start-up input: the start of the text, whole sentences, up to 1 KB.
const head = readFileSync(textOf.get(textSizes[0]).path, 'utf8').slice(0, 4000);
let small = '';
for (const m of head.matchAll(/[^\n]+?(?:\. |\n+|$)/g)) {
  if (Buffer.byteLength(small + m[0]) > 1024) break;
  small += m[0];
}
small = small.trimEnd();
const smallPath = join(opts.dir, 'text-1KB.txt');
writeFileSync(smallPath, small + '\n');
const generationMs = performance.now() - gen0;

// ---------------------------------------------------------------------------
// Measurements

function child(args, timeoutMs = 30 * 60_000) {
  const r = spawnSync(process.execPath, [ONE, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMs });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').slice(-3).join(' | ');
    throw new Error(`node bench/one.mjs ${args[0]} failed (${r.status ?? r.signal}): ${why}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Runs `once` up to maxReps times (not again after a run over REPEAT_UNDER seconds); the median run by seconds, plus all of them. */
function repeat(once) {
  const runs = [once()];
  while (runs.length < opts.maxReps && runs[runs.length - 1].seconds < opts.repeatUnder) runs.push(once());
  return summarise(runs);
}

/** The median run by seconds, its MB/s, the highest peak RSS, and all the runs. */
function summarise(runs) {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...mid, mbps: mid.bytes / 1e6 / mid.seconds, maxRSSKB: Math.max(...runs.map((r) => r.maxRSSKB)), runs };
}

/**
 * kashf and grep on one text with every dictionary, in rounds (kashf and
 * grep with the first dictionary, then with the second, …; then again), so
 * that a shared machine's drift in speed falls on all of them alike. Per
 * dictionary: kashf and grep summarised as repeat() does; kashf ÷ grep as
 * the median of each pair's speed ratio (the report's kashf÷grep column);
 * and kashf's and grep's time against the first dictionary's as the median
 * of each round's ratio (how flat each is as the dictionary grows). Rounds
 * stop at maxReps, or after one with a run over REPEAT_UNDER seconds.
 */
function inRounds(text, dicts) {
  const ks = dicts.map(() => []);
  const gs = dicts.map(() => []);
  const slow = (runs) => runs.length > 0 && runs[runs.length - 1].seconds >= opts.repeatUnder;
  do {
    dicts.forEach((d, i) => {
      ks[i].push(child(['kashf', text.path, d.tsv, '/dev/null']));
      if (grep) gs[i].push(grepOnce(d.aliases, text.path, text.bytes));
    });
  } while (ks[0].length < opts.maxReps && !ks.some(slow) && !gs.some(slow));
  const perRound = (runs, i) => median(runs[i].map((x, r) => x.seconds / runs[0][r].seconds));
  return dicts.map((d, i) => ({
    dict: d.entries,
    kashf: summarise(ks[i]),
    grep: grep ? summarise(gs[i]) : null,
    kashfGrep: grep ? median(ks[i].map((k, r) => gs[i][r].seconds / k.seconds)) : null,
    kashfVsFirst: perRound(ks, i),
    grepVsFirst: grep ? perRound(gs, i) : null,
  }));
}

function grepVersion() {
  const r = spawnSync('grep', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : null;
}

function grepOnce(aliasesPath, textPath, bytes) {
  // Not /dev/null: GNU grep stops at the first match when its output is /dev/null.
  const outPath = join(opts.dir, 'grep.out');
  const fd = openSync(outPath, 'w');
  const start = process.hrtime.bigint();
  const r = spawnSync('grep', ['-F', '-o', '-f', aliasesPath, textPath], { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(fd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`grep failed (${r.status}): ${String(r.stderr).trim()}`);
  const out = readFileSync(outPath);
  let matches = 0;
  for (let i = out.indexOf(10); i >= 0; i = out.indexOf(10, i + 1)) matches++;
  rmSync(outPath);
  return { bytes, seconds, matches };
}

function wallMs(cmd, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const t = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || '').trim()}`);
  return t;
}

const grep = grepVersion();
if (grep === null) progress('grep not found: the grep baseline is skipped');

progress('built-in dictionaries: Kashf.create() × 5');
const builtin = child(['builtin', '5']);

progress('start-up: 11 × node bin/kashf.js FILE_1KB --format json, 11 × node -e \'\'');
const kashfStart = [];
const nodeStart = [];
wallMs(process.execPath, ['-e', '']); // warm the file cache for both
wallMs(process.execPath, ['bin/kashf.js', smallPath, '--format', 'json']);
for (let i = 0; i < 11; i++) {
  kashfStart.push(wallMs(process.execPath, ['bin/kashf.js', smallPath, '--format', 'json']));
  nodeStart.push(wallMs(process.execPath, ['-e', '']));
}
const startup = {
  runs: 11,
  file: smallPath,
  fileLabel: `FILE_1KB (${Buffer.byteLength(small) + 1} bytes)`,
  kashfMs: kashfStart,
  nodeMs: nodeStart,
  kashfMedianMs: median(kashfStart),
  nodeMedianMs: median(nodeStart),
};

const matrix = [];
const floors = new Map();
const regexpBy = new Map(); // dict → results by size, ascending
for (const m of opts.sizesMB) {
  const t = textOf.get(m);
  progress(`${sizeLabel(t.bytes)}: floor`);
  floors.set(m, repeat(() => child(['floor', t.path])));
}

// The RegExp baseline grows with the dictionary far faster than the text: measure sizes in
// ascending order and stop where the previous throughput projects past the budget.
for (const d of dictionaries) {
  const results = new Map();
  let last = null;
  for (const m of textSizes) {
    const t = textOf.get(m);
    const wanted = opts.sizesMB.includes(m);
    if (!wanted && last !== null) continue;
    const projected = last === null ? 0 : t.bytes / 1e6 / last.mbps;
    if (last !== null && projected > opts.regexpBudget) {
      progress(`${sizeLabel(t.bytes)} × ${dictLabel(d.entries)}: regexp projected ${projected.toFixed(0)} s > ${opts.regexpBudget} s budget, reporting the ${sizeLabel(last.bytes)} figure`);
      results.set(m, { ...last, measuredOnBytes: last.bytes, projectedSeconds: projected });
      continue;
    }
    progress(`${sizeLabel(t.bytes)} × ${dictLabel(d.entries)}: regexp${wanted ? '' : ' (calibration)'}`);
    try {
      last = { ...repeat(() => child(['regexp', t.path, d.aliases])), measuredOnBytes: t.bytes };
    } catch (e) {
      last = null;
      results.set(m, { error: e.message });
      break;
    }
    if (wanted) results.set(m, last);
  }
  regexpBy.set(d.entries, results);
}

const dictsLabel = dictionaries.map((d) => dictLabel(d.entries)).join(', ');
for (const m of opts.sizesMB) {
  const t = textOf.get(m);
  progress(`${sizeLabel(t.bytes)} × ${dictsLabel} in rounds: kashf${grep ? ', grep' : ''}`);
  inRounds(t, dictionaries).forEach((row, i) => {
    const d = dictionaries[i];
    const tier = TIERS.indexOf(d.entries);
    matrix.push({
      sizeMB: m,
      bytes: t.bytes,
      articles: t.articles,
      dict: d.entries,
      planted: tier >= 0 ? t.mentions[d.entries] : null,
      plantedQuotes: t.quotes + t.reported,
      kashf: row.kashf,
      regexp: regexpBy.get(d.entries).get(m) ?? null,
      grep: row.grep,
      kashfGrep: row.kashfGrep,
      kashfVsFirst: row.kashfVsFirst,
      grepVsFirst: row.grepVsFirst,
      floor: floors.get(m),
    });
  });
}

// The same names with every dictionary: what the dictionary's size costs by itself.
progress(`${sizeLabel(sameText.bytes)} naming the first 1k entries × ${dictsLabel} in rounds: kashf${grep ? ', grep' : ''}`);
const sameNames = { sizeMB: sameSize, bytes: sameText.bytes, mentions: sameText.mentions[TIERS[0]], rows: inRounds(sameText, dictionaries) };

for (const d of dictionaries) {
  const rows = matrix.filter((r) => r.dict === d.entries);
  d.parseMs = median(rows.flatMap((r) => r.kashf.runs.map((x) => x.parseMs)));
  d.createMs = median(rows.flatMap((r) => r.kashf.runs.map((x) => x.createMs)));
  const rx = [...regexpBy.get(d.entries).values()].filter((x) => x && !x.error);
  d.regexpBuildMs = rx.length ? median(rx.flatMap((x) => x.runs.map((y) => y.buildMs))) : null;
}

const cpu = cpus();
const results = {
  environment: {
    date: started,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model?.trim() ?? 'unknown',
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    grep,
    // Other processes on the machine skew every figure: the 1-minute load average before and after.
    loadavg1: [+loadBefore[0].toFixed(2), +loadavg()[0].toFixed(2)],
  },
  config: { ...opts, argv: process.argv.slice(2), generatorVersion: GENERATOR_VERSION },
  generation: { ms: generationMs, texts, smallFile: smallPath, dictionaries },
  builtin,
  startup,
  matrix,
  sameNames,
  dictionaries,
  totalMs: performance.now() - t0,
};
writeFileSync(opts.resultsPath, JSON.stringify(results, null, 2) + '\n');
process.stdout.write(formatReport(results) + '\n');

// ---------------------------------------------------------------------------
// --jobs scaling: bench/jobs.mjs times --jobs 1 against --jobs 2 on a corpus
// of many small files (its own report, after the one above).

progress('--jobs scaling: node bench/jobs.mjs');
const jobsArgs = opts.quick ? ['--mb', '5', '--runs', '1'] : ['--mb', String(Math.max(...opts.sizesMB)), '--runs', '3'];
if (spawnSync(process.execPath, [join(HERE, 'jobs.mjs'), ...jobsArgs], { stdio: ['ignore', 'inherit', 'inherit'] }).status !== 0) process.exitCode = 1;
