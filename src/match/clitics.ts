// Proclitics Arabic glues to the first word of a name: the conjunctions و/ف,
// then one of the prepositions ب/ك/ل, then the name itself — which keeps its
// own article ال, written لل after ل (ل + الصين = للصين). The article is not
// stripped from names that do not have one: that would read المالي
// ("financial") as ال + مالي (Mali).
//
// Suffixes are never stripped: الصينية is an adjective, not الصين.
//
// A reading is a number, not a string: the stem starts at folded character
// `from` of the word, after `ADDED[added]` is put back in front (the ا of the
// article that لل swallowed). The matcher hashes readings straight from the
// word, so cutting a proclitic never makes a string.

const WAW = 0x0648;
const FA = 0x0641;
const BA = 0x0628;
const KAF = 0x0643;
const LAM = 0x0644;

/** The shortest stem the matcher will look up after cutting proclitics. */
const MIN_STEM = 2;

/** What a reading puts back in front of the rest of the word. */
export const ADDED = ['', 'ا', 'ال'] as const;

/** A reading: the stem is ADDED[added] + w.slice(from); `from` folded characters are outside the span. */
export const reading = (from: number, added: number): number => from * 4 + added;
export const readingFrom = (r: number): number => r >> 2;
export const readingAdded = (r: number): number => r & 3;

/** Most readings one word can have. */
export const MAX_READINGS = 8;

/**
 * Fills `out` with the readings of the folded word codes[at, at + len), the
 * one with no proclitic first; returns how many.
 */
export function readings(codes: ArrayLike<number>, at: number, len: number, out: Int32Array | number[]): number {
  let n = 0;
  out[n++] = reading(0, 0);
  const c0 = codes[at];
  let p = 0;
  if ((c0 === WAW || c0 === FA) && len - 1 >= MIN_STEM) {
    out[n++] = reading(1, 0);
    p = 1;
  }
  // With and without the conjunction: a preposition may follow either.
  for (let q = 0; q <= p; q++) {
    const c = codes[at + q];
    if (c !== BA && c !== KAF && c !== LAM) continue;
    if (len - q - 1 < MIN_STEM) continue;
    out[n++] = reading(q + 1, 0);
    // ل + ال is written لل: the second lam is the name's own article.
    if (c === LAM && q + 1 < len && codes[at + q + 1] === LAM) {
      out[n++] = reading(q + 1, 1); // للصين → الصين
      out[n++] = reading(q + 1, 2); // لليكود → الليكود (the name's own lam merges)
    }
  }
  return n;
}

/** The readings of `w` as strings, with the folded characters each leaves outside the span. */
export function proclitics(w: string, stems: string[], prefixes: number[]): number {
  const rs: number[] = [];
  const units: number[] = [];
  for (let i = 0; i < w.length; i++) units.push(w.charCodeAt(i));
  const n = readings(units, 0, w.length, rs);
  for (let i = 0; i < n; i++) {
    stems[i] = ADDED[readingAdded(rs[i])] + w.slice(readingFrom(rs[i]));
    prefixes[i] = readingFrom(rs[i]);
  }
  return n;
}
