// Quotation finding, composed from numbered steps:
//   01-marks     pair quotation marks into spans (nesting, paragraphs, unclosed)
//   02-cues      find the reporting verb or phrase before or after each span
//   03-speaker   read the speaker (and the outlet it came through) from the clause
//   04-indirect  reported speech without marks (قالت الوزارة إن …)
// This file decides which spans are quotations and which are quoted names or
// terms (وكالة «تاس»، حركة «حماس», a quoted name on its own), and walks the
// document in order so a continuation (وأضاف: «…») takes the speaker before it.
// Returns token positions only; search/ maps them to offsets.

import { KIND_SYMBOL, KIND_WORD } from '../../normalize/index.js';
import { findMarkSpans, type MarkSpan } from './01-marks.js';
import { cueAfter, cueBefore, verbAt, phraseAt, type Cue } from './02-cues.js';
import { clauseAfter, speakerBefore, type SpeakerRef } from './03-speaker.js';
import { clauseFrom, complementAt, isComplementiser, isImpersonal, mayBeComplementiser } from './04-indirect.js';
import type { QuoteContext } from './context.js';
import { mapObjects, objects } from '../../arrays.js';

export { QuoteContext, QuoteScratch, type Mention } from './context.js';
export type { Cue } from './02-cues.js';
export type { SpeakerRef } from './03-speaker.js';

export interface TokenQuote {
  kind: 'direct' | 'indirect';
  /** First and last token of the quoted text. */
  first: number;
  last: number;
  cue: Cue | null;
  speaker: SpeakerRef | null;
  via: SpeakerRef | null;
  unclosed: boolean;
  /** Index in the result of the quotation this one is nested in, or -1. */
  parent: number;
}

/** How far before أن/إن the reporting verb of indirect speech may be, in tokens. */
const LOOKBACK = 20;

/** Without a cue, a quoted passage this long is still a quotation (of unknown speaker). */
const UNCUED_MIN_WORDS = 6;

interface Candidate {
  /** Where the reporting clause or the quotation starts: the order of attribution. */
  anchor: number;
  kind: 'direct' | 'indirect';
  first: number;
  last: number;
  cue: Cue | null;
  /** Token limit for the speaker phrase after a cue. */
  limit: number;
  span: MarkSpan | null;
  spanIndex: number;
}

/** The speaker a continuation takes; carried from one chunk of a document to the next. */
export interface QuoteState {
  previous: SpeakerRef | null;
}

export function findQuotes(ctx: QuoteContext, indirect = true, state: QuoteState = { previous: null }): TokenQuote[] {
  const t = ctx.tokens;
  const spans = findMarkSpans(t);
  const candidates = objects<Candidate>();
  const cueTokens = new Set<number>();
  const direct = directCandidates(ctx, spans, candidates, cueTokens);

  // Tokens inside reported quotations (quoted names and terms are not).
  const inside = ctx.scratch.uint8(t.count);
  for (const index of direct) {
    const s = spans[index];
    inside.fill(1, s.open, (s.close >= 0 ? s.close : s.last) + 1);
  }
  if (indirect) indirectCandidates(ctx, inside, cueTokens, candidates);

  candidates.sort((a, b) => a.anchor - b.anchor || a.first - b.first);
  return inOrder(attribute(ctx, candidates, state));
}

// The steps of findQuotes are functions of their own so that V8, when a rare
// path deoptimises one, recompiles that step and not the whole finder (in
// one piece it was compiled 5–6 times a run, by `node --trace-opt`: every
// thread of --jobs pays that again).

/** Quoted spans that are quotations (not quoted names or terms), with their cues; returns their indices in `spans`. */
function directCandidates(ctx: QuoteContext, spans: MarkSpan[], candidates: Candidate[], cueTokens: Set<number>): Set<number> {
  const t = ctx.tokens;
  // Closing mark → opening mark, so backward scans step over earlier quotations.
  const back = ctx.scratch.int32(2, t.count);
  for (const s of spans) if (s.close >= 0) back[s.close] = s.open;
  const direct = new Set<number>(); // spans reported as quotations
  for (const s of spans) if (s.close >= 0 && s.last >= s.first && isTerm(ctx, s)) ctx.termClose[s.open] = s.close;
  spans.forEach((span, index) => {
    if (span.last < span.first || ctx.termClose[span.open] >= 0 || isTerm(ctx, span)) return;
    const parentOpen = span.parent >= 0 ? spans[span.parent].open : -1;
    const skip = (i: number): number => (i === parentOpen ? -1 : back[i] >= 0 ? back[i] : i);
    let cue = cueBefore(ctx, span.open, skip);
    let limit = span.open;
    if (cue === null && span.close >= 0) {
      cue = cueAfter(ctx, span.close);
      limit = t.count;
    }
    if (cue === null && wordCount(ctx, span) < UNCUED_MIN_WORDS) return;
    direct.add(index);
    if (cue !== null) cueTokens.add(cue.first);
    const anchor = cue !== null && cue.first < span.open ? cue.first : span.open;
    candidates.push({ anchor, kind: 'direct', first: span.first, last: span.last, cue, limit, span, spanIndex: index });
  });
  return direct;
}

/**
 * Indirect speech needs أن/إن after the speaker: find those first, then look
 * back a few tokens for the reporting verb, instead of testing every word as
 * a verb.
 */
