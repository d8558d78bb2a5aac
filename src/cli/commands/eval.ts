// `kashf eval GOLD...`: runs kashf over gold-annotated files and prints
// precision, recall and F1 per type and micro-averaged. CoNLL/BIO files are
// scored per token range (conlleval); kashf's gold JSON (X.gold.json next to
// X.txt) per code-point span, with direct quotations too. Scoring lives in
// eval/; this file reads, prints and picks the exit code.

import { Option, type Command } from 'commander';
import { KashfError } from '../../errors.js';
import { parseConll } from '../../eval/conll.js';
import { DEFAULT_TYPES, evaluateConll, evaluateGold, parseTypes, summarise, type EvalReport, type FileCounts } from '../../eval/evaluate.js';
import type { Gold, Scores } from '../../eval/score.js';
import { Kashf } from '../../index.js';
import { readInput } from '../inputs.js';
import { collect, EXIT_OK, EXIT_USAGE, warn, type Run } from '../io.js';

interface EvalFlags {
  format?: 'table' | 'json';
  dict?: string[];
  builtin?: boolean;
  types?: string;
}

/** A gold file's problem, reported as `kashf: file[:line]: message` with exit code 2. */
class GoldError extends Error {}

function read(path: string): string {
  try {
    return readInput(path);
  } catch (e) {
    if (e instanceof KashfError) throw new GoldError(`${path}: ${e.message}`);
    throw e;
  }
}

/** X.gold.json → X.txt; X.json → X.txt. */
export const textFileOf = (gold: string): string => gold.replace(/(\.gold)?\.json$/, '.txt');

function readGoldJson(path: string): Gold {
  let value: unknown;
  try {
    value = JSON.parse(read(path));
  } catch (e) {
    if (e instanceof GoldError) throw e;
    throw new GoldError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const g = value as Partial<Gold> | null;
  if (g === null || typeof g !== 'object' || !Array.isArray(g.entities) || !Array.isArray(g.quotes)) {
    throw new GoldError(`${path}: expected kashf gold JSON: an object with "entities" and "quotes" arrays`);
  }
  return g as Gold;
}

function evaluateFile(kashf: Kashf, path: string, types: readonly string[]): FileCounts {
  if (path.endsWith('.json')) {
    const gold = readGoldJson(path);
    const txt = textFileOf(path);
    return evaluateGold(kashf, path, gold, read(txt), types);
  }
  const { sentences, problems } = parseConll(read(path), path);
  if (problems.length > 0) {
    const p = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new GoldError(`${p.file}:${p.line}: ${p.message}${more}`);
  }
  return evaluateConll(kashf, path, sentences, types);
}

const pct = (x: number): string => (100 * x).toFixed(2);

function printTable(r: EvalReport): void {
  const rows: string[][] = [['type', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1']];
  const row = (name: string, s: Scores): string[] => [name, String(s.tp), String(s.fp), String(s.fn), pct(s.precision), pct(s.recall), pct(s.f1)];
  for (const t of r.types) rows.push(row(t, r.byType[t]));
  rows.push(row('micro', r.micro));
  if (r.quotes !== undefined) rows.push(row('quotes', r.quotes));
  const widths = rows[0].map((_, c) => Math.max(...rows.map((x) => x[c].length)));
  const line = (x: string[]): string => x.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const conll = r.files.filter((f) => f.kind === 'conll');
  const sentences = conll.reduce((a, f) => a + (f.sentences ?? 0), 0);
  const tokens = conll.reduce((a, f) => a + (f.tokens ?? 0), 0);
  const parts = [`${r.files.length} file${r.files.length === 1 ? '' : 's'}`];
  if (conll.length > 0) parts.push(`${sentences} sentences`, `${tokens} tokens`);
  parts.push(`${r.micro.tp + r.micro.fn} gold entities (${r.types.join(', ')})`);
  const out: string[] = [parts.join(', '), line(rows[0])];
  for (const x of rows.slice(1)) out.push(line(x));
  out.push('precision, recall and F1 in %; exact entity match (span and type)' + (r.quotes !== undefined ? '; quotes: direct, right span and speaker' : ''));
  process.stdout.write(out.join('\n') + '\n');
}

async function runEval(paths: string[], flags: EvalFlags): Promise<number> {
  let types: string[] = [...DEFAULT_TYPES];
  if (flags.types !== undefined) {
    const t = parseTypes(flags.types);
    if (t === null) throw new KashfError('USAGE', `--types "${flags.types}" is not a comma-separated list of types such as PER,ORG,LOC`);
    types = t;
  }
  const kashf = Kashf.create({ builtin: flags.builtin, dictionaries: flags.dict });
  const files: FileCounts[] = [];
  try {
    for (const p of paths) files.push(evaluateFile(kashf, p, types));
  } catch (e) {
    if (!(e instanceof GoldError)) throw e;
    warn(e.message);
    return EXIT_USAGE;
  }
  const report = summarise(files, types);
  if (flags.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else printTable(report);
  return EXIT_OK;
}

export function registerEval(program: Command, run: Run): void {
  program
    .command('eval')
    .description('score kashf against gold files: CoNLL/BIO (TOKEN TAG) or kashf gold JSON (X.gold.json next to X.txt)')
    .argument('<gold...>', 'gold files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-d, --dict <file>', 'add a dictionary (repeatable)', collect, [] as string[])
    .option('--no-builtin', 'do not load the built-in dictionaries')
    .option('--types <list>', `entity types to score, comma-separated (default: ${DEFAULT_TYPES.join(',')}; PERS is read as PER)`)
    .action((paths: string[], flags: EvalFlags) => {
      run(
        runEval(paths, flags).catch((e: unknown) => {
          if (!(e instanceof KashfError)) throw e;
          warn(e.message);
          return EXIT_USAGE;
        }),
      );
    });
}
