// Compiles dictionary entries into the matcher's trie, and back and forth to
// the plain-JSON form the build writes for the built-in dictionaries.

import { GAP_NONE, KIND_WORD, tokenize } from '../normalize/index.js';
import { Trie, type AliasToken, type SerializedTrie } from '../match/trie.js';
import type { Entry, Problem } from './types.js';

/** The folded word tokens of an alias, or null when it folds to nothing usable. */
export function aliasTokens(surface: string): AliasToken[] | null {
  const t = tokenize(surface);
  if (t.count === 0 || t.kind[0] !== KIND_WORD) return null;
  const out: AliasToken[] = [];
  for (let i = 0; i < t.count; i++) out.push({ text: t.text[i], glued: i > 0 && t.gap[i] === GAP_NONE });
  return out;
}

export interface SerializedGazetteer {
  entries: Entry[];
  trie: SerializedTrie;
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
    return { entries: this.entries.map((e) => ({ ...e, aliases: [] })), trie: this.trie.serialize() };
  }

  static deserialize(s: SerializedGazetteer): Gazetteer {
    const g = new Gazetteer(Trie.deserialize(s.trie));
    s.entries.forEach((e, i) => {
      g.entries.push(e);
      g.ids.set(e.id, i);
    });
    return g;
  }
}
