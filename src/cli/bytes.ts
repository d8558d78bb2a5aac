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
