// Character classes and folds for Arabic news text.
//
// One table lookup per UTF-16 code unit decides what a character is to the
// matcher: part of a word (and which letter it folds to), a mark that belongs to
// the word but is not compared, an invisible control that is skipped, white
// space, a line break, or a symbol that stands as a token of its own.
// Arabic, ASCII and white space are filled eagerly; everything else is
// classified on first sight and cached, so start-up stays cheap.

export const UNKNOWN = 0;
/** A letter or digit: compared after folding. */
export const WORD = 1;
/** A combining mark or tatweel: inside the word's span, never compared. */
export const MARK = 2;
/** Bidi and zero-width controls, BOM, soft hyphen: skipped entirely. */
export const IGNORE = 3;
/** White space that is not a line break. */
export const SPACE = 4;
/** A line break (LF, CR, LS, PS, NEL). */
export const NEWLINE = 5;
/** Punctuation, quotation marks and other symbols: a token of one character. */
export const SYMBOL = 6;
/** A UTF-16 high surrogate: the pair is classified as a whole. */
export const SURROGATE = 7;
/** A letter that folds to several letters (presentation-form ligatures such as ﻻ); see foldMulti. */
export const WORD_MULTI = 8;

const cls = new Uint8Array(65536);
const single = new Uint16Array(65536);
/**
 * Class and fold in one number, (class << 16) | folded unit, 0 while not yet
 * classified (see classAndFold): the tokenizer reads one table per letter.
 */
const both = new Uint32Array(65536);
/** Folds that expand to more than one character (presentation-form ligatures). */
const multi = new Map<number, string>();

function set(c: number, k: number, to = c): void {
  cls[c] = k;
  single[c] = to;
  both[c] = (k << 16) | to;
}

function range(from: number, to: number, k: number): void {
  for (let c = from; c <= to; c++) set(c, k);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
const MARK_RE = /^\p{M}$/u;
const SPACE_RE = /^\s$/u;
const CONTROL_RE = /^[\p{Cf}\p{Cc}]$/u;

// ASCII.
for (let c = 0; c < 128; c++) set(c, SYMBOL);
range(0x30, 0x39, WORD);
for (let c = 0x41; c <= 0x5a; c++) set(c, WORD, c + 32);
range(0x61, 0x7a, WORD);
for (const c of [0x09, 0x0b, 0x0c, 0x20]) set(c, SPACE);
for (const c of [0x0a, 0x0d]) set(c, NEWLINE);
for (let c = 0; c < 0x20; c++) if (cls[c] === SYMBOL) set(c, IGNORE);
set(0x7f, IGNORE);

// Unicode white space and line breaks.
for (const c of [0xa0, 0x1680, 0x202f, 0x205f, 0x3000]) set(c, SPACE);
range(0x2000, 0x200a, SPACE);
for (const c of [0x85, 0x2028, 0x2029]) set(c, NEWLINE);

// Invisible controls: zero-width, bidi marks, embeddings, isolates, BOM, soft hyphen.
range(0x200b, 0x200f, IGNORE);
range(0x202a, 0x202e, IGNORE);
range(0x2060, 0x2064, IGNORE);
range(0x2066, 0x2069, IGNORE);
for (const c of [0x061c, 0xfeff, 0x00ad, 0x034f]) set(c, IGNORE);

// The Arabic block: letters by default, then marks and folds.
range(0x0600, 0x06ff, WORD);
for (const c of [0x060c, 0x061b, 0x061f, 0x060d, 0x066a, 0x066b, 0x066c, 0x066d, 0x06d4, 0x0609, 0x060a, 0x060e, 0x060f, 0x061e, 0x06de, 0x06e9, 0x06fd, 0x06fe])
  set(c, SYMBOL);
range(0x0600, 0x0605, IGNORE); // number signs and other format characters
set(0x061c, IGNORE); // Arabic letter mark
set(0x06dd, IGNORE); // end of ayah
range(0x0610, 0x061a, MARK); // Quranic honorifics and small letters
range(0x064b, 0x065f, MARK); // harakat, tanwin, shadda, sukun, maddah and hamza above/below
set(0x0670, MARK); // superscript alef
range(0x06d6, 0x06dc, MARK);
range(0x06df, 0x06e8, MARK);
range(0x06ea, 0x06ed, MARK);
set(0x0640, MARK); // tatweel
set(0x08d3, MARK);
range(0x08d4, 0x08ff, MARK);
set(0x0623, WORD, 0x0627); // أ
set(0x0625, WORD, 0x0627); // إ
set(0x0622, WORD, 0x0627); // آ
set(0x0671, WORD, 0x0627); // ٱ
set(0x0672, WORD, 0x0627);
set(0x0673, WORD, 0x0627);
set(0x0675, WORD, 0x0627);
set(0x0649, WORD, 0x064a); // ى → ي
set(0x06cc, WORD, 0x064a); // Persian ی → ي
set(0x06d2, WORD, 0x064a); // Urdu ے
set(0x0626, WORD, 0x064a); // ئ → ي
set(0x0624, WORD, 0x0648); // ؤ → و
set(0x0676, WORD, 0x0648);
set(0x0629, WORD, 0x0647); // ة → ه
set(0x06c0, WORD, 0x0647); // ۀ
set(0x06c1, WORD, 0x0647); // Urdu ہ
set(0x06be, WORD, 0x0647); // ھ
set(0x06d5, WORD, 0x0647); // ە
set(0x06a9, WORD, 0x0643); // Persian ک → ك
set(0x06aa, WORD, 0x0643);
for (let d = 0; d < 10; d++) {
  set(0x0660 + d, WORD, 0x30 + d); // Arabic-Indic digits
  set(0x06f0 + d, WORD, 0x30 + d); // Extended Arabic-Indic digits
}

function classify(c: number): void {
  const ch = String.fromCharCode(c);
  if (c >= 0xd800 && c <= 0xdbff) {
    set(c, SURROGATE);
    return;
  }
  if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) {
    // Presentation forms fold to their base letters (ﻻ → لا, ﻷ → لأ → لا).
    const base = ch.normalize('NFKC');
    if (base !== ch) {
      const folded = foldString(base);
      if (folded.length === 0) set(c, MARK);
      else if (folded.length === 1) set(c, WORD, folded.charCodeAt(0));
      else {
        set(c, WORD_MULTI);
        multi.set(c, folded);
      }
      return;
    }
  }
  if (LETTER_OR_DIGIT.test(ch)) {
    const lower = ch.toLowerCase();
    set(c, WORD, lower.length === 1 ? lower.charCodeAt(0) : c);
  } else if (MARK_RE.test(ch)) set(c, MARK);
  else if (SPACE_RE.test(ch)) set(c, SPACE);
  else if (CONTROL_RE.test(ch)) set(c, IGNORE);
  else set(c, SYMBOL);
}

