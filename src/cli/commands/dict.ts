// `kashf dict lint|stats|find|harvest`: tools for the people who write
// dictionaries. The work is done in gazetteer/ (lint, stats, harvest) and by
// the real matcher (find); this file reads files, prints and picks exit codes.

import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { KashfError } from '../../errors.js';
import { parseConll } from '../../eval/conll.js';
import { harvest, type HarvestSource } from '../../gazetteer/harvest.js';
import { lintBuiltin, lintFiles, where, type LintReport } from '../../gazetteer/lint.js';
import { compileBuiltin, readUserDictionaries } from '../../gazetteer/load.js';
import { ID_RE } from '../../gazetteer/parse.js';
import { dictionaryStats, type DictionaryStats } from '../../gazetteer/stats.js';
import type { Entry, Problem } from '../../gazetteer/types.js';
import { foldString, Kashf, tokenize } from '../../index.js';
import { matchGazetteer } from '../../match/gazetteer.js';
import { readInput } from '../inputs.js';
import { collect, EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, warn, type Run } from '../io.js';

type TextFormat = 'text' | 'json';

const out = (s: string): void => void process.stdout.write(s);
const json = (value: unknown): void => out(JSON.stringify(value, null, 2) + '\n');

export const formatProblem = (p: Problem): string => `${p.file}:${p.line}: ${p.severity}: ${p.message}`;

// --- lint -------------------------------------------------------------------

function printLint(r: LintReport, format: TextFormat): void {
  if (format === 'json') return json(r);
  for (const p of r.problems) out(formatProblem(p) + '\n');
  const counts = r.problems.length === 0 ? 'no problems' : `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`;
  out(`${counts} (${r.entries} ${r.entries === 1 ? 'entry' : 'entries'} in ${r.files.length} file${r.files.length === 1 ? '' : 's'})\n`);
}

async function runLint(files: string[], flags: { format?: TextFormat; builtin?: boolean }): Promise<number> {
  const r = files.length === 0 ? lintBuiltin() : lintFiles(files, { builtin: flags.builtin });
  printLint(r, flags.format ?? 'text');
  return r.errors > 0 ? EXIT_INPUT_FAILED : EXIT_OK;
}

// --- stats ------------------------------------------------------------------

