// Step 2: reporting cues. A cue is a reporting verb (قال، أكدت، يضيف…, with
// the prefixes و/ف and the future سـ) or a reporting phrase (بحسب، وفقاً لـ،
// نقلاً عن…), taken from dictionaries/lexicon/. The cue of a quotation is the
// nearest one before it in its sentence, or one right after it («…»، قال X).

import type { Lexicon } from '../../gazetteer/lexicon.js';
import { hashDropFront, type HashFilter } from '../../normalize/index.js';
import type { QuoteContext } from './context.js';
import { CLAUSE_WINDOW } from './context.js';

export interface Cue {
  first: number;
  last: number;
  /** Letters of the first token before the cue proper (و، ف، سـ). */
  prefix: number;
  kind: 'verb' | 'phrase';
  /** For phrases ending in a preposition glued to the next word (وفقاً للوكالة): its letters. */
  glued: number;
  /** For verbs: the lemma (قال، نقل…). */
  lemma?: string;
  /** For phrases: where the speaker stands (see dictionaries/lexicon/reporting-phrases.tsv). */
  position?: 'before' | 'after' | 'either';
}

type Phrase = Lexicon['phrases'][number];

const NEGATING_NOUNS = new Set(['عدم', 'بعدم', 'لعدم']);
const WAW = 'و';
const FA = 'ف';

/**
 * Could token i, or what follows its first one or two letters, be one of
 * `hashes`? Tested before the token's string is made: the finder asks this of
 * every word near a quotation. A yes is confirmed with the string.
 */
function mayBe(ctx: QuoteContext, i: number, hashes: HashFilter, skip: number): boolean {
  const t = ctx.tokens;
  const h = t.hash[i];
  if (hashes.mayHave(h)) return true;
  const len = t.length(i);
  for (let k = 1; k <= skip && k < len; k++) if (hashes.mayHave(hashDropFront(h, t.codes, t.codeStart[i], k))) return true;
  return false;
}

/** A reporting verb at token i, or null. */
export function verbAt(ctx: QuoteContext, i: number): Cue | null {
  if (!ctx.isWord(i) || ctx.mentionAt[i] >= 0) return null;
  // و/ف, then سـ: the stem starts at letter 0, 1 or 2.
  if (!mayBe(ctx, i, ctx.lexicon.verbHashes, 2)) return null;
  // After عدم the form is a verbal noun (طلب عدم نشر اسمه), not a verb.
  if (i > 0 && ctx.isWord(i - 1) && NEGATING_NOUNS.has(ctx.text(i - 1))) return null;
  const w = ctx.text(i);
  const verbs = ctx.lexicon.verbs;
  let prefix = 0;
  for (;;) {
    const stem = w.slice(prefix);
    const lemma = stem.length >= 2 ? verbs.get(stem) : undefined;
    if (lemma !== undefined) return cueOf(i, i, prefix, 'verb', 0, lemma, undefined);
    const c = w[prefix];
    if (prefix === 0 && (c === WAW || c === FA)) prefix = 1;
    else if (c === 'س' && prefix <= 1 && 'يتنا'.includes(w[prefix + 1] ?? '')) prefix += 1;
    else return null;
  }
}

/** A reporting phrase starting at token i, or null. */
export function phraseAt(ctx: QuoteContext, i: number): Cue | null {
  if (!ctx.isWord(i) || !mayBe(ctx, i, ctx.lexicon.phraseStartHashes, 1)) return null;
  const w = ctx.text(i);
  const byStart = ctx.lexicon.phrasesByStart;
  // As written, then without a leading و/ف. Two plain lookups: this runs at
  // every token a quotation's cue is looked for at.
  const cue = phraseFrom(ctx, i, byStart.get(w), 0);
  if (cue !== null) return cue;
  if ((w[0] === WAW || w[0] === FA) && w.length > 2) return phraseFrom(ctx, i, byStart.get(w.slice(1)), 1);
  return null;
}

/** The first of `phrases` (all starting with token i's word after `prefix` letters) that the tokens from i go on with, as a cue. */
function phraseFrom(ctx: QuoteContext, i: number, phrases: readonly Phrase[] | undefined, prefix: number): Cue | null {
  if (phrases === undefined) return null;
  const t = ctx.tokens;
  for (let c = 0; c < phrases.length; c++) {
    const phrase = phrases[c];
    const p = phrase.words;
    let j = i;
    let ok = true;
    let glued = 0;
    for (let n = 1; n < p.length; n++) {
      j++;
      if (j >= t.count || t.gap[j] === 2) {
        ok = false;
        break;
      }
      const word = t.word(j);
      if (word === p[n]) continue;
      // A one-letter preposition glued to the next word: وفقاً للوكالة, في تصريح لوكالة.
      if (n === p.length - 1 && p[n].length === 1 && word.startsWith(p[n]) && word.length > 2) {
        glued = 1;
        j--;
        break;
      }
      ok = false;
      break;
    }
    if (!ok) continue;
    // حسبما ذكرت وكالة تاس: a verb right after the phrase belongs to the cue.
    if (glued === 0 && verbAt(ctx, j + 1) !== null) j++;
    return cueOf(i, j, prefix, 'phrase', glued, undefined, phrase.position);
  }
  return null;
}

/** Every cue has every field, so the code reading them sees one object shape (V8 optimises it once, not once per shape). */
function cueOf(first: number, last: number, prefix: number, kind: Cue['kind'], glued: number, lemma: string | undefined, position: Cue['position']): Cue {
  return { first, last, prefix, kind, glued, lemma, position };
}

export function cueAt(ctx: QuoteContext, i: number): Cue | null {
  return verbAt(ctx, i) ?? phraseAt(ctx, i);
}

/**
 * The nearest cue before token `open` in the same sentence, skipping the
 * content of earlier quotations (given as [open, close] pairs), or null.
 */
export function cueBefore(ctx: QuoteContext, open: number, skip: (i: number) => number): Cue | null {
  const stop = Math.max(0, open - CLAUSE_WINDOW);
  for (let i = open - 1; i >= stop; i--) {
    const back = skip(i);
    if (back !== i) {
      i = back;
      continue;
    }
    if (ctx.endsSentence(i)) return null;
    // A phrase may span several tokens: test it from its first token. Phrases
    // that name no speaker after them (قائلا، في بيان) do not stop the search
    // for the verb: «وأضاف X قائلا: …».
    const cue = cueAt(ctx, i);
    if (cue !== null && cue.last < open && (cue.kind === 'verb' || cue.position === 'before')) return cue;
    if (ctx.breaksBefore(i)) return null;
  }
  return null;
}

/** A cue right after token `close` («…»، قال X / بحسب X / وفقاً لـX / على حد قوله), or null. */
export function cueAfter(ctx: QuoteContext, close: number): Cue | null {
  const t = ctx.tokens;
  let i = close + 1;
  // Skip the punctuation and the conjunction that may sit between: «…»، قال / «…». وقال is a new sentence.
  while (i < t.count && !ctx.breaksBefore(i) && (t.word(i) === '،' || t.word(i) === ',' || t.word(i) === '-' || t.word(i) === '–')) i++;
  if (i >= t.count || ctx.breaksBefore(i) || i - close > 3) return null;
  return cueAt(ctx, i);
}
