// Splits text into folded tokens without losing the way back to the original.
//
// A token is a maximal run of letters and digits (marks and tatweel inside it
// are part of its span but not of its folded text; invisible controls are
// skipped), or a single symbol. Each token keeps its UTF-16 span in the input
// and what separates it from the previous token, so a multi-word name matches
// across any run of white space but never across punctuation or a blank line.
// Tokens are stored as parallel arrays: one small object per token would cost
// more than the matching itself on large inputs.

import { charClass, foldChar, foldMulti, fromCodes, IGNORE, MARK, NEWLINE, SPACE, SURROGATE, WORD, WORD_MULTI } from './chars.js';

/** Nothing between this token and the previous one. */
export const GAP_NONE = 0;
/** White space (at most one line break) before this token. */
export const GAP_SPACE = 1;
/** A paragraph break (two or more line breaks) before this token, or the start of the text. */
export const GAP_BREAK = 2;

export const KIND_WORD = 1;
export const KIND_SYMBOL = 2;

/** The hash multiplier (FNV's 32-bit prime). */
const P = 0x01000193;
/** P's inverse modulo 2^32 (P is odd), by Newton's iteration: hashes of a word's suffixes come from the whole word's. */
const P_INVERSE = ((): number => {
  let x = P;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(P, x));
  return x;
})();

/**
 * The hash of code units c_0 … c_{n-1}: Σ c_i · P^i (mod 2^32). Read from the
 * last unit to the first it is h = h · P + c, so putting a letter in front of
 * a word is one step (hashPrepend), and the tokenizer computes it reading
 * forward with a running power of P. The trie keys its vocabulary by it.
 */
export function hashCodes(codes: ArrayLike<number>, from = 0, to = codes.length): number {
  let h = 0;
  for (let i = to - 1; i >= from; i--) h = (Math.imul(h, P) + codes[i]) | 0;
  return h;
}

/** The hash of a string's code units (see hashCodes). */
export function hashString(s: string): number {
  let h = 0;
  for (let i = s.length - 1; i >= 0; i--) h = (Math.imul(h, P) + s.charCodeAt(i)) | 0;
  return h;
}

/** The hash of `c` followed by the units hashing to `h`. */
export function hashPrepend(h: number, c: number): number {
  return (Math.imul(h, P) + c) | 0;
}

/** The hash of the units after the first `skip` of a token hashing to `h`, whose first units are `codes[at…]`. */
export function hashDropFront(h: number, codes: Uint16Array, at: number, skip: number): number {
  for (let i = 0; i < skip; i++) h = Math.imul((h - codes[at + i]) | 0, P_INVERSE);
  return h;
}

export interface Tokens {
  readonly count: number;
  /**
   * The folded code units of every token, one after another: token i is
   * codes[codeStart[i], codeStart[i + 1]). Matching reads these and never
   * makes a string.
   */
  readonly codes: Uint16Array;
  readonly codeStart: Int32Array;
  /** hashCodes of each token's folded units. */
  readonly hash: Int32Array;
  /** UTF-16 start of each token in the original text. */
  readonly start: Int32Array;
  /** UTF-16 end (exclusive) of each token in the original text. */
  readonly end: Int32Array;
  /** GAP_NONE, GAP_SPACE or GAP_BREAK: what separates the token from the previous one. */
  readonly gap: Uint8Array;
  /** KIND_WORD or KIND_SYMBOL. */
  readonly kind: Uint8Array;
  /** The text has a character outside the Basic Multilingual Plane (UTF-16 offsets differ from code points). */
  readonly astral: boolean;
  /** The folded text of token i (for symbols: the symbol itself), made on first request. */
  word(i: number): string;
  /** Folded length of token i, in code units. */
  length(i: number): number;
  /** Folded code unit k of token i. */
  codeAt(i: number, k: number): number;
  /** The folded text of every token (made when first read). */
  readonly text: readonly string[];
}

/**
 * Where tokenize() writes. A searcher that handles document after document
 * passes the same one each time: typed arrays are costly to allocate and to
 * collect, and a news archive is tens of thousands of short documents.
 */
export class TokenBuffer implements Tokens {
  count = 0;
  astral = false;
  codes: Uint16Array;
  codeStart: Int32Array;
  hash: Int32Array;
  start: Int32Array;
  end: Int32Array;
  gap: Uint8Array;
  kind: Uint8Array;
  /** Strings made by word(i), valid while made[i] equals the current generation. */
  private words: string[] = [];
  private made: Int32Array;
  private generation = 1;
  private all: string[] | null = null;

  constructor(capacity = 1024) {
    this.codes = new Uint16Array(capacity * 4);
    this.codeStart = new Int32Array(capacity + 1);
    this.hash = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.gap = new Uint8Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.made = new Int32Array(capacity);
  }

  /** Room for this many tokens without growing. */
  get capacity(): number {
    return this.start.length;
  }

  /** Empties the buffer for a text of `units` UTF-16 code units. */
  reset(units: number): void {
    this.count = 0;
    this.astral = false;
    this.all = null;
    if (++this.generation === 0x7fffffff) {
      this.generation = 1;
      this.made.fill(0);
    }
    // Roughly what news text needs (a token per 5–6 units): grown by doubling if not.
    if (this.start.length < (units >> 2) + 16) this.growTokens((units >> 2) + 16);
    if (this.codes.length < units + 16) this.growCodes(units + 16);
  }

  /** Room for at least `n` tokens, keeping the first `count`. */
  growTokens(n: number): void {
    let size = Math.max(16, this.start.length);
    while (size < n) size *= 2;
    this.codeStart = grown(this.codeStart, size + 1, this.count + 1);
    this.hash = grown(this.hash, size, this.count);
    this.start = grown(this.start, size, this.count);
    this.end = grown(this.end, size, this.count);
    this.gap = grown(this.gap, size, this.count);
    this.kind = grown(this.kind, size, this.count);
    this.made = grown(this.made, size, this.count);
  }

