// Splits text into folded tokens without losing the way back to the original.
//
// A token is a maximal run of letters and digits (marks and tatweel inside it
// are part of its span but not of its folded text; invisible controls are
// skipped), or a single symbol. Each token keeps its span in the input, in
// UTF-8 bytes and in code points, and what separates it from the previous
// token, so a multi-word name matches across any run of white space but never
// across punctuation or a blank line. Tokens are stored as parallel arrays:
// one small object per token would cost more than the matching itself on
// large inputs.
//
// The input is UTF-8 bytes, read as they are: decoding a whole file into a
// JavaScript string took as long as tokenising it. A string is encoded first.

import { charClass, classAndFold, foldMulti, fromCodes, IGNORE, MARK, NEWLINE, SPACE, SURROGATE, WORD, WORD_MULTI } from './chars.js';

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
 * The hash of a string's code units c_0 … c_{n-1}: Σ c_i · P^i (mod 2^32).
 * Read from the last unit to the first it is h = h · P + c, so putting a
 * letter in front of a word is one step (hashPrepend), and the tokenizer
 * computes it reading forward with a running power of P. The trie keys its
 * vocabulary by it.
 */
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

/**
 * A prefilter over hashString values: a bitmap with about 64 bits per hash
 * added (at least 2^10), one bit each. `mayHave` is never false for a hash
 * that was added and is rarely true for one that was not (about 1 in 64), so
 * a caller confirms a yes with the string. The 825 reporting verb forms and
 * the starts of roles and phrases are tested against nearly every token
 * near a quotation; this answers in one array read where a Set<number> of
 * the hashes took a hash-table probe. With 16 bits per hash the verbs'
 * bitmap (2 KB) let through 77 000 words of the benchmark's 100 MB that
 * were no verb (a third of what it let through), each then made into
 * strings and looked up; with 64 bits (8 KB), 15 000. The phrase starts':
 * 53 000 → 18 000 let through.
 */
export class HashFilter {
  private readonly bits: Int32Array;
  private readonly shift: number;

  constructor(hashes: Iterable<number>) {
    const all = [...hashes];
    const log = Math.max(10, Math.ceil(Math.log2(Math.max(1, all.length) * 64)));
    this.bits = new Int32Array(2 ** (log - 5));
    this.shift = 32 - log;
    for (const h of all) {
      const f = Math.imul(h, 0x9e3779b1) >>> this.shift;
      this.bits[f >>> 5] |= 1 << (f & 31);
    }
  }