function printStats(s: DictionaryStats): void {
  const rows: string[][] = [['file', 'entries', 'aliases', 'ambiguous', 'PER', 'ORG', 'LOC']];
  for (const f of s.files) rows.push([f.file, ...[f.entries, f.aliases, f.ambiguous, f.byType.PER.entries, f.byType.ORG.entries, f.byType.LOC.entries].map(String)]);
  rows.push(['total', ...[s.total.entries, s.total.aliases, s.total.ambiguous, s.byType.PER.entries, s.byType.ORG.entries, s.byType.LOC.entries].map(String)]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  out(rows.slice(0, -1).map(line).join('\n') + '\n');
  out(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  out(line(rows[rows.length - 1]) + '\n\n');
  out('type  entries  aliases  ambiguous\n');
  for (const t of ['PER', 'ORG', 'LOC'] as const) {
    const x = s.byType[t];
    out(`${t.padEnd(4)}  ${String(x.entries).padStart(7)}  ${String(x.aliases).padStart(7)}  ${String(x.ambiguous).padStart(9)}\n`);
  }
}

async function runStats(files: string[], flags: { format?: TextFormat }): Promise<number> {
  const entries: Entry[] = files.length === 0 ? compileBuiltin().entries : readUserDictionaries(files).flat();
  const s = dictionaryStats(entries);
  if ((flags.format ?? 'text') === 'json') json(s);
  else printStats(s);
  return EXIT_OK;
}

// --- find -------------------------------------------------------------------

export interface FoundName {
  id: string;
  type: string;
  canonical: string;
  /** The matched text of the query (proclitics excluded). */
  text: string;
  start: number;
  end: number;
  /** The entry's file:line. */
  source: string;
  /** Matched through an ambiguous (~) alias. */
  ambiguous: boolean;
  /** An ambiguous alias with no unambiguous mention before it in the query: in a document it matches only after one. */
  needsMention: boolean;
  /** Also an alias of this entry, which never matches here: the entry `shadowedBy` wins (the first unambiguous claimant). */
  shadowedBy?: string;
}

/**
 * Every name the matcher finds in `text` with the 'all' overlap policy, and
 * the ambiguous aliases that would match once their entry had been mentioned.
 */
export function findNames(kashf: Kashf, text: string, withAliases: (e: Entry) => Entry = (e) => e): FoundName[] {
  const entries = kashf.knowledge.gazetteer.entries.map(withAliases);
  const { entities } = kashf.extract(text, { overlap: 'all', quotes: 'none' });
  // extract() reports the matcher's matches one for one, in order: the
  // matcher's own records say which came through an ambiguous alias.
  const matches = matchGazetteer(tokenize(text), kashf.knowledge.gazetteer.trie, 'all');
  const found: FoundName[] = entities.map((e, i) => {
    const entry = kashf.knowledge.gazetteer.byId(e.id);
    const m = matches[i];
    return {
      id: e.id,
      type: e.type,
      canonical: e.canonical,
      text: e.text,
      start: e.start,
      end: e.end,
      source: entry === undefined ? '' : where(entry),
      ambiguous: m !== undefined && entries[m.entry]?.id === e.id && m.ambiguous,
      needsMention: false,
    };
  });
  // The same entries with every alias unambiguous: what the query would match in a document that had mentioned them all.
  const open = Kashf.create({ builtin: false, entries: entries.map((e) => ({ ...e, aliases: e.aliases.map((a) => ({ ...a, ambiguous: false })) })) });
  const seen = new Set(found.map((f) => `${f.start}:${f.end}:${f.id}`));
  for (const e of open.extract(text, { overlap: 'all', quotes: 'none' }).entities) {
    if (seen.has(`${e.start}:${e.end}:${e.id}`)) continue;
    const entry = kashf.knowledge.gazetteer.byId(e.id);
    found.push({ id: e.id, type: e.type, canonical: e.canonical, text: e.text, start: e.start, end: e.end, source: entry === undefined ? '' : where(entry), ambiguous: true, needsMention: true });
  }
  // Entries that claim a matched alias too but lose it to another: lint reports these as collisions.
  const claimants = new Map<string, Entry[]>();
  for (const e of entries) {
    for (const key of new Set(e.aliases.map((a) => foldString(a.surface)))) {
      const list = claimants.get(key);
      if (list === undefined) claimants.set(key, [e]);
      else list.push(e);
    }
  }
  for (const f of [...found]) {
    for (const e of claimants.get(foldString(f.text)) ?? []) {
      if (found.some((g) => g.start === f.start && g.end === f.end && g.id === e.id)) continue;
      const base = { id: e.id, type: e.type, canonical: e.canonical, text: f.text, start: f.start, end: f.end, source: where(e) };
      // Behind an unambiguous winner an alias never matches; behind an ambiguous one it matches once its own entry is active.
      if (f.ambiguous) found.push({ ...base, ambiguous: true, needsMention: true });
      else found.push({ ...base, ambiguous: false, needsMention: false, shadowedBy: f.id });
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function runFind(words: string[], flags: { format?: TextFormat; dict?: string[]; builtin?: boolean }): Promise<number> {
  const text = words.join(' ');
  const kashf = Kashf.create({ builtin: flags.builtin, dictionaries: flags.dict });
  // The build's cache keeps built-in entries without their aliases; the sources have them.
  const full = new Map<string, Entry>();
  if (flags.builtin !== false) for (const e of compileBuiltin().entries) full.set(e.id, e);
  const found = findNames(kashf, text, (e) => (e.aliases.length === 0 ? (full.get(e.id) ?? e) : e));
  const folded = foldString(text);
  if ((flags.format ?? 'text') === 'json') {
    json({ query: text, folded, matches: found });
    return EXIT_OK;
  }
  if (found.length === 0) {
    out(`no entry matches "${text}" (folded: "${folded}")\n`);
    return EXIT_OK;
  }
  out(`"${text}" (folded: "${folded}"):\n`);
  for (const f of found) {
    const how = f.shadowedBy !== undefined ? `shadowed: also its alias, but "${f.shadowedBy}" wins` : f.needsMention ? 'ambiguous alias: matches only after an unambiguous mention earlier in the document' : f.ambiguous ? 'ambiguous alias' : 'alias';
    out(`${f.id}\t${f.type}\t${f.canonical}\tmatched "${f.text}"\t${f.source}\t${how}\n`);
  }
  return EXIT_OK;
}

// --- harvest ----------------------------------------------------------------

/** Reads CoNLL files; a malformed one is a usage error naming file:line. */
export function readConllFiles(paths: readonly string[]): HarvestSource[] {
  return paths.map((file) => {
    let text: string;
    try {
      text = readInput(file);
    } catch (e) {
      if (e instanceof KashfError) throw new KashfError(e.code, `${file}: ${e.message}`);
      throw e;
    }
    const { sentences, problems } = parseConll(text, file);
    if (problems.length > 0) {
      const p = problems[0];
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
      throw new KashfError('INPUT_UNREADABLE', `${p.file}:${p.line}: ${p.message}${more}`);
    }
    return { file, sentences };
  });
}

interface HarvestFlags {
  output?: string;
  minCount?: string;
  idPrefix?: string;
}

async function runHarvest(files: string[], flags: HarvestFlags): Promise<number> {
  const minCount = flags.minCount === undefined ? 1 : Number(flags.minCount);
  if (!Number.isInteger(minCount) || minCount < 1) throw new KashfError('USAGE', `--min-count "${flags.minCount}" is not a whole number of at least 1`);
  const idPrefix = flags.idPrefix ?? 'harvest';
  if (!ID_RE.test(idPrefix)) throw new KashfError('USAGE', `--id-prefix "${idPrefix}" must be lower-case ASCII words joined by "-"`);
  const r = harvest(readConllFiles(files), { minCount, idPrefix });
  if (flags.output === undefined || flags.output === '-') out(r.text);
  else {
    try {
      writeFileSync(flags.output, r.text);
    } catch (e) {
      throw new KashfError('USAGE', `${flags.output}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  const k = r.skipped;
  warn(
    `harvested ${r.entries} entries (PER ${r.byType.PER}, ORG ${r.byType.ORG}, LOC ${r.byType.LOC}) from ${r.mentions} mentions; ` +
      `surfaces left out: ${k.conflicting} tagged with two types, ${k.short} of one or two letters, ${k.common} common words, ${k.symbol} starting with a symbol` +
      (minCount > 1 ? `, ${k.rare} seen fewer than ${minCount} times` : ''),
  );
  return EXIT_OK;
}

// --- registration -----------------------------------------------------------

const formatOption = (): Option => new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text');

/** Runs a command's work, turning a thrown KashfError into the usage exit code. */
function guarded(work: () => Promise<number>): Promise<number> {
  return work().catch((e: unknown) => {
    if (!(e instanceof KashfError)) throw e;
    warn(e.message);
    return EXIT_USAGE;
  });
}

export function registerDict(program: Command, run: Run): void {
  const dict = program.command('dict').description('check, count, query and harvest dictionaries');

  dict
    .command('lint')
    .description('check dictionaries: format, duplicate ids, alias collisions, common words, ambiguous aliases (exit 1 on any error)')
    .argument('[files...]', 'user dictionaries (kashf format or surface<TAB>type); none: the built-in ones')
    .addOption(formatOption())
    .option('--no-builtin', 'with files: do not check their ids against the built-in ones')
    .action((files: string[], flags: { format?: TextFormat; builtin?: boolean }) => run(guarded(() => runLint(files, flags))));

  dict
    .command('stats')
    .description('entries and aliases per type and per file')
    .argument('[files...]', 'user dictionaries; none: the built-in ones')
    .addOption(formatOption())
    .action((files: string[], flags: { format?: TextFormat }) => run(guarded(() => runStats(files, flags))));

  dict
    .command('find')
    .description('which entries match these words (after normalisation and proclitics, every overlap)')
    .argument('<words...>', 'the text to look up')
    .addOption(formatOption())
    .option('-d, --dict <file>', 'add a dictionary (repeatable)', collect, [] as string[])
    .option('--no-builtin', 'do not load the built-in dictionaries')
    .action((words: string[], flags: { format?: TextFormat; dict?: string[]; builtin?: boolean }) => run(guarded(() => runFind(words, flags))));

  dict
    .command('harvest')
    .description('make a dictionary from CoNLL/BIO files (PER/PERS, ORG, LOC; MISC left out)')
    .argument('<files...>', 'CoNLL/BIO files: TOKEN TAG per line, a blank line between sentences')
    .option('-o, --output <file>', 'write the dictionary here (default: stdout)')
    .option('--min-count <n>', 'keep surfaces tagged at least n times', '1')
    .option('--id-prefix <prefix>', 'ids are <prefix>-<type>-<n>', 'harvest')
    .action((files: string[], flags: HarvestFlags) => run(guarded(() => runHarvest(files, flags))));
}