/** The class of a UTF-16 code unit (see the constants above). */
export function charClass(c: number): number {
  const k = cls[c];
  if (k !== UNKNOWN) return k;
  classify(c);
  return cls[c];
}

/** (class << 16) | folded unit of a BMP character: its class and its fold in one read. */
export function classAndFold(c: number): number {
  const x = both[c];
  if (x !== 0) return x;
  classify(c);
  return both[c];
}

/** Ligatures that fold to several letters, or undefined. */
export function foldMulti(c: number): string | undefined {
  return multi.get(c);
}

/**
 * Folds a string the way the matcher sees it: marks and controls removed,
 * letters folded, white space runs collapsed to one space, ends trimmed.
 * Symbols are kept. Used for dictionary keys, lexicon entries and display of
 * what kashf compares.
 */
export function foldString(s: string): string {
  // Code units first, one string at the end: appending one character at a time costs far more.
  const out: number[] = [];
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = charClass(c);
    if (k === WORD || k === WORD_MULTI || k === SYMBOL || k === SURROGATE) {
      if (pendingSpace && out.length > 0) out.push(0x20);
      pendingSpace = false;
      if (k === WORD) out.push(single[c]);
      else if (k === WORD_MULTI) {
        const m = multi.get(c)!;
        for (let j = 0; j < m.length; j++) out.push(m.charCodeAt(j));
      } else if (k === SYMBOL) out.push(c);
      else {
        out.push(c);
        if (i + 1 < s.length) out.push(s.charCodeAt(++i));
      }
    } else if (k === SPACE || k === NEWLINE) {
      pendingSpace = true;
    }
    // MARK and IGNORE vanish.
  }
  return fromCodes(out);
}

/** Code units codes[from, to) as a string, in pieces: one argument list for a long word would overflow the stack. */
export function fromCodes(codes: number[] | Uint16Array, from = 0, to = codes.length): string {
  // A word (nearly every call): one character at a time, which V8 copies into
  // a flat string below 13 characters; twice as fast as a view and apply().
  if (to - from < 13) {
    let s = '';
    for (let k = from; k < to; k++) s += String.fromCharCode(codes[k]);
    return s;
  }
  // A view, not a copy, of typed arrays: this makes the words the quotation finder reads.
  const part = (a: number, b: number): number[] => (a === 0 && b === codes.length ? codes : Array.isArray(codes) ? codes.slice(a, b) : codes.subarray(a, b)) as number[];
  if (to - from <= 8192) return String.fromCharCode.apply(null, part(from, to));
  let r = '';
  for (let at = from; at < to; at += 8192) r += String.fromCharCode.apply(null, part(at, Math.min(to, at + 8192)));
  return r;
}
