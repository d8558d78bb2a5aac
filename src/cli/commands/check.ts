// `kashf check [paths...] [--update] [--strict]`: golden-file checks. Each
// fixture NAME.txt (files, directories recursively, globs) is extracted with
// default options and compared with NAME.expected.json beside it.
// Exit codes: 0 every fixture matches (skipped ones allowed unless --strict),
// 1 some fixture differs, 2 an error (unreadable input, broken expected file,
// no fixtures at all) — errors win over differences.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  countChanges,
  diffDocuments,
  expectedPathFor,
  ExpectedFileError,
  formatDifferences,
  type Difference,
  isFixture,
  parseExpected,
  serializeExpected,
  toExpected,
} from '../../check/index.js';
import { KashfError } from '../../errors.js';
import { BIDI_SETTINGS, resolveBidi, type BidiSetting } from '../../print/bidi-mode.js';
import { Kashf } from '../../index.js';
import { expandInputs, readInput, type Input } from '../inputs.js';
import { environment, EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, stdoutSink, warn, type Run } from '../io.js';
import { COLOR_SETTINGS, resolveColorLevel, type ColorSetting } from '../options.js';
import { Progress } from '../progress.js';

export interface RawCheckFlags {
  update?: boolean;
  strict?: boolean;
  color?: string;
  bidi?: string;
}

const LEGEND = '(- expected, not found; + found, not expected; ~ changed: expected → now)';

interface Counts {
  passed: number;
  failed: number;
  updated: number;
  created: number;
  skipped: number;
  errors: number;
}

/** "12 passed, 1 failed", then the other counts that are not zero. */
export function summaryLine(c: Counts): string {
  const extra: string[] = [];
  if (c.updated > 0) extra.push(`${c.updated} updated`);
  if (c.created > 0) extra.push(`${c.created} created`);
  if (c.skipped > 0) extra.push(`${c.skipped} skipped`);
  if (c.errors > 0) extra.push(`${c.errors} error${c.errors === 1 ? '' : 's'}`);
  return [`${c.passed} passed, ${c.failed} failed`, ...extra].join(', ');
}

async function runCheck(paths: string[], flags: RawCheckFlags): Promise<number> {
  const env = environment();
  // chalk and the shaping code load only when check runs: every command's start-up pays for what it imports.
  const { Chalk } = await import('chalk');
  const { displayText } = await import('../../print/bidi.js');
  const chalk = new Chalk({ level: resolveColorLevel((flags.color ?? 'auto') as ColorSetting, env) });
  // Arabic in the report is laid out like the table's on a terminal, and left logical in a pipe or a log.
  const bidiSetting = (flags.bidi ?? env.env.KASHF_BIDI ?? 'auto') as BidiSetting;
  const bidi = flags.bidi !== undefined || env.stdoutIsTTY ? resolveBidi(BIDI_SETTINGS.includes(bidiSetting) ? bidiSetting : 'auto', env.env) : 'off';
  const display = (s: string): string => displayText(s, bidi);
  const c: Counts = { passed: 0, failed: 0, updated: 0, created: 0, skipped: 0, errors: 0 };
  const { inputs, problems } = expandInputs(paths);
  for (const p of problems) {
    warn(`check: ${p.name}: ${p.error.message}`);
    c.errors++;
  }

  // Only NAME.txt files are fixtures; anything else named or found (NAME.ann.txt,
  // READMEs, the expected and gold files a shell glob brings along) is passed over.
  const seen = new Set<string>();
  const fixtures: Input[] = [];
  for (const input of inputs) {
    if (input.path === null) {
      warn('check: "-": fixtures are files (NAME.txt beside NAME.expected.json), not stdin');
      c.errors++;
      continue;
    }
    const key = resolve(input.path);
    if (seen.has(key) || !isFixture(input.path)) continue;
    seen.add(key);
    fixtures.push(input);
  }
  if (fixtures.length === 0 && c.errors === 0) {
    warn(`check: no fixtures (NAME.txt; not *.ann.txt or README) in ${paths.map((p) => JSON.stringify(p)).join(', ')}`);
    return EXIT_USAGE;
  }

  const kashf = Kashf.create();
  const progress = Progress.forProcess(fixtures.length);
  const say = (line: string): void => {
    progress.clear();
    stdoutSink.write(line + '\n');
  };
  const fail = (message: string) => {
    progress.clear();
    warn(`check: ${message}`);
    c.errors++;
  };

  for (const input of fixtures) {
    try {
      const o = checkOne(kashf, input, flags);
      const label = { ok: chalk.green('ok'), FAIL: chalk.red('FAIL'), skip: chalk.dim('skip'), created: chalk.cyan('created'), updated: chalk.cyan('updated') }[o.status];
      say(`${label}${' '.repeat(9 - o.status.length)}${o.message}`);
      if (o.diffs) for (const line of formatDifferences(o.diffs, chalk, display)) say(line);
      c[o.counts]++;
    } catch (e) {
      if (e instanceof KashfError) fail(`${input.name}: ${e.message}`);
      else if (e instanceof ExpectedFileError) fail(e.message);
      else throw e;
    }
    progress.tick();
  }
  progress.end();
  if (c.failed > 0 && !flags.update) stdoutSink.write(chalk.dim(LEGEND) + '\n');
  stdoutSink.write(summaryLine(c) + '\n');
  if (c.errors > 0) return EXIT_USAGE;
  return c.failed > 0 ? EXIT_INPUT_FAILED : EXIT_OK;
}

