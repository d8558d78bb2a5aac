// Finds, reads and compiles the dictionaries: the built-in ones under
// dictionaries/ (compiled once at build time into dist/builtin.json, and
// recompiled in memory if the sources changed since) and the user's own
// (--dict). Reading files is all this module does with the outside world.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KashfError } from '../errors.js';
import { Gazetteer, type SerializedGazetteer } from './compile.js';
import { Lexicon, parseLexicon, type SerializedLexicon } from './lexicon.js';
import { parseDictionary } from './parse.js';
import { generateBodies } from './templates.js';
import type { Entry, Problem } from './types.js';

/** The package root: this file is src/gazetteer/load.ts or dist/gazetteer/load.js. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILTIN_DIR = join(ROOT, 'dictionaries');
export const BUILTIN_CACHE = join(ROOT, 'dist', 'builtin.json');

/** Everything the matchers know: names and the attribution lexicon. */
export interface Knowledge {
  gazetteer: Gazetteer;
  lexicon: Lexicon;
}

interface SerializedKnowledge {
  format: 2;
  fingerprint: string;
  /** Name, size and modification time of each source: a cheap first check at start-up. */
  stamps: string;
  gazetteer: SerializedGazetteer;
  lexicon: SerializedLexicon;
}

interface SourceFile {
  /** Path relative to the package root, with '/' separators: stable in messages. */
  name: string;
  text: string;
}

function sourcePaths(dir: string): string[] {
  const out: string[] = [];
  for (const sub of ['', 'templates', 'lexicon']) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((n) => n.endsWith('.tsv')).sort()) out.push(join(d, f));
  }
  return out;
}

function readSources(dir: string): SourceFile[] {
  return sourcePaths(dir).map((path) => ({ name: relative(join(dir, '..'), path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
}

/** Sizes and modification times of the sources: unchanged stamps mean an unchanged cache. */
function stamps(dir: string): string {
  return sourcePaths(dir)
    .map((p) => {
      const st = statSync(p);
      return `${relative(dir, p)}:${st.size}:${Math.floor(st.mtimeMs)}`;
    })
    .join('\n');
}

function fingerprint(sources: SourceFile[]): string {
  const h = createHash('sha1');
  for (const s of sources) h.update(s.name).update('\0').update(s.text).update('\0');
  return h.digest('hex');
}

/** The entries of the gazetteer files (not templates or lexicon). */
export function builtinEntries(sources: SourceFile[]): { entries: Entry[]; problems: Problem[] } {
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  for (const s of sources) {
    if (!/^[^/]*\/[^/]*\.tsv$/.test(s.name)) continue; // top-level dictionaries/*.tsv only
    const r = parseDictionary(s.text, s.name);
    entries.push(...r.entries);
    problems.push(...r.problems);
  }
  return { entries, problems };
}

/** Compiles the built-in dictionaries from their sources. */
export function compileBuiltin(dir = BUILTIN_DIR): { knowledge: Knowledge; problems: Problem[]; fingerprint: string; entries: Entry[] } {
  const sources = readSources(dir);
  const find = (name: string): SourceFile | undefined => sources.find((s) => s.name.endsWith(name));
  const { entries, problems } = builtinEntries(sources);

  const gazetteer = new Gazetteer();
  problems.push(...gazetteer.add(entries));

  const nat = find('templates/nationalities.tsv');
  const bodies = find('templates/bodies.tsv');
  if (nat !== undefined && bodies !== undefined) {
    const generated = generateBodies(nat.text, nat.name, bodies.text, bodies.name, (id) => {
      const e = gazetteer.byId(id);
      return e?.type === 'LOC' ? e.english : undefined;
    });
    problems.push(...generated.problems);
    problems.push(...gazetteer.add(generated.entries));
    entries.push(...generated.entries);
  }

  const src = (name: string) => {
    const f = find(`lexicon/${name}`);
    return f === undefined ? undefined : { text: f.text, file: f.name };
  };
  const lex = parseLexicon({
    verbs: src('reporting-verbs.tsv'),
    phrases: src('reporting-phrases.tsv'),
    roles: src('speaker-roles.tsv'),
    termNouns: src('term-nouns.tsv'),
  });
  problems.push(...lex.problems);
  return { knowledge: { gazetteer, lexicon: lex.lexicon }, problems, fingerprint: fingerprint(sources), entries };
}

/** The JSON the build writes so that start-up does not re-parse the dictionaries. */
export function serializeKnowledge(k: Knowledge, fp: string, dir = BUILTIN_DIR): string {
  const s: SerializedKnowledge = { format: 2, fingerprint: fp, stamps: stamps(dir), gazetteer: k.gazetteer.serialize(), lexicon: k.lexicon.serialize() };
  return JSON.stringify(s);
}

/**
 * The built-in dictionaries: from the build's cache when it matches the
 * sources on disk, else compiled now. A problem in the built-in files is a
 * bug of kashf's (lint runs in CI), so it is thrown, not skipped.
 */
export function loadBuiltin(dir = BUILTIN_DIR, cache = BUILTIN_CACHE): Knowledge {
  if (existsSync(cache)) {
    try {
      const s = JSON.parse(readFileSync(cache, 'utf8')) as SerializedKnowledge;
      // Same stamps: trust the cache without reading the sources. Different
      // stamps (a fresh copy, an edit): compare contents before recompiling.
      if (s.format === 2 && (s.stamps === stamps(dir) || s.fingerprint === fingerprint(readSources(dir)))) {
        return { gazetteer: Gazetteer.deserialize(s.gazetteer), lexicon: new Lexicon(s.lexicon) };
      }
    } catch {
      // A damaged cache is rebuilt below.
    }
  }
  const { knowledge, problems } = compileBuiltin(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const p = errors[0];
    throw new KashfError('DICT_FORMAT', `${p.file}:${p.line}: ${p.message}`);
  }
  return knowledge;
}

/** Reads and parses a user dictionary; a malformed line is an error naming file:line. */
export function readUserDictionary(path: string): Entry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new KashfError('DICT_READ', `${path}: cannot read dictionary (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const { entries, problems } = parseDictionary(text, path);
  if (problems.length > 0) {
    const p = problems[0];
    throw new KashfError('DICT_FORMAT', `${p.file}:${p.line}: ${p.message}`);
  }
  return entries;
}

/** Adds user entries to a gazetteer; a clash with an existing id is an error. */
export function addUserEntries(k: Knowledge, entries: Entry[]): void {
  const problems = k.gazetteer.add(entries);
  if (problems.length > 0) {
    const p = problems[0];
    throw new KashfError('DICT_DUPLICATE', `${p.file}:${p.line}: ${p.message}`);
  }
}
