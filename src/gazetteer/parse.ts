// Reads dictionary text into entries, remembering file:line for each one.
// Two formats: kashf's own five columns (id, type, canonical, english,
// aliases) and a simple two-column list (surface, type) for lists brought from
// elsewhere. Parsing never throws: it returns entries and problems, and the
// caller decides whether a problem is fatal (--dict) or a lint finding.

import { foldString } from '../normalize/index.js';
import { ENTITY_TYPES, type Alias, type EntityType, type Entry, type Problem } from './types.js';

export const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ParseResult {
  entries: Entry[];
  problems: Problem[];
}

export function parseDictionary(text: string, file: string): ParseResult {
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
        id: simpleId(file, line),
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

/** Stable ids for two-column lists: the file's base name and the line. */
function simpleId(file: string, line: number): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'user';
  return `${slug}-${line}`;
}