function indirectCandidates(ctx: QuoteContext, inside: Uint8Array, cueTokens: Set<number>, candidates: Candidate[]): void {
  const t = ctx.tokens;
  const { hash, kind, count } = t;
  const taken = new Set<number>();
  for (let c = 0; c < count; c++) {
    // The token's hash first: it turns away nearly every token with one read.
    if (!mayBeComplementiser(hash[c]) || kind[c] !== KIND_WORD || inside[c] === 1 || !isComplementiser(ctx, c)) continue;
    for (let i = c - 1; i >= 0 && c - i <= LOOKBACK; i--) {
      if (inside[i] === 1 || ctx.endsSentence(i)) break;
      if (kind[i] !== KIND_WORD || cueTokens.has(i) || taken.has(i)) continue;
      const cue = verbAt(ctx, i) ?? participleAt(ctx, i);
      if (cue === null) continue;
      if (isImpersonal(ctx, cue)) break;
      const clause = clauseAfter(ctx, cue, t.count);
      const start = complementAt(ctx, clause.stop);
      if (start !== c + 1) break;
      const span = clauseFrom(ctx, start);
      if (span !== null) {
        taken.add(i);
        candidates.push({ anchor: i, kind: 'indirect', first: span.first, last: span.last, cue, limit: t.count, span: null, spanIndex: -1 });
      }
      break;
    }
  }
}

/**
 * The candidates, in the order of their reporting clauses, with their
 * speakers: a continuation without a subject takes the speaker before it.
 * Nested quotations point at their parent's place in the result.
 */
function attribute(ctx: QuoteContext, candidates: Candidate[], state: QuoteState): TokenQuote[] {
  const out = objects<TokenQuote>();
  const outIndex = new Map<number, number>(); // span index → result index
  let previous: SpeakerRef | null = state.previous;
  for (const c of candidates) {
    let speaker: SpeakerRef | null = null;
    let via: SpeakerRef | null = null;
    if (c.cue !== null) {
      const clause = clauseAfter(ctx, c.cue, c.limit);
      speaker = clause.speaker;
      via = clause.via;
      if (speaker === null) {
        if (c.cue.kind === 'verb') speaker = speakerBefore(ctx, c.cue) ?? (opensSentence(ctx, c.cue) ? previous : null);
        else if (c.cue.position === 'after') speaker = previous; // مضيفاً أن …
      }
      if (speaker !== null) previous = speaker;
    }
    const span = c.span;
    const parent = span !== null && span.parent >= 0 ? (outIndex.get(span.parent) ?? -1) : -1;
    if (span !== null) outIndex.set(c.spanIndex, out.length);
    out.push({ kind: c.kind, first: c.first, last: c.last, cue: c.cue, speaker, via, unclosed: span?.unclosed ?? false, parent });
  }
  state.previous = previous;
  return out;
}

/** Results in document order of the quoted text; parents are re-indexed. */
function inOrder(out: TokenQuote[]): TokenQuote[] {
  const order = out.map((_, i) => i).sort((a, b) => out[a].first - out[b].first || out[b].last - out[a].last);
  const position = new Int32Array(out.length);
  order.forEach((old, pos) => (position[old] = pos));
  for (const q of out) if (q.parent >= 0) q.parent = position[q.parent];
  return mapObjects(order, (old) => out[old]);
}

/** A participle that continues the speaker's words: مضيفاً أن، مشيراً إلى أن. */
function participleAt(ctx: QuoteContext, i: number): Cue | null {
  const p = phraseAt(ctx, i);
  return p !== null && p.position === 'after' ? p : null;
}

function wordCount(ctx: QuoteContext, s: MarkSpan): number {
  let n = 0;
  for (let i = s.first; i <= s.last; i++) if (ctx.tokens.kind[i] === KIND_WORD) n++;
  return n;
}

/**
 * A quoted name or term rather than a quotation: the noun before it says so
 * (صحيفة «الأهرام»، وكالة "تاس"), or the quoted text is exactly one known
 * name (“منظمة شنغهاي للتعاون”).
 */
function isTerm(ctx: QuoteContext, s: MarkSpan): boolean {
  const t = ctx.tokens;
  const before = s.open - 1;
  if (before >= 0 && t.kind[before] === KIND_WORD && ctx.lexicon.termNouns.size > 0) {
    for (const form of nounForms(t.word(before))) if (ctx.lexicon.termNouns.has(form)) return true;
  }
  const m = ctx.mentionAt[s.first];
  if (m >= 0 && ctx.mentions[m].first === s.first && ctx.mentions[m].last === s.last) return true;
  return false;
}

/** A noun with its proclitics and article cut off, as the term-noun list holds it. */
function nounForms(w: string): string[] {
  const forms = [w];
  let x = w;
  if ((x[0] === 'و' || x[0] === 'ف') && x.length > 3) forms.push((x = x.slice(1)));
  if ('بلك'.includes(x[0]) && x.length > 3) {
    if (x.startsWith('لل')) forms.push('ا' + x.slice(1), x.slice(2));
    forms.push((x = x.slice(1)));
  }
  if (x.startsWith('ال') && x.length > 3) forms.push(x.slice(2));
  return forms;
}

/** Is the cue the first word of its sentence (so a missing subject means the previous speaker)? */
function opensSentence(ctx: QuoteContext, cue: Cue): boolean {
  const i = cue.first - 1;
  if (i < 0 || ctx.breaksBefore(cue.first)) return true;
  return ctx.tokens.kind[i] === KIND_SYMBOL && (ctx.endsSentence(i) || ctx.tokens.word(i) === '»' || ctx.tokens.word(i) === '”');
}