interface Outcome {
  status: 'ok' | 'FAIL' | 'skip' | 'created' | 'updated';
  message: string;
  counts: keyof Counts;
  diffs?: Difference[];
}

/** One fixture: extract, compare with (or, with --update, write) its expected file. */
function checkOne(kashf: Kashf, input: Input, flags: RawCheckFlags): Outcome {
  const path = input.path!;
  const expectedPath = expectedPathFor(path);
  const text = readInput(path);
  const { entities, quotes } = kashf.extract(text);
  const actual = toExpected({ file: input.name, entities, quotes }, basename(path));
  const serialized = serializeExpected(actual);
  const old = existsSync(expectedPath) ? readExpected(expectedPath) : null;

  if (flags.update) {
    if (old === serialized) return { status: 'ok', message: input.name, counts: 'passed' };
    let what = '';
    if (old !== null) {
      try {
        const n = countChanges(diffDocuments(parseExpected(old, expectedPath), actual));
        what = n === '' ? ' (layout only)' : ` (${n})`;
      } catch {
        what = ' (was not valid)';
      }
    }
    write(expectedPath, serialized);
    return old === null
      ? { status: 'created', message: expectedPath, counts: 'created' }
      : { status: 'updated', message: expectedPath + what, counts: 'updated' };
  }

  if (old === null) {
    const message = `${input.name}: no expected file (run with --update)`;
    return flags.strict ? { status: 'FAIL', message, counts: 'failed' } : { status: 'skip', message, counts: 'skipped' };
  }
  const diffs = diffDocuments(parseExpected(old, expectedPath), actual);
  if (diffs.length === 0) return { status: 'ok', message: input.name, counts: 'passed' };
  return { status: 'FAIL', message: `${input.name} (${countChanges(diffs) || 'file name changed'}; expected ${expectedPath})`, counts: 'failed', diffs };
}

function readExpected(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ExpectedFileError('EXPECTED_IO', `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function write(path: string, content: string): void {
  try {
    writeFileSync(path, content);
  } catch (e) {
    throw new ExpectedFileError('EXPECTED_IO', `${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function registerCheck(program: Command, run: Run): void {
  program
    .command('check')
    .description('golden-file check: compare each NAME.txt with NAME.expected.json beside it')
    .argument('<paths...>', 'fixture files, directories (recursively) or glob patterns')
    .option('-u, --update', 'write the expected files from the current output (creating missing ones)')
    .option('--strict', 'a fixture without an expected file fails instead of being skipped')
    .addOption(new Option('--color <when>', 'colour in the report (NO_COLOR and FORCE_COLOR are honoured)').choices([...COLOR_SETTINGS]))
    .addOption(new Option('--bidi <mode>', 'Arabic in the report on a terminal, as for the table (default: auto on a terminal, off in a pipe; env: KASHF_BIDI)').choices([...BIDI_SETTINGS]))
    .addHelpText(
      'after',
      '\nExit codes: 0 all match, 1 some fixture differs, 2 error (unreadable input, bad expected JSON, no fixtures).\n' +
        'NAME.ann.txt and README files are not fixtures. Without --update, a fixture with no expected file is skipped\n' +
        '(a failure with --strict).',
    )
    .action((paths: string[], flags: RawCheckFlags) => {
      run(runCheck(paths, flags));
    });
}