  /** Room for at least `n` folded code units, keeping the first `used`. */
  growCodes(n: number, used = 0): void {
    let size = Math.max(16, this.codes.length);
    while (size < n) size *= 2;
    this.codes = grown(this.codes, size, used);
  }

  word(i: number): string {
    if (this.made[i] === this.generation) return this.words[i];
    const w = fromCodes(this.codes, this.codeStart[i], this.codeStart[i + 1]);
    if (i < this.words.length) this.words[i] = w;
    else {
      while (this.words.length < i) this.words.push('');
      this.words.push(w);
    }
    this.made[i] = this.generation;
    return w;
  }

  length(i: number): number {
    return this.codeStart[i + 1] - this.codeStart[i];
  }

  codeAt(i: number, k: number): number {
    return this.codes[this.codeStart[i] + k];
  }

  get text(): readonly string[] {
    if (this.all === null) {
      const all: string[] = [];
      for (let i = 0; i < this.count; i++) all.push(this.word(i));
      this.all = all;
    }
    return this.all;
  }

}

function grown<T extends Int32Array | Uint16Array | Uint8Array>(a: T, size: number, keep: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, keep));
  return b;
}

/** Tokenises `text` (see the module comment), into `into` when given (emptied first). */
export function tokenize(text: string, into?: TokenBuffer): Tokens {
  const n = text.length;
  const out = into ?? new TokenBuffer(16);
  out.reset(n);
  // Locals, not fields: this loop runs once per character of the input.
  // They are read again from `out` whenever it grows.
  let { codes, codeStart, hash, start, end, gap, kind } = out;
  let capacity = start.length;
  let count = 0;
  let cu = 0;
  let newlines = 2; // the start of the text counts as a paragraph break
  let spaced = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = charClass(c);
    if (k === NEWLINE) {
      spaced = true;
      // CR LF is one line break.
      if (!(c === 0x0d && text.charCodeAt(i + 1) === 0x0a)) newlines++;
      i++;
      continue;
    }
    if (k === SPACE || k === IGNORE || k === MARK) {
      // A mark with no letter before it, or a control between words: nothing to compare.
      if (k === SPACE) spaced = true;
      i++;
      continue;
    }
    if (count + 1 >= capacity) {
      out.count = count;
      out.growTokens(count + 2);
      ({ codeStart, hash, start, end, gap, kind } = out);
      capacity = start.length;
    }
    codeStart[count] = cu;
    const s = i;
    let e: number;
    if (k === WORD || k === WORD_MULTI) {
      let h = 0;
      let power = 1;
      e = i;
      while (i < n) {
        const d = text.charCodeAt(i);
        const dk = charClass(d);
        if (dk === WORD) {
          if (cu === codes.length) {
            out.growCodes(cu + 1, cu);
            codes = out.codes;
          }
          const f = foldChar(d);
          codes[cu++] = f;
          h = (h + Math.imul(f, power)) | 0;
          power = Math.imul(power, P);
          i++;
          e = i;
        } else if (dk === MARK) {
          i++;
          e = i;
        } else if (dk === IGNORE) {
          i++;
        } else if (dk === WORD_MULTI) {
          const m = foldMulti(d)!;
          if (cu + m.length > codes.length) {
            out.growCodes(cu + m.length, cu);
            codes = out.codes;
          }
          for (let j = 0; j < m.length; j++) {
            const f = m.charCodeAt(j);
            codes[cu++] = f;
            h = (h + Math.imul(f, power)) | 0;
            power = Math.imul(power, P);
          }
          i++;
          e = i;
        } else break;
      }
      hash[count] = h;
      kind[count] = KIND_WORD;
    } else {
      // SYMBOL, a surrogate pair (SURROGATE: the pair is one token), a stray low surrogate.
      e = i + 1;
      if (k === SURROGATE) {
        out.astral = true;
        if (e < n && (text.charCodeAt(e) & 0xfc00) === 0xdc00) e++;
      }
      if (cu + 2 > codes.length) {
        out.growCodes(cu + 2, cu);
        codes = out.codes;
      }
      codes[cu++] = c;
      if (e - i === 2) {
        codes[cu++] = text.charCodeAt(i + 1);
        hash[count] = (c + Math.imul(text.charCodeAt(i + 1), P)) | 0;
      } else hash[count] = c;
      kind[count] = KIND_SYMBOL;
      i = e;
    }
    start[count] = s;
    end[count] = e;
    gap[count] = gapOf(newlines, spaced);
    count++;
    newlines = 0;
    spaced = false;
  }
  codeStart[count] = cu;
  out.count = count;
  return out;
}

function gapOf(newlines: number, spaced: boolean): number {
  if (newlines >= 2) return GAP_BREAK;
  return spaced ? GAP_SPACE : GAP_NONE;
}

/**
 * The UTF-16 offset in the original text where the `skip`-th folded character
 * of the word token starting at `start` begins, moving past any marks and
 * controls that belong to the skipped letters. Used to cut proclitics off a span.
 */
export function offsetAfterFolded(text: string, start: number, end: number, skip: number): number {
  let i = start;
  let seen = 0;
  while (i < end && seen < skip) {
    const c = text.charCodeAt(i);
    const k = charClass(c);
    if (k === WORD) seen++;
    else if (k === WORD_MULTI) seen += foldMulti(c)!.length;
    i++;
  }
  while (i < end && charClass(text.charCodeAt(i)) !== WORD && charClass(text.charCodeAt(i)) !== WORD_MULTI) i++;
  return i;
}
