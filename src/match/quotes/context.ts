// What the quotation steps share about one document: its tokens, the names
// the gazetteer found in it, the lexicon, and sentence boundaries.

import { foldString, GAP_BREAK, HashFilter, hashString, KIND_SYMBOL, KIND_WORD, type Tokens } from '../../normalize/index.js';
import type { Lexicon } from '../../gazetteer/lexicon.js';
import type { EntityType } from '../../gazetteer/types.js';

export interface Mention {
  first: number;
  last: number;
  prefix: number;
  /** Index of the dictionary entry (see QuoteContext.typeOf). */
  entry: number;
}

/**
 * A set of folded words that a token is tested against by its hash first:
 * the token's string is made only when the hash is one of the set's (then
 * compared, so a colliding hash never matches). The quotation steps ask this
 * of many tokens, and making each one's string cost more than the test.
 */
export class WordSet {
  private readonly words: Set<string>;
  private readonly hashes: HashFilter;

  /** `words`: white-space separated, folded here. */
  constructor(words: string) {
    this.words = foldedWords(words);
    this.hashes = new HashFilter([...this.words].map(hashString));
  }

  /** Is token i one of the words? */
  at(t: Tokens, i: number): boolean {
    return i >= 0 && i < t.count && this.hashes.mayHave(t.hash[i]) && this.words.has(t.word(i));
  }

  /** Could a token hashing to `h` be one of the words? Never false for one that is (at() confirms). */
  mayHave(h: number): boolean {
    return this.hashes.mayHave(h);
  }
}

/** White-space separated words, folded, as a set. */
export function foldedWords(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean).map((w) => foldString(w)));
}

/** How far back or ahead of a quotation its reporting clause may be, in tokens. */
export const CLAUSE_WINDOW = 40;

/** By code unit: symbol tokens are tested without making their strings. */
const SENTENCE_END = new Set(['.', '!', '?', '؟', '…', '؛', ';'].map((c) => c.charCodeAt(0)));
const FULL_STOP = 0x2e;

/**
 * Arrays of one entry per token that the quotation steps need for every
 * document, kept from one document to the next by a searcher that passes the
 * same scratch each time (typed arrays are costly to allocate and collect).
 * Each array handed out is a view of exactly `count` entries, filled.
 */
export class QuoteScratch {
  private readonly ints = [new Int32Array(1024), new Int32Array(1024), new Int32Array(1024)];
  private bytes = new Uint8Array(1024);

  /** Int32 array number `slot` (0–2), `count` long, filled with -1. */
  int32(slot: number, count: number): Int32Array {
    if (this.ints[slot].length < count) this.ints[slot] = new Int32Array(grown(count));
    return this.ints[slot].subarray(0, count).fill(-1);
  }

  /** The byte array, `count` long, filled with 0. */
  uint8(count: number): Uint8Array {
    if (this.bytes.length < count) this.bytes = new Uint8Array(grown(count));
    return this.bytes.subarray(0, count).fill(0);
  }

  /** Entries the largest array holds: a searcher lets go of a scratch grown for a huge document. */
  get capacity(): number {
    return Math.max(this.bytes.length, ...this.ints.map((a) => a.length));
  }
}

function grown(count: number): number {
  let n = 1024;
  while (n < count) n *= 2;
  return n;
}

export class QuoteContext {
  readonly tokens: Tokens;
  readonly lexicon: Lexicon;
  /** The names the gazetteer found (leftmost-longest), in order: the matcher's own records. */
  readonly mentions: readonly Mention[];
  /** Token → index of the mention covering it, or -1. */
  readonly mentionAt: Int32Array;
  /** Opening mark of a quoted name or term → its closing mark, or -1 (قناة «القاهرة الإخبارية»). */
  readonly termClose: Int32Array;

  /** Where findQuotes takes its own per-token arrays from. */
  readonly scratch: QuoteScratch;

  /** The dictionary entries the mentions' `entry` indexes. */
  private readonly entries: readonly { type: EntityType }[];

  constructor(tokens: Tokens, lexicon: Lexicon, mentions: readonly Mention[], entries: readonly { type: EntityType }[], scratch: QuoteScratch) {
    this.tokens = tokens;
    this.lexicon = lexicon;
    this.mentions = mentions;
    this.entries = entries;
    this.scratch = scratch;
    this.mentionAt = scratch.int32(0, tokens.count);
    for (let k = 0; k < mentions.length; k++) this.mentionAt.fill(k, mentions[k].first, mentions[k].last + 1);
    this.termClose = scratch.int32(1, tokens.count);
  }

  /** The type of mention m. */
  typeOf(m: number): EntityType {
    return this.entries[this.mentions[m].entry].type;
  }

  isWord(i: number): boolean {
    return i >= 0 && i < this.tokens.count && this.tokens.kind[i] === KIND_WORD;
  }

  /** A token that ends a sentence: . ! ? ؟ … ؛ (not a decimal point between digits). */
  endsSentence(i: number): boolean {
    const t = this.tokens;
    if (t.kind[i] !== KIND_SYMBOL || t.length(i) !== 1 || !SENTENCE_END.has(t.codeAt(i, 0))) return false;
    if (t.codeAt(i, 0) === FULL_STOP && i > 0 && i + 1 < t.count && t.gap[i] === 0 && t.gap[i + 1] === 0 && /^\d+$/.test(t.word(i - 1)) && /^\d/.test(t.word(i + 1))) return false;
    return true;
  }

  /** Does a new paragraph start at token i? */
  breaksBefore(i: number): boolean {
    return i > 0 && i < this.tokens.count && this.tokens.gap[i] === GAP_BREAK;
  }

  /** The folded text of token i. */
  text(i: number): string {
    return this.tokens.word(i);
  }
}
