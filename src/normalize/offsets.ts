// UTF-16 offsets (what JavaScript strings index) to Unicode code-point offsets
// (what kashf's output contract promises). Text without surrogate pairs, which
// is nearly all Arabic news, maps one to one and costs nothing.

export class CodePointIndex {
  private readonly astral: Int32Array | null;

  constructor(text: string, astral = /[\uD800-\uDBFF]/.test(text)) {
    if (!astral) {
      this.astral = null;
      return;
    }
    // Positions (UTF-16) of every low surrogate that completes a pair; each one
    // makes every later code-point offset one smaller than its UTF-16 offset.
    let positions: number[] | null = null;
    for (let i = 0; i + 1 < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          (positions ??= []).push(i + 1);
          i++;
        }
      }
    }
    this.astral = positions === null ? null : Int32Array.from(positions);
  }

  /** The code-point offset of UTF-16 offset `u` (which must not split a pair). */
  toCodePoint(u: number): number {
    const a = this.astral;
    if (a === null) return u;
    // Number of pair tails strictly before u.
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return u - lo;
  }

  /** The UTF-16 offset of code-point offset `c`. */
  toUtf16(c: number): number {
    const a = this.astral;
    if (a === null) return c;
    // Each pair tail at UTF-16 position p shifts offsets after it by one; find how many lie before.
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] - mid - 1 < c) lo = mid + 1;
      else hi = mid;
    }
    return c + lo;
  }
}

/**
 * 1-based line and column (in code points) of UTF-16 offsets; lines end at
 * LF, CR LF or CR. Columns are counted from a cursor that moves forward with
 * the queries, so a long single-line input costs linear time, not quadratic.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly text: string;
  private readonly astral: boolean;
  private line = 0;
  private cursor = 0;
  private cursorColumn = 1;

  /** `astral`: does the text hold surrogate pairs (computed if not given)? */
  constructor(text: string, astral = /[\uD800-\uDBFF]/.test(text)) {
    this.text = text;
    this.astral = astral;
    // indexOf runs in native code: far faster than a charCodeAt loop on long text.
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a) this.starts.push(i + 1);
        else if (c === 0x0d) {
          if (text.charCodeAt(i + 1) === 0x0a) i++;
          this.starts.push(i + 1);
        }
      }
    }
  }

  /** 1-based line and column of UTF-16 offset `u`. */
  position(u: number): [number, number] {
    const line = this.lineAt(u);
    return [line + 1, this.columnAt(u, line)];
  }

  /** 0-based line of UTF-16 offset `u`. */
  lineAt(u: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    if (s[this.line] <= u && (this.line + 1 >= s.length || s[this.line + 1] > u)) lo = hi = this.line;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based column, in code points, of UTF-16 offset `u` on 0-based line `line` (from lineAt). */
  columnAt(u: number, line: number): number {
    const s = this.starts;
    if (!this.astral) return u - s[line] + 1;
    if (line !== this.line || u < this.cursor) {
      this.line = line;
      this.cursor = s[line];
      this.cursorColumn = 1;
    }
    for (let i = this.cursor; i < u; i++) {
      const c = this.text.charCodeAt(i);
      // A low surrogate that completes a pair adds no column.
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && (this.text.charCodeAt(i - 1) & 0xfc00) === 0xd800)) this.cursorColumn++;
    }
    this.cursor = u;
    return this.cursorColumn;
  }
}
