// Counts of dictionary entries and aliases, per type and per file: what
// `kashf dict stats` reports. Aliases count every surface of an entry, its
// canonical name included; ambiguous ones (~) are also counted apart.

import type { EntityType, Entry } from './types.js';

export interface Tally {
  entries: number;
  aliases: number;
  ambiguous: number;
}

export interface FileStats extends Tally {
  /** The dictionary file; entries generated from templates are counted under the template of the body. */
  file: string;
  byType: Record<EntityType, Tally>;
}

export interface DictionaryStats {
  files: FileStats[];
  byType: Record<EntityType, Tally>;
  total: Tally;
}

const tally = (): Tally => ({ entries: 0, aliases: 0, ambiguous: 0 });
const perType = (): Record<EntityType, Tally> => ({ PER: tally(), ORG: tally(), LOC: tally() });

function count(t: Tally, e: Entry): void {
  t.entries++;
  t.aliases += e.aliases.length;
  t.ambiguous += e.aliases.filter((a) => a.ambiguous).length;
}

/** The file an entry is counted under: a generated entry's source reads "bodies.tsv:3 × nationalities.tsv". */
export const fileOf = (e: Entry): string => e.source.file.replace(/:\d+ × .*$/, '');

export function dictionaryStats(entries: readonly Entry[]): DictionaryStats {
  const files = new Map<string, FileStats>();
  const byType = perType();
  const total = tally();
  for (const e of entries) {
    const name = fileOf(e);
    let f = files.get(name);
    if (f === undefined) files.set(name, (f = { file: name, ...tally(), byType: perType() }));
    count(f, e);
    count(f.byType[e.type], e);
    count(byType[e.type], e);
    count(total, e);
  }
  const sorted = [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: sorted, byType, total };
}
