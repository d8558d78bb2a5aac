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

export interface Tokens {
  readonly count: number;
  /** Folded text of each token (for symbols: the symbol itself). */
  readonly text: string[];
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
}

class Growable {
  text: string[] = [];
  start: Int32Array;
  end: Int32Array;
  gap: Uint8Array;
  kind: Uint8Array;
  count = 0;
  astral = false;
  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.gap = new Uint8Array(capacity);
    this.kind = new Uint8Array(capacity);
  }
  push(text: string, start: number, end: number, gap: number, kind: number): void {
    if (this.count === this.start.length) this.grow();
    const i = this.count++;
    this.text.push(text);
    this.start[i] = start;
    this.end[i] = end;
    this.gap[i] = gap;
    this.kind[i] = kind;
  }
  private grow(): void {
    const n = this.start.length * 2;
    const s = new Int32Array(n);
    s.set(this.start);
    this.start = s;
    const e = new Int32Array(n);
    e.set(this.end);
    this.end = e;
    const g = new Uint8Array(n);
    g.set(this.gap);
    this.gap = g;
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
  }
}

/** Tokenises `text` (see the module comment). */
export function tokenize(text: string): Tokens {
  const out = new Growable(Math.max(16, (text.length >> 2) + 1));
  const n = text.length;
  let newlines = 2; // the start of the text counts as a paragraph break
  let spaced = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = charClass(c);
    if (k === WORD || k === WORD_MULTI) {
      const start = i;
      let end = i;
      // `codes` stays null while the folded text equals the input, which is
      // the common case for undiacritised Arabic: the token is then a slice.
      let codes: number[] | null = null;
      while (i < n) {
        const d = text.charCodeAt(i);
        const dk = charClass(d);
        if (dk === WORD) {
          const f = foldChar(d);
          if (codes !== null) codes.push(f);
          else if (f !== d) codes = foldedPrefix(text, start, i, f);
          i++;
          end = i;
        } else if (dk === WORD_MULTI) {
          const m = foldMulti(d)!;
          if (codes === null) codes = foldedPrefix(text, start, i, -1);
          for (let j = 0; j < m.length; j++) codes.push(m.charCodeAt(j));
          i++;
          end = i;
        } else if (dk === MARK) {
          if (codes === null) codes = foldedPrefix(text, start, i, -1);
          i++;
          end = i;
        } else if (dk === IGNORE) {
          if (codes === null) codes = foldedPrefix(text, start, i, -1);
          i++;
        } else break;
      }
      const folded = codes === null ? text.slice(start, end) : fromCodes(codes);
      out.push(folded, start, end, gapOf(newlines, spaced), KIND_WORD);
      newlines = 0;
      spaced = false;
    } else if (k === SPACE) {
      spaced = true;
      i++;
    } else if (k === NEWLINE) {
      spaced = true;
      // CR LF is one line break.
      if (!(c === 0x0d && text.charCodeAt(i + 1) === 0x0a)) newlines++;
      i++;
    } else if (k === IGNORE || k === MARK) {
      // A mark with no letter before it, or a control between words: nothing to compare.
      i++;
    } else if (k === SURROGATE) {
      out.astral = true;
      const end = i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
      out.push(text.slice(i, end), i, end, gapOf(newlines, spaced), KIND_SYMBOL);
      newlines = 0;
      spaced = false;
      i = end;
    } else {
      // SYMBOL (and a stray low surrogate).
      out.push(text[i], i, i + 1, gapOf(newlines, spaced), KIND_SYMBOL);
      newlines = 0;
      spaced = false;
      i++;
    }
  }
  return out;
}

function gapOf(newlines: number, spaced: boolean): number {
  if (newlines >= 2) return GAP_BREAK;
  return spaced ? GAP_SPACE : GAP_NONE;
}

/**
 * The folded code units of text[start, i) — all of them plain WORD letters
 * that fold to themselves, so far — plus `next` when it is not -1.
 */
function foldedPrefix(text: string, start: number, i: number, next: number): number[] {
  const codes: number[] = [];
  for (let j = start; j < i; j++) codes.push(text.charCodeAt(j));
  if (next !== -1) codes.push(next);
  return codes;
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
