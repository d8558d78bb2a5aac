// Compiles dictionary entries into the matcher's trie, and back and forth to
// the plain-JSON form the build writes for the built-in dictionaries.

import { GAP_NONE, KIND_WORD, tokenize, TokenBuffer } from '../normalize/index.js';
import { Trie, type AliasToken, type SerializedTrie } from '../match/trie.js';
import { ENTITY_TYPES, type Entry, type Problem } from './types.js';

/** One buffer for every alias: a dictionary has hundreds of thousands of them. */
const buffer = new TokenBuffer(64);

/** The folded word tokens of an alias, or null when it folds to nothing usable. */
export function aliasTokens(surface: string): AliasToken[] | null {
  const t = tokenize(surface, buffer);
  if (t.count === 0 || t.kind[0] !== KIND_WORD) return null;
  const out: AliasToken[] = [];
  for (let i = 0; i < t.count; i++) out.push({ text: t.word(i), glued: i > 0 && t.gap[i] === GAP_NONE });
  return out;
}

/**
 * The compiled form: the trie's arrays, and the entries as columns (one array
 * per field, in entry order), which JSON.parse builds as a handful of arrays
 * rather than thousands of objects.
 */
export interface SerializedGazetteer {
  trie: SerializedTrie;
  entries: {
    id: string[];
    /** Index into ENTITY_TYPES. */
    type: number[];
    canonical: string[];
    english: string[];
    /** The source files, each once: `file` indexes into it. */
    files: string[];
    file: number[];
    line: number[];
  };
}

export class Gazetteer {
  readonly entries: Entry[] = [];
  readonly trie: Trie;
  private readonly ids = new Map<string, number>();

  constructor(trie = new Trie()) {
    this.trie = trie;
  }

  /** Adds entries; an id already present is a problem and the new entry is skipped. */
  add(entries: readonly Entry[]): Problem[] {
    const problems: Problem[] = [];
    for (const e of entries) {
      const seen = this.ids.get(e.id);
      if (seen !== undefined) {
        const first = this.entries[seen].source;
        problems.push({
          file: e.source.file,
          line: e.source.line,
          severity: 'error',
          code: 'duplicate-id',
          message: `id "${e.id}" is already defined at ${first.file}:${first.line}`,
        });
        continue;
      }
      const index = this.entries.length;
      this.entries.push(e);
      this.ids.set(e.id, index);
      for (const a of e.aliases) {
        const tokens = aliasTokens(a.surface);
        if (tokens === null) {
          problems.push({
            file: e.source.file,
            line: e.source.line,
            severity: 'error',
            code: 'empty-alias',
            message: `alias "${a.surface}" of "${e.id}" has no letters to match once normalised`,
          });
          continue;
        }
        this.trie.insert(tokens, index, a.ambiguous);
      }
    }
    return problems;
  }

  byId(id: string): Entry | undefined {
    const i = this.ids.get(id);
    return i === undefined ? undefined : this.entries[i];
  }

  /**
   * The compiled form. Aliases are left out (the trie holds them): start-up
   * reads a third as much, and tools that need aliases (lint) read the sources.
   */
  serialize(): SerializedGazetteer {
    const files = new Map<string, number>();
    for (const e of this.entries) if (!files.has(e.source.file)) files.set(e.source.file, files.size);
    const es = this.entries;
    return {
      trie: this.trie.serialize(),
      entries: {
        id: es.map((e) => e.id),
        type: es.map((e) => ENTITY_TYPES.indexOf(e.type)),
        canonical: es.map((e) => e.canonical),
        english: es.map((e) => e.english),
        files: [...files.keys()],
        file: es.map((e) => files.get(e.source.file)!),
        line: es.map((e) => e.source.line),
      },
    };
  }

  static deserialize(s: SerializedGazetteer): Gazetteer {
    const g = new Gazetteer(Trie.deserialize(s.trie));
    const c = s.entries;
    for (let i = 0; i < c.id.length; i++) {
      g.entries.push({
        id: c.id[i],
        type: ENTITY_TYPES[c.type[i]],
        canonical: c.canonical[i],
        english: c.english[i],
        aliases: [],
        source: { file: c.files[c.file[i]], line: c.line[i] },
      });
      g.ids.set(c.id[i], i);
    }
    return g;
  }
}
