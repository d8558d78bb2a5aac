#!/usr/bin/env node
// `node bench/jobs.mjs`: does --jobs 2 pay? Times `kashf DIR --format jsonl`
// with --jobs 1 and --jobs 2 on a corpus of many small files, checks that the
// two outputs are byte-identical, and prints the medians and their ratio.
//
//   node bench/jobs.mjs                       100 MB in files of 4 articles (~10 kB), 5 runs each
//   node bench/jobs.mjs --mb 400 --runs 3     a larger corpus
//   node bench/jobs.mjs --per-file 1          one article per file
//   node bench/jobs.mjs --jobs 1,2,3          other job counts (the first is the baseline)
//
// The corpus is bench/gen.mjs's text (same seed, same bytes as run.mjs's
// text-NMB.txt) cut at ARTICLE_SEPARATOR into files of --per-file articles,
// written once to os.tmpdir()/kashf-jobs-<mb>MB-<per-file>/ and reused while
// its corpus.json matches. Runs alternate (1 2 2 1 1 2 …) so that drift in a
// shared machine's speed falls on both alike; the ratio is given both as
// median over median and as the median of each pair's ratio.
//
// What to expect on two cores: far less than 2×. Every thread warms V8 up
// again (runs its code cold, then compiles it: about 0.6 s of CPU a run on a
// 2-vCPU VM, whatever the input), and one kashf thread already does part of
// that on the idle second core. So the script also measures the machine:
// N separate `--jobs 1` processes at once, each over the whole corpus (what
// the machine gives N copies of work that share nothing: 1.5–1.9× on a
// 2-vCPU VM with Node 20, depending on the hour) and each over an N-th of
// the files (a perfect split, the most --jobs N can approach; the shares are
// directories of hard links, made once beside the corpus). Needs a build
// first (npm run build).

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTICLE_SEPARATOR, GENERATOR_VERSION, generateEntries, generateText, TIERS } from './gen.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'kashf.js');

// ---------------------------------------------------------------------------
// Options, resolved once.

function usage(message) {
  if (message) process.stderr.write(`bench/jobs: ${message}\n`);
  process.stderr.write('usage: node bench/jobs.mjs [--mb 100] [--per-file 4] [--runs 5] [--jobs 1,2] [--format jsonl] [--seed S]\n');
  process.exit(message ? 2 : 0);
}

function resolveOptions(argv) {
  const o = { mb: 100, perFile: 4, runs: 5, jobs: [1, 2], format: 'jsonl', seed: 'kashf-bench' };
  const whole = (flag, v, min) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) usage(`${flag} "${v}" is not a whole number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--mb') o.mb = whole(a, value(), 1);
    else if (a === '--per-file') o.perFile = whole(a, value(), 1);
    else if (a === '--runs') o.runs = whole(a, value(), 1);
    else if (a === '--jobs') o.jobs = String(value()).split(',').map((j) => whole('--jobs', j, 1));
    else if (a === '--format') o.format = value();
    else if (a === '--seed') o.seed = value();
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option "${a}"`);
  }
  if (o.jobs.length < 2) usage('--jobs needs at least two job counts to compare');
  o.dir = join(tmpdir(), `kashf-jobs-${o.mb}MB-${o.perFile}`);
  return o;
}

