// Reads dictionary text into entries, remembering file:line for each one.
// Two formats: kashf's own five columns (id, type, canonical, english,
// aliases) and a simple two-column list (surface, type) for lists brought from
// elsewhere. Parsing never throws: it returns entries and problems, and the
// caller decides whether a problem is fatal (--dict) or a lint finding.

import { normalize, resolve } from 'node:path';
import { foldString } from '../normalize/index.js';
import { ENTITY_TYPES, type Alias, type EntityType, type Entry, type Problem } from './types.js';

export const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ParseResult {
  entries: Entry[];
  problems: Problem[];
}

/**
 * `idPrefix`: what ids of a two-column list start with (see
 * twoColumnIdPrefixes); by default the slug of the file's base name.
 */
export function parseDictionary(text: string, file: string, idPrefix = slugOf(baseName(file))): ParseResult {
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const simple = new Map<string, Entry>(); // two-column lists: one entry per (surface, type)
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const problem = (code: string, message: string): void => {
      problems.push({ file, line, severity: 'error', code, message });
    };
    const cols = raw.split('\t');
    if (cols.length === 2) {
      const [surface, type] = cols.map((c) => c.trim());
      if (!isType(type)) return problem('bad-type', `type "${type}" is not one of ${ENTITY_TYPES.join(', ')}`);
      if (surface === '') return problem('empty-surface', 'surface is empty');
      const key = `${type}\t${surface}`;
      if (simple.has(key)) return;
      const entry: Entry = {
        id: `${idPrefix}-${line}`,
        type,
        canonical: surface,
        english: '',
        aliases: [{ surface, ambiguous: false }],
        source: { file, line },
      };
      simple.set(key, entry);
      entries.push(entry);
      return;
    }
    if (cols.length !== 5) {
      return problem('columns', `expected 5 TAB-separated columns (id, type, canonical, english, aliases) or 2 (surface, type), found ${cols.length}`);
    }
    const [id, type, canonical, english, aliasField] = cols.map((c) => c.trim());
    if (!ID_RE.test(id)) return problem('bad-id', `id "${id}" must be lower-case ASCII words joined by "-"`);
    if (!isType(type)) return problem('bad-type', `type "${type}" is not one of ${ENTITY_TYPES.join(', ')}`);
    if (canonical === '') return problem('empty-canonical', `canonical name of "${id}" is empty`);
    const aliases: Alias[] = [{ surface: canonical, ambiguous: false }];
    if (aliasField !== '') {
      for (const part of aliasField.split('|')) {
        const t = part.trim();
        const ambiguous = t.startsWith('~');
        const surface = ambiguous ? t.slice(1).trim() : t;
        if (surface === '') {
          problem('empty-alias', `an alias of "${id}" is empty`);
          continue;
        }
        aliases.push({ surface, ambiguous });
      }
    }
    entries.push({ id, type, canonical, english, aliases: dedupeAliases(aliases), source: { file, line } });
  });
  return { entries, problems };
}

/**
 * One alias per folded surface. An alias marked `~` makes its surface
 * ambiguous even when it folds like the canonical name (عُمان / ~عمان).
 */
function dedupeAliases(aliases: Alias[]): Alias[] {
  const bySurface = new Map<string, Alias>();
  for (const a of aliases) {
    const key = foldString(a.surface);
    const seen = bySurface.get(key);
    if (seen === undefined) bySurface.set(key, { ...a });
    else seen.ambiguous ||= a.ambiguous;
  }
  return [...bySurface.values()];
}

function isType(t: string): t is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(t);
}

/**
 * Two-column lists have no ids, so kashf makes stable ones from the file and
 * the line: names.tsv line 3 is names-3. Lists loaded together whose base
 * names make the same prefix (persons/names.tsv and places/names.tsv, or two
 * files named in Arabic) would give the same ids, so each of those also takes
 * the names of its folders, nearest first, until the prefixes differ:
 * persons-names-3 and places-names-3. The prefix of a path depends only on
 * the paths loaded with it, not on their order. Paths given twice are one
 * file.
 */
export function twoColumnIdPrefixes(files: readonly string[]): Map<string, string> {
  // One entry per file (./a/names.tsv and a/names.tsv are one), qualified by
  // the folders as given, so that ids do not depend on the working directory.
  const byFile = new Map<string, string>();
  for (const f of files) if (!byFile.has(resolve(f))) byFile.set(resolve(f), f);
  const paths = [...byFile.keys()];
  const dirs = new Map(paths.map((p) => [p, normalize(byFile.get(p)!).split(/[\\/]+/).slice(0, -1).map(slugOf).filter((d) => d !== 'user')]));
  const prefix = new Map(paths.map((p) => [p, slugOf(baseName(p))]));
  const clashing = () => paths.filter((p) => paths.some((q) => q !== p && prefix.get(q) === prefix.get(p)));
  for (let depth = 1; ; depth++) {
    const clash = clashing();
    if (clash.length === 0) break;
    const deeper = clash.filter((p) => depth <= dirs.get(p)!.length);
    if (deeper.length === 0) {
      // The same folder names all the way (or none in Latin letters): numbered in path order.
      clash.sort().forEach((p, i) => prefix.set(p, `${prefix.get(p)}-f${i + 1}`));
      break;
    }
    for (const p of deeper) prefix.set(p, [...dirs.get(p)!.slice(-depth), slugOf(baseName(p))].join('-'));
  }
  return new Map(files.map((f) => [f, prefix.get(resolve(f))!]));
}

/** A file's name without its folders and its extension. */
function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
}

/** Lower-case ASCII words joined by "-" (ID_RE), or "user" when nothing is left. */
function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'user';
}
