// Reading inputs as UTF-8 bytes without decoding them: white space as
// JavaScript's \s and trim() know it, and the line and paragraph cuts of
// --split and of the chunked reader. Files are searched as the bytes they
// are (decoding them took as long as tokenising), so they are also cut as
// bytes: every cut falls after a line break or white space, never inside a
// character.

/**
 * The length in bytes of the white-space character at b[i] (what \s matches:
 * ASCII white space and line breaks, U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF), or 0.
 */
export function whitespaceAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c === 0xc2) return b[i + 1] === 0xa0 ? 2 : 0;
  if (c === 0xe1) return b[i + 1] === 0x9a && b[i + 2] === 0x80 ? 3 : 0;
  if (c === 0xe2) {
    const d = b[i + 1];
    const e = b[i + 2];
    if (d === 0x80) return e <= 0x8a || e === 0xa8 || e === 0xa9 || e === 0xaf ? 3 : 0;
    return d === 0x81 && e === 0x9f ? 3 : 0;
  }
  if (c === 0xe3) return b[i + 1] === 0x80 && b[i + 2] === 0x80 ? 3 : 0;
  if (c === 0xef) return b[i + 1] === 0xbb && b[i + 2] === 0xbf ? 3 : 0;
  return 0;
}

/** Is b[from, to) white space only (what trim() would empty)? */
export function isBlank(b: Uint8Array, from = 0, to = b.length): boolean {
  let i = from;
  while (i < to) {
    const w = whitespaceAt(b, i);
    if (w === 0) return false;
    i += w;
  }
  return true;
}

/** The length of the line break (LF, CR LF or CR) at b[i], or 0. */
export function lineBreakAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === 0x0a) return 1;
  if (c === 0x0d) return b[i + 1] === 0x0a ? 2 : 1;
  return 0;
}

/**
 * If a paragraph break starts with the line break at b[i] — one or more
 * blank lines after it (white space only) — where it ends: after the line
 * break of the last blank line, so the next paragraph keeps its indent.
 * Else -1.
 */
export function paragraphBreakEnd(b: Uint8Array, i: number): number {
  let j = i + lineBreakAt(b, i);
  let end = -1;
  for (;;) {
    let k = j;
    while (k < b.length && lineBreakAt(b, k) === 0) {
      const w = whitespaceAt(b, k);
      if (w === 0) return end;
      k += w;
    }
    if (k >= b.length) return end;
    j = k + lineBreakAt(b, k);
    end = j;
  }
}

/**
 * The lines (at LF, CR LF or CR) or the paragraphs (at one or more blank
 * lines) of `b`, as views of it, blank ones included.
 */
export function segments(b: Uint8Array, unit: 'line' | 'paragraph'): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c !== 0x0a && c !== 0x0d) {
      i++;
      continue;
    }
    const end = unit === 'line' ? i + lineBreakAt(b, i) : paragraphBreakEnd(b, i);
    if (end < 0) {
      i += lineBreakAt(b, i);
      continue;
    }
    parts.push(b.subarray(from, i));
    from = i = end;
  }
  parts.push(b.subarray(from));
  return parts;
}

/**
 * Where input read in pieces may be cut so that the lines or paragraphs of
 * the parts are those of the whole (blank ones aside): after the last line
 * feed for lines (and JSON Lines records); for paragraphs, at the end of the
 * last paragraph break that is known to be complete, a blank line preceded
 * by a line break and followed by a line with text (a break cut short could
 * go on with more blank lines, and a blank first line is no break). Only
 * ever after a line feed, so never between CR and LF. 0 for nowhere yet.
 * `from`: b[0, from) was looked at before and had no cut, so only line feeds
 * after it, and the last one before it (whose line may have gone on past
 * it), are looked at again: a long paragraph is scanned once, not once per
 * piece read.
 */
export function segmentCut(b: Uint8Array, unit: 'line' | 'paragraph', from = 0): number {
  let lf = b.lastIndexOf(0x0a);
  if (unit === 'line') return lf + 1;
  while (lf > 0) {
    const before = b.lastIndexOf(0x0a, lf - 1);
    if (before < 0) return 0;
    if (isBlank(b, before + 1, lf) && hasText(b, lf + 1)) return lf + 1;
    if (lf < from) return 0;
    lf = before;
  }
  return 0;
}

/**
 * Has the line starting at b[i] anything but white space before its line
 * break, within b? A character b ends in the middle of is not known yet.
 */
function hasText(b: Uint8Array, i: number): boolean {
  let k = i;
  while (k < b.length && lineBreakAt(b, k) === 0) {
    const w = whitespaceAt(b, k);
    if (w === 0) {
      const c = b[k];
      return k + (c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4) <= b.length;
    }
    k += w;
  }
  return false;
}