const opts = resolveOptions(process.argv.slice(2));
const progress = (s) => process.stderr.write(`bench/jobs: ${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!existsSync(join(ROOT, 'dist', 'index.js')) || !existsSync(join(ROOT, 'dist', 'builtin.json'))) {
  progress('dist/ is missing: build first (npm run build)');
  process.exit(2);
}

// ---------------------------------------------------------------------------
// The corpus: made once, reused while its description matches.

function corpus() {
  const stampPath = join(opts.dir, 'corpus.json');
  const wanted = { generatorVersion: GENERATOR_VERSION, seed: opts.seed, mb: opts.mb, perFile: opts.perFile };
  if (existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (Object.keys(wanted).every((k) => stamp[k] === wanted[k])) return stamp;
  }
  progress(`generating ${opts.mb} MB of text in files of ${opts.perFile} article(s) in ${opts.dir}`);
  rmSync(opts.dir, { recursive: true, force: true });
  const files = join(opts.dir, 'files');
  mkdirSync(files, { recursive: true });
  const textPath = join(opts.dir, 'text.txt');
  generateText({ entries: generateEntries(TIERS[TIERS.length - 1], opts.seed), seed: opts.seed, targets: [{ path: textPath, bytes: opts.mb * 1e6 }] });
  // Cut as bytes: from 512 MB on, the text is longer than a JavaScript string can be.
  const text = readFileSync(textPath);
  rmSync(textPath);
  const separator = Buffer.from(ARTICLE_SEPARATOR);
  let n = 0;
  let articles = 0;
  let fileStart = 0;
  for (let from = 0; ; ) {
    const at = text.indexOf(separator, from);
    const end = at < 0 ? text.length : at;
    articles++;
    if (articles % opts.perFile === 0 || at < 0) {
      writeFileSync(join(files, `a${String(n++).padStart(6, '0')}.txt`), text.subarray(fileStart, end));
      fileStart = end + separator.length;
    }
    if (at < 0) break;
    from = at + separator.length;
  }
  const stamp = { ...wanted, files: n, articles, path: files };
  writeFileSync(stampPath, JSON.stringify(stamp, null, 2) + '\n');
  return stamp;
}

// ---------------------------------------------------------------------------
// Runs

const c = corpus();
const outPath = join(opts.dir, 'out');

/**
 * CPU seconds (Linux only, else null): `children` used by this process's
 * reaped children, `busy` by the whole machine. What the machine used beyond
 * kashf and this script is other work sharing the CPUs, which skews a run.
 */
function cpuNow() {
  try {
    const tick = 100; // USER_HZ: 100 on every Linux kashf runs on
    const self = readFileSync('/proc/self/stat', 'utf8');
    const fields = self.slice(self.lastIndexOf(')') + 2).split(' ');
    const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = all.reduce((a, b) => a + b, 0) - all[3] - all[4];
    const own = process.cpuUsage();
    return { children: (Number(fields[13]) + Number(fields[14])) / tick, busy: busy / tick, own: (own.user + own.system) / 1e6 };
  } catch {
    return null;
  }
}

/** One run of kashf over the corpus, stdout to a file: wall and CPU seconds, and a digest of the output. */
function once(jobs) {
  const fd = openSync(outPath, 'w');
  const before = cpuNow();
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, c.path, '--format', opts.format, '--jobs', String(jobs)], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const after = cpuNow();
  closeSync(fd);
  if (r.status !== 0) throw new Error(`kashf --jobs ${jobs} failed (${r.status ?? r.signal}): ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  const out = readFileSync(outPath);
  const cpu = before && after ? after.children - before.children : null;
  const others = before && after ? Math.max(0, after.busy - before.busy - cpu - (after.own - before.own)) : null;
  return { seconds, cpu, others, bytes: out.length, digest: createHash('sha256').update(out).digest('hex') };
}

const loadBefore = loadavg()[0];
progress(`${c.files} files, ${c.articles} articles; ${opts.runs} run(s) of --jobs ${opts.jobs.join(', ')}, alternating`);
const runs = new Map(opts.jobs.map((j) => [j, []]));
for (let r = 0; r < opts.runs; r++) {
  const order = r % 2 === 0 ? opts.jobs : [...opts.jobs].reverse();
  for (const j of order) runs.get(j).push(once(j));
}
rmSync(outPath, { force: true });

/**
 * The corpus cut into `n` directories of consecutive files, hard links to
 * the corpus's own (made once, beside it): a share is passed as a directory,
 * as the whole corpus is, since a million-file corpus's names would not fit
 * on a command line.
 */
function shares(n) {
  const files = readdirSync(c.path).sort();
  const per = Math.ceil(files.length / n);
  return Array.from({ length: n }, (_, i) => {
    const dir = join(opts.dir, `share-${i + 1}-of-${n}`);
    if (!existsSync(join(dir, '.complete'))) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      for (const f of files.slice(i * per, (i + 1) * per)) linkSync(join(c.path, f), join(dir, f));
      writeFileSync(join(dir, '.complete'), '');
    }
    return dir;
  });
}

/**
 * N single-thread runs at once, each over the whole corpus (`share` false) or
 * over its N-th of the files (`share` true): wall seconds until the last ends.
 */
