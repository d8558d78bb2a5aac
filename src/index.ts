// kashf's library API. Scripts import this; the CLI is built on it. Nothing
// here touches the process: errors are thrown as KashfError.
//
//   import { Kashf } from 'kashf';
//   const kashf = Kashf.withBuiltin();
//   const { entities, quotes } = kashf.extract('قال لافروف: «…»');

import { addUserEntries, loadBuiltin, readUserDictionary, type Knowledge } from './gazetteer/load.js';
import { Gazetteer } from './gazetteer/compile.js';
import { Lexicon } from './gazetteer/lexicon.js';
import type { Entry } from './gazetteer/types.js';
import { DEFAULT_SEARCH, searchText, type Carry, type SearchOptions, type SearchResult } from './search/index.js';

export { KashfError, type ErrorCode } from './errors.js';
export { foldString, tokenize } from './normalize/index.js';
export { parseDictionary } from './gazetteer/parse.js';
export type { Entry, EntityType, Problem } from './gazetteer/types.js';
export type { OverlapPolicy } from './match/gazetteer.js';
export type { Carry, QuoteMode, SearchOptions, SearchResult } from './search/index.js';
export { newCarry } from './search/index.js';
export * from './types.js';

export interface KashfOptions {
  /** Load the built-in dictionaries (default true). */
  builtin?: boolean;
  /** Paths of user dictionaries (kashf's format or `surface<TAB>type`). */
  dictionaries?: string[];
  /** Entries built in code. */
  entries?: Entry[];
}

export class Kashf {
  readonly knowledge: Knowledge;

  private constructor(knowledge: Knowledge) {
    this.knowledge = knowledge;
  }

  static create(options: KashfOptions = {}): Kashf {
    const k: Knowledge =
      options.builtin === false ? { gazetteer: new Gazetteer(), lexicon: loadBuiltin().lexicon } : loadBuiltin();
    for (const path of options.dictionaries ?? []) addUserEntries(k, readUserDictionary(path));
    if (options.entries !== undefined) addUserEntries(k, options.entries);
    return new Kashf(k);
  }

  static withBuiltin(): Kashf {
    return Kashf.create();
  }

  /**
   * Entities and quotations in `text` (a leading BOM is ignored). For a
   * document read in chunks, pass the same `carry` (newCarry()) with each
   * chunk, in order, each cut at a paragraph break: offsets then count from the
   * document's start.
   */
  extract(text: string, options: Partial<SearchOptions> = {}, carry?: Carry): SearchResult {
    const body = carry === undefined && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    return searchText(body, this.knowledge, { ...DEFAULT_SEARCH, ...options }, carry);
  }
}

export { Lexicon };