  mayHave(h: number): boolean {
    const f = Math.imul(h, 0x9e3779b1) >>> this.shift;
    return (this.bits[f >>> 5] & (1 << (f & 31))) !== 0;
  }
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
  /** hashString of each token's folded text. */
  readonly hash: Int32Array;
  /** Byte offset of each token's start in the UTF-8 input. */
  readonly start: Int32Array;
  /** Byte offset of each token's end (exclusive) in the UTF-8 input. */
  readonly end: Int32Array;
  /** Code-point offset of each token's start in the input. */
  readonly cpStart: Int32Array;
  /** Code-point offset of each token's end (exclusive) in the input. */
  readonly cpEnd: Int32Array;
  /**
   * Where each line after the first starts (after LF, CR LF or CR), in bytes
   * and in code points: lineByte[0 … lines).
   */
  readonly lines: number;
  readonly lineByte: Int32Array;
  readonly lineCp: Int32Array;
  /** Code points in the whole input. */
  readonly codePoints: number;
  /** GAP_NONE, GAP_SPACE or GAP_BREAK: what separates the token from the previous one. */
  readonly gap: Uint8Array;
  /** KIND_WORD or KIND_SYMBOL. */
  readonly kind: Uint8Array;
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
  codePoints = 0;
  lines = 0;
  codes: Uint16Array;
  codeStart: Int32Array;
  hash: Int32Array;
  start: Int32Array;
  end: Int32Array;
  cpStart: Int32Array;
  cpEnd: Int32Array;
  lineByte = new Int32Array(64);
  lineCp = new Int32Array(64);
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
    this.cpStart = new Int32Array(capacity);
    this.cpEnd = new Int32Array(capacity);
    this.gap = new Uint8Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.made = new Int32Array(capacity);
  }

  /** Room for this many tokens without growing. */
  get capacity(): number {
    return this.start.length;
  }

  /** Empties the buffer for an input of `units` bytes. */
  reset(units: number): void {
    this.count = 0;
    this.codePoints = 0;
    this.lines = 0;
    this.all = null;
    if (++this.generation === 0x7fffffff) {
      this.generation = 1;
      this.made.fill(0);
    }
    // Roughly what Arabic news needs (a token per 10 bytes, a folded unit per
    // 2 bytes): grown by doubling if not.
    if (this.start.length < (units >> 3) + 16) this.growTokens((units >> 3) + 16);
    if (this.codes.length < (units >> 1) + 16) this.growCodes((units >> 1) + 16);
  }

  /** Room for at least `n` tokens, keeping the first `count`. */
  growTokens(n: number): void {
    let size = Math.max(16, this.start.length);
    while (size < n) size *= 2;
    this.codeStart = grown(this.codeStart, size + 1, this.count + 1);
    this.hash = grown(this.hash, size, this.count);
    this.start = grown(this.start, size, this.count);
    this.end = grown(this.end, size, this.count);
    this.cpStart = grown(this.cpStart, size, this.count);
    this.cpEnd = grown(this.cpEnd, size, this.count);
    this.gap = grown(this.gap, size, this.count);
    this.kind = grown(this.kind, size, this.count);
    this.made = grown(this.made, size, this.count);
  }

  /** Records a line starting at byte `b`, code point `cp`. */
  addLine(b: number, cp: number): void {
    if (this.lines === this.lineByte.length) {
      this.lineByte = grown(this.lineByte, this.lines * 2, this.lines);
      this.lineCp = grown(this.lineCp, this.lines * 2, this.lines);
    }
    this.lineByte[this.lines] = b;
    this.lineCp[this.lines] = cp;
    this.lines++;
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

/** Where strings are encoded for tokenize(): reused, as a dictionary's aliases are tokenised by the hundred thousand. */
let scratch = Buffer.allocUnsafe(1024);

/** `s` as UTF-8 in the scratch buffer, valid until the next call. */
function encodeScratch(s: string): Uint8Array {
  if (s.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(Math.max(s.length * 3, scratch.length * 2));
  return scratch.subarray(0, scratch.write(s, 0));
}

/**
 * Tokenises `input` (see the module comment), into `into` when given
 * (emptied first). Bytes must be valid UTF-8; a string is encoded first, its
 * lone surrogates becoming U+FFFD.
 */
export function tokenize(input: string | Uint8Array, into?: TokenBuffer): Tokens {
  const b = typeof input === 'string' ? encodeScratch(input) : input;
  const n = b.length;
  const out = into ?? new TokenBuffer(16);
  out.reset(n);
  // Locals, not fields: this loop runs once per character of the input.
  // They are read again from `out` whenever it grows.
  let { codes, codeStart, hash, start, end, cpStart, cpEnd, gap, kind } = out;
  let capacity = start.length;
  let count = 0;
  let cu = 0;
  let cp = 0;
  let newlines = 2; // the start of the text counts as a paragraph break
  let spaced = true;
  let i = 0;
  while (i < n) {
    // One character: its code point and its length in bytes.
    let c = b[i];
    let len = 1;
    if (c >= 0x80) {
      if (c < 0xe0) {
        c = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
        len = 2;
      } else if (c < 0xf0) {
        c = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
        len = 3;
      } else {
        c = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
        len = 4;
      }
    }
    const k = c > 0xffff ? SURROGATE : charClass(c);
    if (k === NEWLINE) {
      spaced = true;
      // CR LF is one line break (counted at the LF).
      const crlf = c === 0x0d && b[i + 1] === 0x0a;
      if (!crlf) newlines++;
      i += len;
      cp++;
      if ((c === 0x0a || c === 0x0d) && !crlf) out.addLine(i, cp);
      continue;
    }
    if (k === SPACE || k === IGNORE || k === MARK) {
      // A mark with no letter before it, or a control between words: nothing to compare.
      if (k === SPACE) spaced = true;
      i += len;
      cp++;
      continue;
    }
    if (count + 1 >= capacity) {
      out.count = count;
      out.growTokens(count + 2);
      ({ codeStart, hash, start, end, cpStart, cpEnd, gap, kind } = out);
      capacity = start.length;
    }
    codeStart[count] = cu;
    start[count] = i;
    cpStart[count] = cp;
    if (k === WORD || k === WORD_MULTI) {
      let h = 0;
      let power = 1;
      let e = i;
      let ecp = cp;
      while (i < n) {
        // The decoding above again, written out: calling one shared decoder
        // from both loops made tokenising 10–20 % slower (measured on 10 MB).
        let d = b[i];
        let dl = 1;
        if (d >= 0x80) {
          if (d < 0xe0) {
            d = ((d & 0x1f) << 6) | (b[i + 1] & 0x3f);
            dl = 2;
          } else if (d < 0xf0) {
            d = ((d & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
            dl = 3;
          } else break; // outside the BMP: a symbol of its own
        }
        const cf = classAndFold(d);
        const dk = cf >>> 16;
        if (dk === WORD) {
          if (cu === codes.length) {
            out.growCodes(cu + 1, cu);
            codes = out.codes;
          }
          const f = cf & 0xffff;
          codes[cu++] = f;
          h = (h + Math.imul(f, power)) | 0;
          power = Math.imul(power, P);
          i += dl;
          cp++;
          e = i;
          ecp = cp;
        } else if (dk === MARK) {
          i += dl;
          cp++;
          e = i;
          ecp = cp;
        } else if (dk === IGNORE) {
          i += dl;
          cp++;
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
          i += dl;
          cp++;
          e = i;
          ecp = cp;
        } else break;
      }
      // Controls after the last letter are outside the token.
      end[count] = e;
      cpEnd[count] = ecp;
      hash[count] = h;
      kind[count] = KIND_WORD;
      i = e;
      cp = ecp;
    } else {
      // A symbol; a character outside the BMP is one too, folded to its UTF-16 pair.
      if (cu + 2 > codes.length) {
        out.growCodes(cu + 2, cu);
        codes = out.codes;
      }
      if (c > 0xffff) {
        const hi = 0xd800 + ((c - 0x10000) >> 10);
        const lo = 0xdc00 + ((c - 0x10000) & 0x3ff);
        codes[cu++] = hi;
        codes[cu++] = lo;
        hash[count] = (hi + Math.imul(lo, P)) | 0;
      } else {
        codes[cu++] = c;
        hash[count] = c;
      }
      i += len;
      cp++;
      end[count] = i;
      cpEnd[count] = cp;
      kind[count] = KIND_SYMBOL;
    }
    gap[count] = gapOf(newlines, spaced);
    count++;
    newlines = 0;
    spaced = false;
  }
  codeStart[count] = cu;
  out.count = count;
  out.codePoints = cp;
  return out;
}

function gapOf(newlines: number, spaced: boolean): number {
  if (newlines >= 2) return GAP_BREAK;
  return spaced ? GAP_SPACE : GAP_NONE;
}

/**
 * Where, in the UTF-8 input, the `skip`-th folded character of the word token
 * running from byte `start` to `end` begins, past any marks and controls
 * that belong to the skipped letters, as [byte offset, code points from
 * `start`]. Used to cut proclitics off a span.
 */
export function offsetAfterFolded(b: Uint8Array, start: number, end: number, skip: number): [number, number] {
  let i = start;
  let cps = 0;
  let seen = 0;
  let k = 0;
  while (i < end) {
    const [c, len] = decodeAt(b, i);
    k = charClass(c);
    if (seen >= skip && (k === WORD || k === WORD_MULTI)) break;
    if (k === WORD) seen++;
    else if (k === WORD_MULTI) seen += foldMulti(c)!.length;
    i += len;
    cps++;
  }
  return [i, cps];
}

/** The code point at byte `i` of valid UTF-8, and its length in bytes. */
function decodeAt(b: Uint8Array, i: number): [number, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  if (c < 0xe0) return [((c & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
  if (c < 0xf0) return [((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
  return [((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
}