async function concurrent(n, share) {
  const parts = share ? shares(n) : [];
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const path = `${outPath}.${i}`;
      const fd = openSync(path, 'w');
      const inputs = share ? [parts[i]] : [c.path];
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...inputs, '--format', opts.format, '--jobs', '1'], { cwd: ROOT, stdio: ['ignore', fd, 'ignore'] });
        child.on('error', reject);
        child.on('exit', (code) => {
          closeSync(fd);
          rmSync(path, { force: true });
          code === 0 ? resolve() : reject(new Error(`concurrent kashf --jobs 1 failed (${code})`));
        });
      });
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const top = Math.max(...opts.jobs);
progress(`ceilings: ${opts.runs} run(s) of ${top} separate --jobs 1 processes at once, on the whole corpus each and on 1/${top} each`);
const together = [];
const shared = [];
for (let r = 0; r < opts.runs; r++) {
  together.push(await concurrent(top, false));
  shared.push(await concurrent(top, true));
}

const reference = runs.get(opts.jobs[0])[0];
const identical = [...runs.values()].every((rs) => rs.every((x) => x.digest === reference.digest));
const base = opts.jobs[0];
const baseSeconds = runs.get(base).map((x) => x.seconds);
const rows = opts.jobs.map((j) => {
  const s = runs.get(j).map((x) => x.seconds);
  const cpu = runs.get(j).map((x) => x.cpu);
  const others = runs.get(j).map((x) => x.others);
  return {
    jobs: j,
    cpu: cpu.includes(null) ? null : median(cpu),
    others: others.includes(null) ? null : median(others),
    median: median(s),
    min: Math.min(...s),
    max: Math.max(...s),
    ratio: median(baseSeconds) / median(s),
    pairedRatio: median(s.map((x, i) => baseSeconds[i] / x)),
  };
});

const cpu = cpus();
const lines = [
  `kashf --jobs scaling — node ${process.version}, ${availableParallelism()} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}`,
  `corpus: ${c.files} files of ${c.perFile} article(s), ${opts.mb} MB (${c.path})`,
  `command: node bin/kashf.js ${c.path} --format ${opts.format} --jobs N > FILE; ${opts.runs} run(s) each`,
  `1-minute load average: ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end (above 0: other work shares the CPUs)`,
  '',
  'jobs  median s     min s     max s  speed-up (medians)  speed-up (median of pairs)  CPU s  others\' CPU s',
  ...rows.map(
    (r) =>
      `${String(r.jobs).padStart(4)}  ${r.median.toFixed(2).padStart(8)}  ${r.min.toFixed(2).padStart(8)}  ${r.max.toFixed(2).padStart(8)}  ${(r.ratio.toFixed(2) + '×').padStart(18)}  ${(r.pairedRatio.toFixed(2) + '×').padStart(26)}  ${(r.cpu === null ? '—' : r.cpu.toFixed(2)).padStart(5)}  ${(r.others === null ? '—' : r.others.toFixed(2)).padStart(14)}`,
  ),
  '',
  `ceiling: ${top} separate --jobs 1 processes, each over the whole corpus, all at once: ${median(together).toFixed(2)} s (median of ${together.length}), against ${median(baseSeconds).toFixed(2)} s for one alone:`,
  `  ${((top * median(baseSeconds)) / median(together)).toFixed(2)}× the work per second: what this machine gives ${top} copies of this work that share nothing.`,
  `split: ${top} separate --jobs 1 processes, each over 1/${top} of the files, all at once: ${median(shared).toFixed(2)} s (median of ${shared.length}):`,
  `  ${(median(baseSeconds) / median(shared)).toFixed(2)}× one alone: a perfect split with no thread, message or ordering cost.`,
  '',
  'CPU s: user + system time of kashf, all its threads (median); above the wall time, it used more than one core.',
  "others' CPU s: what other processes used meanwhile (median); well above 0, the machine was shared and the figures are skewed.",
  '',
  identical ? `output: byte-identical across all runs (${reference.bytes} bytes)` : 'output: DIFFERS between runs',
];
process.stdout.write(lines.join('\n') + '\n');
if (!identical) process.exit(1);
