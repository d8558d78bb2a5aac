// The gazetteer matcher: finds dictionary names in a token stream and reports
// token ranges. It knows nothing of offsets in the original text, output
// formats or quotations.
//
// Overlap policy (a named option, as in aho-corasick's MatchKind):
//   'leftmost-longest' (default) — scan left to right; at each token take the
//       longest name starting there and continue after it. In
//       «مجلس وزراء خارجية منظمة شنغهاي للتعاون» nothing starts at مجلس, so
//       منظمة شنغهاي للتعاون is reported; in «منتدى التعاون الاقتصادي لدول آسيا
//       والمحيط الهادي» the APEC name starts first and آسيا inside it is not.
//   'all' — every name at every token, nested and overlapping ones included
//       (what `kashf dict find` shows).
//
// Ambiguous aliases (~ in the dictionary) match only after an unambiguous
// mention of the same entry earlier in the document.

import { GAP_BREAK, GAP_NONE, hashDropFront, hashPrepend, KIND_WORD, type Tokens } from '../normalize/index.js';
import { ADDED, MAX_READINGS, readingAdded, readingFrom, readings } from './clitics.js';
import { endAmbiguous, endEntry, type Trie } from './trie.js';
import { objects } from '../arrays.js';

export type OverlapPolicy = 'leftmost-longest' | 'all';
export const OVERLAP_POLICIES: readonly OverlapPolicy[] = ['leftmost-longest', 'all'];

export interface TokenMatch {
  /** First and last token of the name. */
  first: number;
  last: number;
  /** Folded characters of the first token that are proclitics, outside the span. */
  prefix: number;
  /** Index of the dictionary entry. */
  entry: number;
  /** Matched through an ambiguous alias (after the entry was activated). */
  ambiguous: boolean;
}

/**
 * `active` holds the entries already mentioned unambiguously in this document;
 * pass the same set for the next chunk of a document read in chunks.
 */
export function matchGazetteer(tokens: Tokens, trie: Trie, policy: OverlapPolicy = 'leftmost-longest', active = new Set<number>()): TokenMatch[] {
  const out = objects<TokenMatch>();
  const { count, codes, codeStart, hash, gap, kind } = tokens;
  const all = policy === 'all';
  const rs = scratch;

  for (let i = 0; i < count; i++) {
    if (kind[i] !== KIND_WORD) continue;
    const at = codeStart[i];
    const len = codeStart[i + 1] - at;
    const n = readings(codes, at, len, rs);
    // The longest name starting here so far, in locals: no object until it is kept.
    let bestLast = -1;
    let bestPrefix = 0;
    let bestEntry = 0;
    let bestAmbiguous = false;
    for (let c = 0; c < n; c++) {
      const from = readingFrom(rs[c]);
      const added = ADDED[readingAdded(rs[c])];
      // The hash of the stem, from the token's: drop the proclitics, put back what they swallowed.
      let hs = from === 0 ? hash[i] : hashDropFront(hash[i], codes, at, from);
      for (let a = added.length - 1; a >= 0; a--) hs = hashPrepend(hs, added.charCodeAt(a));
      let node = trie.start(hs, codes, at + from, at + len, added);
      let j = i;
      while (node >= 0) {
        const code = trie.endCode(node);
        if (code !== 0) {
          let entry = -1;
          let ambiguous = false;
          if (code > 0) {
            // One entry ends here (the usual case): no list to read.
            ambiguous = endAmbiguous(code) === 1;
            if (!ambiguous || active.has(endEntry(code))) entry = endEntry(code);
          } else {
            const ends = trie.ends(node)!;
            const hit = accept(ends, active);
            if (hit >= 0) {
              entry = ends[hit];
              ambiguous = ends[hit + 1] === 1;
            }
          }
          if (entry >= 0) {
            if (all) {
              out.push({ first: i, last: j, prefix: from, entry, ambiguous });
              if (!ambiguous) active.add(entry);
            } else if (j > bestLast) {
              bestLast = j;
              bestPrefix = from;
              bestEntry = entry;
              bestAmbiguous = ambiguous;
            }
          }
        }
        const k = j + 1;
        if (k >= count || gap[k] === GAP_BREAK) break;
        node = trie.next(node, hash[k], codes, codeStart[k], codeStart[k + 1], gap[k] === GAP_NONE);
        j = k;
      }
    }
    if (bestLast >= 0) {
      out.push({ first: i, last: bestLast, prefix: bestPrefix, entry: bestEntry, ambiguous: bestAmbiguous });
      if (!bestAmbiguous) active.add(bestEntry);
      i = bestLast;
    }
  }
  return out;
}

const scratch = new Int32Array(MAX_READINGS);

/**
 * The position in `ends` of the entry a name stands for here: an ambiguous
 * entry already active in this document (context wins: طرابلس after
 * «طرابلس اللبنانية» is the Lebanese city), else the first unambiguous one
 * (the default reading), else -1.
 */
function accept(ends: readonly number[], active: ReadonlySet<number>): number {
  let fallback = -1;
  for (let i = 0; i < ends.length; i += 2) {
    if (ends[i + 1] === 1) {
      if (active.has(ends[i])) return i;
    } else if (fallback < 0) fallback = i;
  }
  return fallback;
}
