// Proclitics Arabic glues to the first word of a name: the conjunctions و/ف,
// then one of the prepositions ب/ك/ل, then the name itself — which keeps its
// own article ال, written لل after ل (ل + الصين = للصين). The article is not
// stripped from names that do not have one: that would read المالي
// ("financial") as ال + مالي (Mali).
//
// Suffixes are never stripped: الصينية is an adjective, not الصين.

const WAW = 0x0648;
const FA = 0x0641;
const BA = 0x0628;
const KAF = 0x0643;
const LAM = 0x0644;
const ALEF = 0x0627;

/** The shortest stem the matcher will look up after cutting proclitics. */
const MIN_STEM = 2;

/** What the matcher's vocabulary can rule out cheaply (see Trie.mayHave). */
export interface StemFilter {
  mayHave(c0: number, c1: number, c2: number, last: number, length: number): boolean;
}

/** The code unit at i, or -1 past the end (as the filter was built). */
function code(w: string, i: number): number {
  return i < w.length ? w.charCodeAt(i) : -1;
}

const ALL: StemFilter = { mayHave: () => true };

/**
 * Fills `stems` and `prefixes` with the candidate readings of the folded word
 * `w`: each a stem to look up and how many folded characters of `w` precede the
 * span. The reading with no proclitic comes first. A reading the filter rules
 * out is never sliced. Returns the count.
 */
export function proclitics(w: string, stems: string[], prefixes: number[], filter: StemFilter = ALL): number {
  let n = 0;
  const len = w.length;
  const last = w.charCodeAt(len - 1);
  if (filter.mayHave(code(w, 0), code(w, 1), code(w, 2), last, len)) {
    stems[n] = w;
    prefixes[n++] = 0;
  }
  const c0 = code(w, 0);
  let p = 0;
  if ((c0 === WAW || c0 === FA) && len - 1 >= MIN_STEM) {
    if (filter.mayHave(code(w, 1), code(w, 2), code(w, 3), last, len - 1)) {
      stems[n] = w.slice(1);
      prefixes[n++] = 1;
    }
    p = 1;
  }
  // With and without the conjunction: a preposition may follow either.
  for (let q = 0; q <= p; q++) {
    const c = code(w, q);
    if (c !== BA && c !== KAF && c !== LAM) continue;
    if (len - q - 1 >= MIN_STEM && filter.mayHave(code(w, q + 1), code(w, q + 2), code(w, q + 3), last, len - q - 1)) {
      stems[n] = w.slice(q + 1);
      prefixes[n++] = q + 1;
    }
    // ل + ال is written لل: the second lam is the name's own article.
    if (c === LAM && code(w, q + 1) === LAM && len - q - 1 >= MIN_STEM) {
      if (filter.mayHave(ALEF, code(w, q + 1), code(w, q + 2), last, len - q)) {
        stems[n] = 'ا' + w.slice(q + 1); // للصين → الصين
        prefixes[n++] = q + 1;
      }
      if (filter.mayHave(ALEF, LAM, code(w, q + 1), last, len - q + 1)) {
        stems[n] = 'ال' + w.slice(q + 1); // لليكود → الليكود (the name's own lam merges)
        prefixes[n++] = q + 1;
      }
    }
  }
  return n;
}
