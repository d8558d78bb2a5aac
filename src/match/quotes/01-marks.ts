// Step 1: pair quotation marks into spans.
//
// Families: guillemets « », curly double quotes “ ” „, ASCII ", single
// guillemets ‹ ›, curly single quotes ‘ ’. Within a family any mark closes
// an open quotation (Arabic text types curly quotes both ways round: “…” and
// ”…“); a mark opens one when it is an opening mark, or when it sits like one
// (a word glued after it, none before: »…«). A mark of another family inside
// an open quotation opens a nested one.
//
// A quotation never runs past its paragraph unless the text says it goes on:
// the next paragraph re-opens the same mark (one newsroom convention), or the
// next paragraph closes it with no new opening mark (the other). Otherwise it is
// capped at the end of its paragraph and marked unclosed, so a stray mark never
// swallows the rest of the document. Stray closing marks are ignored. One pass,
// linear in the number of tokens.

import { GAP_BREAK, GAP_NONE, KIND_SYMBOL, KIND_WORD, type Tokens } from '../../normalize/index.js';
import { objects } from '../../arrays.js';

const GUILLEMET = 1;
const CURLY = 2;
const ASCII = 3;
const SINGLE_GUILLEMET = 4;
const SINGLE_CURLY = 5;

/** Mark → [family, is an opening mark by itself]. */
const MARK_LIST: [string, [number, boolean]][] = [
  ['«', [GUILLEMET, true]],
  ['»', [GUILLEMET, false]],
  ['“', [CURLY, true]],
  ['”', [CURLY, true]],
  ['„', [CURLY, true]],
  ['"', [ASCII, true]],
  ['‹', [SINGLE_GUILLEMET, true]],
  ['›', [SINGLE_GUILLEMET, false]],
  ['‘', [SINGLE_CURLY, true]],
  ['’', [SINGLE_CURLY, false]],
];
/** By code unit: every mark is one, and symbol tokens are compared without making their strings. */
const MARKS = new Map(MARK_LIST.map(([m, v]) => [m.charCodeAt(0), v]));

/** Is the code unit a quotation mark kashf pairs? */
export function isQuoteMarkCode(c: number): boolean {
  return MARKS.has(c);
}

export interface MarkSpan {
  /** Token index of the opening mark. */
  open: number;
  /** Token index of the closing mark, or -1 when unclosed. */
  close: number;
  /** First and last token of the content (last < first when empty). */
  first: number;
  last: number;
  /** Opening marks of later paragraphs this quotation was re-opened with. */
  reopened: number[];
  /** Index of the enclosing span in the result, or -1. */
  parent: number;
  unclosed: boolean;
}

/** Deeper nesting than this is not quotation, it is noise: such marks are ignored. */
const MAX_DEPTH = 16;
/** An unclosed quotation is capped at this many tokens even inside one long paragraph. */
const MAX_UNCLOSED_TOKENS = 400;

interface Open {
  family: number;
  span: number;
}

const gluedWordBefore = (t: Tokens, i: number): boolean => i > 0 && t.gap[i] === GAP_NONE && t.kind[i - 1] === KIND_WORD;
const gluedWordAfter = (t: Tokens, i: number): boolean => i + 1 < t.count && t.gap[i + 1] === GAP_NONE && t.kind[i + 1] === KIND_WORD;
const looksOpening = (t: Tokens, i: number): boolean => gluedWordAfter(t, i) && !gluedWordBefore(t, i);
const looksClosing = (t: Tokens, i: number): boolean => gluedWordBefore(t, i) && !gluedWordAfter(t, i);

/**
 * Is a quotation of `family` open (the stack is at most MAX_DEPTH deep)? A
 * function, not stack.some(o => …) in the loop below: a closure there made V8
 * allocate a scope for `family` at every token of the document, a quarter of
 * everything the searcher allocated (measured with V8's sampling heap profiler).
 */
function hasFamily(stack: readonly Open[], family: number): boolean {
  for (let k = 0; k < stack.length; k++) if (stack[k].family === family) return true;
  return false;
}

export function findMarkSpans(tokens: Tokens): MarkSpan[] {
  const spans = objects<MarkSpan>();
  let stack: Open[] = [];
  // Quotations left open at the last paragraph break, which the paragraph
  // after it may continue; innermost last.
  let pending: Open[] = [];
  let paragraphStart = true;
  // In locals: this loop runs over every token of every document.
  const { gap, kind, count } = tokens;

  for (let i = 0; i < count; i++) {
    if (i > 0 && gap[i] === GAP_BREAK) {
      // Whatever was pending from the paragraph before stays unclosed; what is
      // open now is capped here and may be continued by the next paragraph.
      for (const o of stack) {
        spans[o.span].unclosed = true;
        spans[o.span].last = i - 1;
      }
      pending = stack;
      stack = [];
      paragraphStart = true;
    }
    const atStart = paragraphStart;
    paragraphStart = false;
    if (kind[i] !== KIND_SYMBOL) continue;
    if (tokens.length(i) !== 1) continue;
    const m = MARKS.get(tokens.codeAt(i, 0));
    if (m === undefined) continue;
    const [family, opening] = m;
    // ’ between two letters is an apostrophe (O’Brien), not a quotation mark.
    if (family === SINGLE_CURLY && gluedWordBefore(tokens, i) && gluedWordAfter(tokens, i)) continue;

    const p = pending.length > 0 ? pending[pending.length - 1] : undefined;
    if (p !== undefined && p.family === family && !hasFamily(stack, family)) {
      const s = spans[p.span];
      if (atStart) {
        // Re-opened at the head of the next paragraph: the quotation goes on.
        s.unclosed = false;
        s.reopened.push(i);
        pending = [];
        stack.push(p);
        continue;
      }
      if (!opening || looksClosing(tokens, i)) {
        // Closed in the next paragraph with no new opening mark: it went on.
        s.unclosed = false;
        s.close = i;
        s.last = i - 1;
        pending = [];
        continue;
      }
    }

    let at = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].family === family) {
        at = k;
        break;
      }
    }
    if (at >= 0) {
      // Nested quotations never closed end unclosed where their parent closes.
      for (let k = stack.length - 1; k > at; k--) {
        const inner = spans[stack[k].span];
        inner.unclosed = true;
        inner.last = i - 1;
      }
      const s = spans[stack[at].span];
      s.close = i;
      s.last = i - 1;
      stack.length = at;
      continue;
    }
    if (!opening && !looksOpening(tokens, i)) continue; // a stray closing mark
    if (stack.length >= MAX_DEPTH) continue;
    spans.push({
      open: i,
      close: -1,
      first: i + 1,
      last: i,
      reopened: [],
      parent: stack.length > 0 ? stack[stack.length - 1].span : -1,
      unclosed: false,
    });
    stack.push({ family, span: spans.length - 1 });
  }
  for (const o of stack) {
    spans[o.span].unclosed = true;
    spans[o.span].last = tokens.count - 1;
  }
  for (const s of spans) if (s.unclosed && s.last - s.first >= MAX_UNCLOSED_TOKENS) s.last = s.first + MAX_UNCLOSED_TOKENS - 1;
  return spans;
}
