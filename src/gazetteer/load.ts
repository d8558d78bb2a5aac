// Finds, reads and compiles the dictionaries: the built-in ones under
// dictionaries/ (compiled once at build time into dist/builtin.json, and
// recompiled in memory if the sources changed since) and the user's own
// (--dict). Reading files is all this module does with the outside world.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KashfError } from '../errors.js';
import { Gazetteer, type SerializedGazetteer } from './compile.js';
import { Lexicon, parseLexicon, type SerializedLexicon } from './lexicon.js';
import type { SerializedTrie } from '../match/trie.js';
import { parseDictionary, twoColumnIdPrefixes } from './parse.js';
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

/**
 * dist/builtin.json is JSON Lines, laid out for start-up:
 *   1. the head (format, fingerprint, stamps), checked before the rest is parsed;
 *   2. the trie;
 *   3. the entries' columns but their canonical names;
 *   4. the canonical names and the lexicon.
 * Lines 1–3 are ASCII (the writer escapes anything else), so they are read as
 * Latin-1, a plain copy; only line 4, the Arabic, pays for a UTF-8 decode
 * (one non-ASCII character makes V8 store a whole string in two bytes a
 * character, which then takes longer to decode and to parse).
 */
const CACHE_FORMAT = 6;

interface CacheHead {
  format: number;
  /** The sources' contents, hashed. */
  fingerprint: string;
  /** Name, size and modification time of each source: a cheap first check at start-up. */
  stamps: string;
}

interface SourceFile {
  /** Path relative to the package root, with '/' separators: stable in messages. */
  name: string;
  bytes: Buffer;
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

function sourceName(dir: string, path: string): string {
  return relative(join(dir, '..'), path).split('\\').join('/');
}

/** The sources, read once: their bytes for fingerprint(), their text for the parsers. */
function readSources(dir: string): SourceFile[] {
  return sourceBytes(dir).map((s) => ({ ...s, text: s.bytes.toString('utf8') }));
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

/**
 * The sources' names and bytes, hashed. An installed package has other
 * modification times than the build's (npm pack gives every file one fixed
 * date), so there every start compares contents: the bytes are hashed as
 * read, never decoded, and node:crypto is loaded only then (a hash written in
 * JS runs cold at start-up and took longer than loading it).
 */
function fingerprint(sources: readonly { name: string; bytes: Uint8Array }[]): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const h = createHash('sha1');
  for (const s of sources) h.update(s.name).update('\0').update(s.bytes).update('\0');
  return h.digest('hex');
}

/** The sources as bytes, for fingerprint(): no UTF-8 decoding. */
function sourceBytes(dir: string): { name: string; bytes: Buffer }[] {
  return sourcePaths(dir).map((path) => ({ name: sourceName(dir, path), bytes: readFileSync(path) }));
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

/** JSON with every non-ASCII character escaped, so that it can be read as Latin-1. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What the build writes to dist/builtin.json, so that start-up does not re-parse the dictionaries. */
export function serializeKnowledge(k: Knowledge, fp: string, dir = BUILTIN_DIR): string {
  const head: CacheHead = { format: CACHE_FORMAT, fingerprint: fp, stamps: stamps(dir) };
  const { trie, entries } = k.gazetteer.serialize();
  const { canonical, ...columns } = entries;
  const arabic = JSON.stringify({ canonical, lexicon: k.lexicon.serialize() });
  return `${asciiJson(head)}\n${asciiJson(trie)}\n${asciiJson(columns)}\n${arabic}\n`;
}

/** The knowledge in the build's cache, or null when it is missing, damaged or does not match the sources. */
function readCache(dir: string, cache: string): Knowledge | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cache);
  } catch {
    return null;
  }
  let at = 0;
  const line = (encoding: 'latin1' | 'utf8'): unknown => {
    const end = bytes.indexOf(10, at);
    const text = bytes.toString(encoding, at, end < 0 ? bytes.length : end);
    at = end < 0 ? bytes.length : end + 1;
    return JSON.parse(text);
  };
  try {
    const head = line('latin1') as CacheHead;
    // Same stamps: trust the cache without reading the sources. Different
    // stamps (a fresh copy, an edit): compare contents before recompiling.
    if (head.format !== CACHE_FORMAT || (head.stamps !== stamps(dir) && head.fingerprint !== fingerprint(sourceBytes(dir)))) return null;
    const trie = line('latin1') as SerializedTrie;
    const columns = line('latin1') as Omit<SerializedGazetteer['entries'], 'canonical'>;
    const { canonical, lexicon } = line('utf8') as { canonical: string[]; lexicon: SerializedLexicon };
    return { gazetteer: Gazetteer.deserialize({ trie, entries: { ...columns, canonical } }), lexicon: new Lexicon(lexicon) };
  } catch {
    // A damaged cache is rebuilt.
    return null;
  }
}

/**
 * The built-in dictionaries: from the build's cache when it matches the
 * sources on disk, else compiled now. A problem in the built-in files is a
 * bug of kashf's (lint runs in CI), so it is thrown, not skipped.
 */
export function loadBuiltin(dir = BUILTIN_DIR, cache = BUILTIN_CACHE): Knowledge {
  const cached = readCache(dir, cache);
  if (cached !== null) return cached;
  const { knowledge, problems } = compileBuiltin(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const p = errors[0];
    throw new KashfError('DICT_FORMAT', `${p.file}:${p.line}: ${p.message}`);
  }
  return knowledge;
}

/**
 * Reads and parses user dictionaries, one list of entries per path; a
 * malformed line is an error naming file:line. Read together, so that
 * two-column lists with the same file name get distinct ids
 * (twoColumnIdPrefixes).
 */
export function readUserDictionaries(paths: readonly string[]): Entry[][] {
  const prefixes = twoColumnIdPrefixes(paths);
  return paths.map((path) => readUserDictionary(path, prefixes.get(path)!));
}

function readUserDictionary(path: string, idPrefix: string): Entry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new KashfError('DICT_READ', `${path}: cannot read dictionary (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const { entries, problems } = parseDictionary(text, path, idPrefix);
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
