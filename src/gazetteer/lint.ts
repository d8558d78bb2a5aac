// Lint for dictionaries: what parsing and compiling already refuse (format
// errors, bad types, duplicate ids, aliases with nothing to match) plus what
// they accept but a reviewer should not — a name claimed by two entries, an
// ordinary word listed as a name, a `~` that changes nothing. It returns
// Problem records; printing them and choosing an exit code is the CLI's job.
//
// Aliases are compared as the matcher sees them: folded (foldString). An
// entry's folded alias is ambiguous only if every alias of that entry folding
// to it is marked `~`: the trie lets the unambiguous one win (عمّان folds to
// عمان, so `~عمان` next to it changes nothing).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { KashfError } from '../errors.js';
import { foldString } from '../normalize/index.js';
import { Gazetteer } from './compile.js';
import { BUILTIN_DIR, compileBuiltin, loadBuiltin } from './load.js';
import { parseDictionary, twoColumnIdPrefixes } from './parse.js';
import type { Entry, Problem } from './types.js';

/**
 * Single words too common in Arabic news to stand for one entity: function
 * words, and nouns and verbs of every political story. An alias equal to one
 * of them (once folded) is an error unless it is marked `~`.
 */
export const COMMON_WORDS: readonly string[] = [
  // prepositions, conjunctions, particles
  'في', 'من', 'على', 'إلى', 'عن', 'مع', 'بين', 'حتى', 'منذ', 'عند', 'لدى', 'نحو', 'ضد', 'خلال', 'بعد', 'قبل',
  'أن', 'إن', 'أو', 'ثم', 'لا', 'لم', 'لن', 'ما', 'قد', 'هل', 'كل', 'بعض', 'غير', 'أي', 'إذا', 'لكن',
  // demonstratives, relatives, pronouns
  'هذا', 'هذه', 'ذلك', 'تلك', 'هؤلاء', 'التي', 'الذي', 'الذين', 'هو', 'هي', 'هم', 'نحن',
  // verbs of every report
  'كان', 'كانت', 'قال', 'قالت', 'أكد', 'أضاف', 'يكون',
  // nouns and adjectives of every political story
  'رئيس', 'وزير', 'الرئيس', 'الوزير', 'دولة', 'الدولة', 'الحكومة', 'حكومة', 'اليوم', 'العام', 'عام', 'يوم',
  'الأمن', 'السلام', 'الحرب', 'الشعب', 'البلاد', 'المجلس', 'الوزارة', 'الجيش', 'المدينة', 'العاصمة', 'الوطني',
];

const COMMON = new Set(COMMON_WORDS.map(foldString));

/** An alias as written in a dictionary: `~` before an ambiguous one. */
const mark = (a: { ambiguous: boolean; surface: string }): string => (a.ambiguous ? `~${a.surface}` : a.surface);

/** Where an entry was written, as printed: `file:line`. */
export const where = (e: Entry): string => `${e.source.file}:${e.source.line}`;

/**
 * Findings on compiled entries that parsing and compiling do not report:
 * alias collisions, common words, and `~` with no effect or no unambiguous
 * way in. Entries are taken in order; a collision is reported at every entry
 * after the first that claims the alias.
 */
export function lintEntries(entries: readonly Entry[]): Problem[] {
  const problems: Problem[] = [];
  const report = (e: Entry, severity: Problem['severity'], code: string, message: string): void => {
    problems.push({ file: e.source.file, line: e.source.line, severity, code, message });
  };
  // folded alias → the first entry claiming it, and whether it was ambiguous there
  const claims = new Map<string, { entry: Entry; ambiguous: boolean; surface: string }>();
  const seenIds = new Set<string>();

  for (const e of entries) {
    // A duplicate id is reported by the compiler, which skips the entry; so do we.
    if (seenIds.has(e.id)) continue;
    seenIds.add(e.id);

    // This entry's folded aliases: ambiguous only if every alias folding alike is `~`.
    const folded = new Map<string, { ambiguous: boolean; surface: string; tilde: string[] }>();
    for (const a of e.aliases) {
      const key = foldString(a.surface);
      if (key === '') continue; // the compiler reports it
      const f = folded.get(key);
      if (f === undefined) folded.set(key, { ambiguous: a.ambiguous, surface: a.surface, tilde: a.ambiguous ? [a.surface] : [] });
      else {
        if (a.ambiguous) f.tilde.push(a.surface);
        else if (f.ambiguous) {
          f.ambiguous = false;
          f.surface = a.surface;
        }
      }
    }

    for (const [key, f] of folded) {
      if (!f.ambiguous && f.tilde.length > 0) {
        report(e, 'warning', 'tilde-no-effect', `alias "~${f.tilde[0]}" of "${e.id}" folds to "${key}" like its unambiguous alias "${f.surface}", so the ~ has no effect`);
      }
      if (!f.ambiguous && COMMON.has(key)) {
        report(e, 'error', 'common-word', `alias "${f.surface}" of "${e.id}" is a common word; mark it ~ or remove it`);
      }
      const first = claims.get(key);
      if (first === undefined) {
        claims.set(key, { entry: e, ambiguous: f.ambiguous, surface: f.surface });
        continue;
      }
      if (first.ambiguous && f.ambiguous) continue;
      if (first.ambiguous !== f.ambiguous) {
        // One default reading and others that need context (طرابلس: Libya's
        // capital unless طرابلس اللبنانية came first): allowed, and said.
        report(
          e,
          'warning',
          'alias-default',
          `alias "${mark(f)}" of "${e.id}" folds to "${key}" like "${mark(first)}" of "${first.entry.id}" at ${where(first.entry)}; the unmarked one is the default, the ~ one needs an earlier unambiguous mention`,
        );
        if (first.ambiguous) claims.set(key, { entry: e, ambiguous: false, surface: f.surface });
        continue;
      }
      report(
        e,
        'error',
        'alias-collision',
        `alias "${mark(f)}" of "${e.id}" folds to "${key}", already an alias ("${mark(first)}") of "${first.entry.id}" at ${where(first.entry)}; mark it ~ in both or keep it in one`,
      );
      // Later claimants are compared with an unambiguous claim if there is one.
      if (first.ambiguous && !f.ambiguous) claims.set(key, { entry: e, ambiguous: false, surface: f.surface });
    }

    const ways = [...folded.values()];
    if (ways.length > 0 && ways.every((f) => f.ambiguous)) {
      report(e, 'warning', 'ambiguous-only', `every alias of "${e.id}" is ambiguous (~), so it can never match`);
    }
  }
  return problems;
}

