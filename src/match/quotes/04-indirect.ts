// Step 4: indirect speech. A reporting verb whose subject phrase is followed by
// أن/إن (or إلى أن) introduces reported speech without marks: «قالت وزارة
// الخارجية إن الجانبين ناقشا…». The quotation is the clause after the
// complementiser, to the end of the sentence, or to a comma that starts a new
// attribution («…، حسبما ذكرت وكالة تاس» / «…، مضيفاً أن…»). A participle cue
// (مضيفاً أن، مشيراً إلى أن) continues the sentence's speaker. A clause that
// holds a quotation mark is a partial direct quotation, reported by the direct
// finder instead. Impersonal forms (يُذكر أن، يُشار إلى أن، قيل إن) report no
// one and are skipped.

import { KIND_SYMBOL } from '../../normalize/index.js';
import { cueAt, type Cue } from './02-cues.js';
import { isQuoteMarkCode } from './01-marks.js';
import { WordSet, type QuoteContext } from './context.js';

const COMPLEMENTISER = new WordSet('أن إن أنه إنه أنها إنها أنهم إنهم أنهما إنهما بأن بأنه بأنها');
const ILA = new WordSet('إلى');
const IMPERSONAL = new WordSet('يذكر ويذكر يشار ويشار يقال ويقال قيل وقيل');
/** After a comma, words that open a new clause: the reported one ends there. */
const CLAUSE_OPENERS = new WordSet('فيما بينما حيث كما لكن ولكن إلا غير وفي في وسط فضلا علما');
const LAM = 0x0644;
/** The Arabic and the Latin comma. */
const isComma = (c: number): boolean => c === 0x060c || c === 0x2c;

/** The longest indirect quotation, in tokens. */
const MAX_CLAUSE = 120;

export interface IndirectSpan {
  first: number;
  last: number;
}

/** Where the reported clause starts after the phrase that ended at `stop`, or -1. */
export function complementAt(ctx: QuoteContext, stop: number): number {
  const t = ctx.tokens;
  // Step over the addressee: «صرح مسؤول لـ“تاس” بأن …», «قال للصحفيين إن …».
  for (let k = 0; k < 6 && stop < t.count && !COMPLEMENTISER.at(t, stop); k++) {
    if (ctx.termClose[stop] >= 0) stop = ctx.termClose[stop] + 1;
    else if (ctx.mentionAt[stop] >= 0) stop = ctx.mentions[ctx.mentionAt[stop]].last + 1;
    else if (ctx.isWord(stop) && t.codeAt(stop, 0) === LAM && k === 0) stop++;
    else break;
  }
  if (stop >= t.count || !ctx.isWord(stop)) return -1;
  if (COMPLEMENTISER.at(t, stop)) return stop + 1;
  if (ILA.at(t, stop) && COMPLEMENTISER.at(t, stop + 1)) return stop + 2;
  return -1;
}

/** Is token i أن/إن (or a form of it)? */
export function isComplementiser(ctx: QuoteContext, i: number): boolean {
  return COMPLEMENTISER.at(ctx.tokens, i);
}

/** Could a token hashing to `h` be أن/إن (or a form of it)? One array read: cheap enough to ask of every token. */
export function mayBeComplementiser(h: number): boolean {
  return COMPLEMENTISER.mayHave(h);
}

export function isImpersonal(ctx: QuoteContext, cue: Cue): boolean {
  return cue.kind === 'verb' && IMPERSONAL.at(ctx.tokens, cue.first);
}

/** The reported clause starting at token `first`, or null when it holds a quotation mark or is empty. */
export function clauseFrom(ctx: QuoteContext, first: number): IndirectSpan | null {
  const t = ctx.tokens;
  let i = first;
  let last = first - 1;
  while (i < t.count && i - first < MAX_CLAUSE && !(i > first && ctx.breaksBefore(i))) {
    if (ctx.endsSentence(i)) break;
    if (t.kind[i] === KIND_SYMBOL && t.length(i) === 1) {
      const c = t.codeAt(i, 0);
      if (isQuoteMarkCode(c)) return null;
      if (isComma(c) && i + 1 < t.count && (CLAUSE_OPENERS.at(t, i + 1) || cueAt(ctx, i + 1) !== null)) break;
    }
    if (ctx.isWord(i)) last = i;
    i++;
  }
  return last >= first ? { first, last } : null;
}
