export type EntityType = 'PER' | 'ORG' | 'LOC';
export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC'];

/** Where a dictionary entry or alias was written: for lint and error messages. */
export interface SourceRef {
  file: string;
  line: number;
}

export interface Alias {
  /** As written in the dictionary, without the `~` marker. */
  surface: string;
  /** Also an ordinary word or another name: matches only once the entry is active. */
  ambiguous: boolean;
}

export interface Entry {
  id: string;
  type: EntityType;
  canonical: string;
  english: string;
  /**
   * The canonical name first, then the aliases, each once (one per folded
   * surface). Empty for built-in entries loaded from the compiled cache
   * (dist/builtin.json), which keeps aliases only in the trie; tools that need
   * them (lint, find) read the sources with compileBuiltin().
   */
  aliases: Alias[];
  source: SourceRef;
}

/** A problem found while reading a dictionary: a format error or a lint finding. */
export interface Problem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}
