// UTF-16 offsets (what JavaScript strings index) to Unicode code-point offsets
// (what kashf's output contract promises). Text without surrogate pairs, which
// is nearly all Arabic news, maps one to one and costs nothing.

export class CodePointIndex {
  private readonly astral: Int32Array | null;

  constructor(text: string) {
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
}
