// What the quotation steps share about one document: its tokens, the names
// the gazetteer found in it, the lexicon, and sentence boundaries.

import { GAP_BREAK, KIND_SYMBOL, KIND_WORD, type Tokens } from '../../normalize/index.js';
import type { Lexicon } from '../../gazetteer/lexicon.js';
import type { EntityType } from '../../gazetteer/types.js';

export interface Mention {
  first: number;
  last: number;
  prefix: number;
  entry: number;
  type: EntityType;
}

/** How far back or ahead of a quotation its reporting clause may be, in tokens. */
export const CLAUSE_WINDOW = 40;

const SENTENCE_END = new Set(['.', '!', '?', '؟', '…', '؛', ';']);

export class QuoteContext {
  readonly tokens: Tokens;
  readonly lexicon: Lexicon;
  readonly mentions: readonly Mention[];
  /** Token → index of the mention covering it, or -1. */
  readonly mentionAt: Int32Array;
  /** Opening mark of a quoted name or term → its closing mark, or -1 (قناة «القاهرة الإخبارية»). */
  readonly termClose: Int32Array;

  constructor(tokens: Tokens, lexicon: Lexicon, mentions: readonly Mention[]) {
    this.tokens = tokens;
    this.lexicon = lexicon;
    this.mentions = mentions;
    this.mentionAt = new Int32Array(tokens.count).fill(-1);
    mentions.forEach((m, k) => this.mentionAt.fill(k, m.first, m.last + 1));
    this.termClose = new Int32Array(tokens.count).fill(-1);
  }

  isWord(i: number): boolean {
    return i >= 0 && i < this.tokens.count && this.tokens.kind[i] === KIND_WORD;
  }

  /** A token that ends a sentence: . ! ? ؟ … ؛ (not a decimal point between digits). */
  endsSentence(i: number): boolean {
    const t = this.tokens;
    if (t.kind[i] !== KIND_SYMBOL || !SENTENCE_END.has(t.text[i])) return false;
    if (t.text[i] === '.' && i > 0 && i + 1 < t.count && t.gap[i] === 0 && t.gap[i + 1] === 0 && /^\d+$/.test(t.text[i - 1]) && /^\d/.test(t.text[i + 1])) return false;
    return true;
  }

  /** Does a new paragraph start at token i? */
  breaksBefore(i: number): boolean {
    return i > 0 && i < this.tokens.count && this.tokens.gap[i] === GAP_BREAK;
  }

  /** The folded text of token i. */
  text(i: number): string {
    return this.tokens.text[i];
  }
}
