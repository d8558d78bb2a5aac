// Quotation finding, composed from numbered steps:
//   01-marks    pair quotation marks into spans (nesting, paragraphs, unclosed)
//   02-cues     find the reporting verb or phrase before or after each span
//   03-speaker  read the speaker from the reporting clause
// This file decides which spans are quotations and which are quoted names or
// terms (وكالة «تاس»، حركة «حماس», a quoted name on its own), and carries the
// previous speaker forward for continuations (وأضاف: «…»).
// Returns token positions only; search/ maps them to offsets.

import { KIND_SYMBOL, KIND_WORD } from '../../normalize/index.js';
import { findMarkSpans, type MarkSpan } from './01-marks.js';
import { cueAfter, cueBefore, type Cue } from './02-cues.js';
import { speakerAfter, speakerBefore, type SpeakerRef } from './03-speaker.js';
import type { QuoteContext } from './context.js';

export { QuoteContext, type Mention } from './context.js';
export type { Cue } from './02-cues.js';
export type { SpeakerRef } from './03-speaker.js';

export interface TokenQuote {
  span: MarkSpan;
  kind: 'direct';
  cue: Cue | null;
  speaker: SpeakerRef | null;
}

/** Without a cue, a quoted passage this long is still a quotation (of unknown speaker). */
const UNCUED_MIN_WORDS = 6;

export function findQuotes(ctx: QuoteContext): TokenQuote[] {
  const t = ctx.tokens;
  const spans = findMarkSpans(t);
  // Closing mark → opening mark, so backward scans step over earlier quotations.
  const back = new Int32Array(t.count).fill(-1);
  for (const s of spans) if (s.close >= 0) back[s.close] = s.open;

  const out: TokenQuote[] = [];
  let previous: SpeakerRef | null = null;
  for (const span of spans) {
    if (span.last < span.first) continue;
    if (isTerm(ctx, span)) continue;
    const parentOpen = span.parent >= 0 ? spans[span.parent].open : -1;
    const skip = (i: number): number => (i === parentOpen ? -1 : back[i] >= 0 ? back[i] : i);
    let cue = cueBefore(ctx, span.open, skip);
    let limit = span.open;
    if (cue === null && span.close >= 0) {
      cue = cueAfter(ctx, span.close);
      limit = t.count;
    }
    if (cue === null) {
      if (wordCount(ctx, span) < UNCUED_MIN_WORDS) continue;
      out.push({ span, kind: 'direct', cue: null, speaker: null });
      continue;
    }
    let speaker = speakerAfter(ctx, cue, limit);
    if (speaker === null && cue.kind === 'verb') speaker = speakerBefore(ctx, cue) ?? (opensSentence(ctx, cue) ? previous : null);
    if (speaker !== null) previous = speaker;
    out.push({ span, kind: 'direct', cue, speaker });
  }
  return out;
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
    for (const form of nounForms(t.text[before])) if (ctx.lexicon.termNouns.has(form)) return true;
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
  return ctx.tokens.kind[i] === KIND_SYMBOL && (ctx.endsSentence(i) || ctx.tokens.text[i] === '»' || ctx.tokens.text[i] === '”');
}