/** Problems in a stable order: file, line, then severity (errors first), code and message. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const rank = (s: Problem['severity']): number => (s === 'error' ? 0 : 1);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...problems].sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || rank(a.severity) - rank(b.severity) || cmp(a.code, b.code) || cmp(a.message, b.message),
  );
}

export interface LintReport {
  /** Files linted, as named in the problems. */
  files: string[];
  entries: number;
  problems: Problem[];
  errors: number;
  warnings: number;
}

function report(files: string[], entries: number, problems: Problem[]): LintReport {
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  return { files, entries, problems: sorted, errors, warnings: sorted.length - errors };
}

/** The built-in dictionaries, templates and lexicon, as the build compiles them. */
export function lintBuiltin(dir = BUILTIN_DIR): LintReport {
  const { problems, entries } = compileBuiltin(dir);
  const files = builtinFiles(dir);
  return report(files, entries.length, [...problems, ...lintEntries(entries)]);
}

/** The files compileBuiltin reads, named as in its problems (relative to the package root). */
function builtinFiles(dir: string): string[] {
  const out: string[] = [];
  for (const sub of ['', 'templates', 'lexicon']) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((n) => n.endsWith('.tsv')).sort()) out.push(relative(join(dir, '..'), join(d, f)).split('\\').join('/'));
  }
  return out;
}

export interface DictionaryText {
  /** As it should appear in messages (the path as given). */
  name: string;
  text: string;
}

/**
 * User dictionaries (kashf's format or `surface<TAB>type`), linted together as
 * --dict would load them; an id that is also a built-in id is an error, since
 * --dict refuses it.
 */
export function lintTexts(files: readonly DictionaryText[], builtinIds: ReadonlyMap<string, Entry> = new Map()): LintReport {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const prefixes = twoColumnIdPrefixes(files.map((f) => f.name));
  for (const f of files) {
    const r = parseDictionary(f.text, f.name, prefixes.get(f.name));
    problems.push(...r.problems);
    entries.push(...r.entries);
  }
  problems.push(...new Gazetteer().add(entries));
  for (const e of entries) {
    const b = builtinIds.get(e.id);
    if (b !== undefined) {
      problems.push({ file: e.source.file, line: e.source.line, severity: 'error', code: 'builtin-id', message: `id "${e.id}" is a built-in id (${where(b)}); --dict would refuse this file` });
    }
  }
  problems.push(...lintEntries(entries));
  return report(
    files.map((f) => f.name),
    entries.length,
    problems,
  );
}

/** Reads and lints user dictionaries; an unreadable file is a DICT_READ error. */
export function lintFiles(paths: readonly string[], options: { builtin?: boolean } = {}): LintReport {
  const texts = paths.map((name) => {
    try {
      return { name, text: readFileSync(name, 'utf8') };
    } catch (e) {
      throw new KashfError('DICT_READ', `${name}: cannot read dictionary (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  });
  // A built-in file linted by name is not compared with itself.
  const linted = new Set(paths.map((p) => resolve(p)));
  const ids = new Map<string, Entry>();
  if (options.builtin !== false) {
    for (const e of loadBuiltin().gazetteer.entries) {
      if (!linted.has(resolve(BUILTIN_DIR, '..', e.source.file.replace(/:\d+ × .*$/, '')))) ids.set(e.id, e);
    }
  }
  return lintTexts(texts, ids);
}
