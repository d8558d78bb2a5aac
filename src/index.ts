// kashf's library API. Scripts import this; the CLI is built on it. Nothing
// here touches the process: errors are thrown as KashfError.
//
//   import { Kashf } from 'kashf';
//   const kashf = Kashf.withBuiltin();
//   const { entities, quotes } = kashf.extract('قال لافروف: «…»');

import { isUtf8 } from 'node:buffer';
import { KashfError } from './errors.js';
import { addUserEntries, loadBuiltin, readUserDictionaries, type Knowledge } from './gazetteer/load.js';
import { Gazetteer } from './gazetteer/compile.js';
import { Lexicon } from './gazetteer/lexicon.js';
import type { Entry } from './gazetteer/types.js';
import { DEFAULT_SEARCH, searchText, type Carry, type SearchOptions, type SearchResult } from './search/index.js';

export { KashfError, type ErrorCode } from './errors.js';
export { foldString, tokenize } from './normalize/index.js';
export { parseDictionary, twoColumnIdPrefixes } from './gazetteer/parse.js';
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
    for (const entries of readUserDictionaries(options.dictionaries ?? [])) addUserEntries(k, entries);
    if (options.entries !== undefined) addUserEntries(k, options.entries);
    return new Kashf(k);
  }

  static withBuiltin(): Kashf {
    return Kashf.create();
  }

  /**
   * Entities and quotations in `text`: a string, or UTF-8 bytes (searched
   * without being decoded, the faster way to search a file; invalid UTF-8 is
   * a KashfError with code INPUT_ENCODING). A leading BOM is ignored.
   * Offsets count code points either way. For a document read in chunks,
   * pass the same `carry` (newCarry()) with each chunk, in order, each cut at
   * a paragraph break: offsets then count from the document's start.
   */
  extract(text: string | Uint8Array, options: Partial<SearchOptions> = {}, carry?: Carry): SearchResult {
    let body = text;
    if (typeof body === 'string') {
      if (carry === undefined && body.charCodeAt(0) === 0xfeff) body = body.slice(1);
    } else {
      if (!isUtf8(body)) throw new KashfError('INPUT_ENCODING', 'not valid UTF-8');
      if (carry === undefined && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
    }
    return searchText(body, this.knowledge, { ...DEFAULT_SEARCH, ...options }, carry);
  }
}

export { Lexicon };
