// Stage 3: one document through normalise → match → resolve → map back.
// Runs the matchers over the tokens, then turns token positions into records
// with code-point offsets into the original text. Every span leaves this
// module through the same two functions (span, cp), so offsets are mapped in
// one place.

import type { Knowledge } from '../gazetteer/load.js';
import type { Tokens } from '../normalize/index.js';
import { matchGazetteer, type OverlapPolicy } from '../match/gazetteer.js';
import { findQuotes, QuoteContext, QuoteScratch, type Mention, type SpeakerRef } from '../match/quotes/index.js';
import { CodePointIndex, foldString, LineIndex, offsetAfterFolded, tokenize, TokenBuffer } from '../normalize/index.js';
import type { EntityRecord, QuoteRecord, SpeakerRecord } from '../types.js';

export type QuoteMode = 'all' | 'direct' | 'none';

export interface SearchOptions {
  overlap: OverlapPolicy;
  quotes: QuoteMode;
  /** Characters (code points) of original text to report either side of each entity and quotation; 0 for none. */
  context: number;
}

export const DEFAULT_SEARCH: SearchOptions = { overlap: 'leftmost-longest', quotes: 'all', context: 0 };

export interface SearchResult {
  entities: EntityRecord[];
  quotes: QuoteRecord[];
}

/**
 * What one chunk of a document hands the next when a large file is read in
 * chunks (cut at paragraph breaks): where the chunk starts in the document, the
 * entries already activated, the speaker a continuation would take, and the
 * recent entities a short-form speaker may refer to.
 */
export interface Carry {
  /** Code points and lines of the document before this chunk. */
  codePoints: number;
  lines: number;
  active: Set<number>;
  previous: SpeakerRecord | null;
  recent: EntityRecord[];
}

export function newCarry(): Carry {
  return { codePoints: 0, lines: 0, active: new Set(), previous: null, recent: [] };
}

/** Entities kept for short-form speakers across chunks. */
const RECENT = 64;
/** Stands for the carried speaker in token terms. */
const CARRIED: SpeakerRef = { first: -1, last: -1, prefix: 0, mention: -1, org: -1 };

/**
 * Searches one document, or — with `carry` — one chunk of a document, the
 * chunk starting at a line start; offsets and lines are then counted from the
 * document's start and `carry` is updated for the next chunk. `text` must
 * already have its BOM removed.
 */
export function searchText(text: string, k: Knowledge, options: SearchOptions = DEFAULT_SEARCH, carry?: Carry): SearchResult {
  const result = searchChunk(text, k, options, carry);
  if (carry !== undefined) {
    carry.codePoints += codePointLength(text);
    carry.lines += lineBreaks(text);
  }
  return result;
}

/**
 * One token buffer and one quotation scratch for every document searched
 * (searching is synchronous, so one is enough): allocating typed arrays per
 * document cost more than a tenth of the search on archives of short
 * articles. Those grown for a huge document are let go rather than kept.
 */
let buffer: TokenBuffer | null = null;
let scratch: QuoteScratch | null = null;
const KEEP_TOKENS = 1 << 18;

function searchChunk(text: string, k: Knowledge, options: SearchOptions, carry: Carry | undefined): SearchResult {
  const tokens = tokenize(text, (buffer ??= new TokenBuffer()));
  try {
    return searchTokens(text, tokens, k, options, carry, (scratch ??= new QuoteScratch()));
  } finally {
    if (buffer.capacity > KEEP_TOKENS) buffer = null;
    if (scratch !== null && scratch.capacity > KEEP_TOKENS) scratch = null;
  }
}

function searchTokens(text: string, tokens: Tokens, k: Knowledge, options: SearchOptions, carry: Carry | undefined, quoteScratch: QuoteScratch): SearchResult {
  const astral = tokens.astral;
  const cps = new CodePointIndex(text, astral);
  const entries = k.gazetteer.entries;
  const matches = matchGazetteer(tokens, k.gazetteer.trie, options.overlap, carry?.active);

  const spanOf = (first: number, last: number, prefix: number): [number, number] => {
    const s = prefix > 0 ? offsetAfterFolded(text, tokens.start[first], tokens.end[first], prefix) : tokens.start[first];
    return [s, tokens.end[last]];
  };
  const lines = new LineIndex(text, astral);
  const cpBase = carry?.codePoints ?? 0;
  const lineBase = carry?.lines ?? 0;
  const record = (s: number, e: number) => {
    const [line, column] = lines.position(s);
    return { text: text.slice(s, e), start: cps.toCodePoint(s) + cpBase, end: cps.toCodePoint(e) + cpBase, line: line + lineBase, column };
  };
  const withContext = <T extends { start: number; end: number }>(r: T): T & { context?: { before: string; after: string } } => {
    if (options.context <= 0) return r;
    return { ...r, context: contextAround(text, cps, r.start - cpBase, r.end - cpBase, options.context) };
  };

  // Built field by field, with no intermediate objects: this runs for every name found.
  const entities: EntityRecord[] = matches.map((m) => {
    const e = entries[m.entry];
    const s = m.prefix > 0 ? offsetAfterFolded(text, tokens.start[m.first], tokens.end[m.first], m.prefix) : tokens.start[m.first];
    const end = tokens.end[m.last];
    const line = lines.lineAt(s);
    const r: EntityRecord = {
      text: text.slice(s, end),
      type: e.type,
      id: e.id,
      canonical: e.canonical,
      start: cps.toCodePoint(s) + cpBase,
      end: cps.toCodePoint(end) + cpBase,
      line: line + 1 + lineBase,
      column: lines.columnAt(s, line),
      source: 'gazetteer',
    };
    return withContext(r);
  });

  // Short-form speakers may refer to entities of earlier chunks.
  const known = carry === undefined ? entities : [...carry.recent, ...entities];
  if (carry !== undefined) carry.recent = known.slice(-RECENT);
  if (options.quotes === 'none') return { entities, quotes: [] };

  // Quotations use leftmost-longest mentions whatever the overlap policy.
  const mentionMatches = options.overlap === 'leftmost-longest' ? matches : matchGazetteer(tokens, k.gazetteer.trie, 'leftmost-longest');
  // Field by field: a spread into a new shape is several times slower, and this runs for every name.
  const mentions: Mention[] = mentionMatches.map((m) => ({ first: m.first, last: m.last, prefix: m.prefix, entry: m.entry, type: entries[m.entry].type }));
  const ctx = new QuoteContext(tokens, k.lexicon, mentions, quoteScratch);

  const speakerRecord = (sp: SpeakerRef): SpeakerRecord => {
    if (sp === CARRIED) return { ...carry!.previous! };
    const [s, e] = spanOf(sp.first, sp.last, sp.prefix);
    const { text: t, start, end } = record(s, e);
    const r: SpeakerRecord = { text: t, start, end };
    if (sp.mention >= 0) {
      const entry = entries[mentions[sp.mention].entry];
      r.id = entry.id;
      r.canonical = entry.canonical;
    } else if (sp.org >= 0) {
      const entry = entries[mentions[sp.org].entry];
      r.org = { id: entry.id, canonical: entry.canonical };
    }
    return r;
  };

  const state = { previous: carry?.previous != null ? CARRIED : null };
  const found = findQuotes(ctx, options.quotes === 'all', state);
  const records: QuoteRecord[] = found.map((q) => {
    const r = record(tokens.start[q.first], tokens.end[q.last]);
    let cue: string | null = null;
    if (q.cue !== null) {
      const [cs, ce] = spanOf(q.cue.first, q.cue.last, q.cue.prefix);
      cue = text.slice(cs, ce);
    }
    const out: QuoteRecord = withContext({
      text: r.text,
      start: r.start,
      end: r.end,
      line: r.line,
      column: r.column,
      kind: q.kind,
      cue,
      speaker: q.speaker === null ? null : speakerRecord(q.speaker),
    });
    if (q.via !== null) out.via = speakerRecord(q.via);
    if (q.unclosed) out.unclosed = true;
    return out;
  });
  linkShortForms(records, known);
  if (carry !== undefined && state.previous !== null && state.previous !== CARRIED) carry.previous = speakerRecord(state.previous);
  // A quotation nested in another is reported inside it.
  const quotes: QuoteRecord[] = [];
  found.forEach((q, i) => {
    if (q.parent < 0) quotes.push(records[i]);
    else (records[q.parent].nested ??= []).push(records[i]);
  });
  return { entities, quotes };
}

/** `n` code points of original text before and after [start, end) (code-point offsets). */
function contextAround(text: string, cps: CodePointIndex, start: number, end: number, n: number): { before: string; after: string } {
  const s = cps.toUtf16(start);
  const e = cps.toUtf16(end);
  return { before: takeCodePoints(text, s, -n), after: takeCodePoints(text, e, n) };
}

/** Up to |n| code points starting at UTF-16 offset `from`, forwards (n > 0) or backwards. */
function takeCodePoints(text: string, from: number, n: number): string {
  let i = from;
  let left = Math.abs(n);
  if (n > 0) {
    while (i < text.length && left-- > 0) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    return text.slice(from, i);
  }
  while (i > 0 && left-- > 0) i -= i >= 2 && (text.charCodeAt(i - 1) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? 2 : 1;
  return text.slice(i, from);
}

/**
 * A speaker named by a short form of an entity mentioned earlier — the surname
 * of a person (الأنصاري after ماجد الأنصاري), the head of an organisation's
 * name (وزارة الخارجية, الخارجية after وزارة الخارجية الروسية) — takes that entity's id
 * and canonical name. The nearest earlier mention wins.
 */
function linkShortForms(quotes: QuoteRecord[], entities: EntityRecord[]): void {
  const folded: string[] = [];
  const fold = (i: number): string => (folded[i] ??= foldString(entities[i].text));
  for (const q of quotes) {
    const sp = q.speaker;
    if (sp === null || sp.id !== undefined || sp.org !== undefined) continue;
    const short = foldString(sp.text);
    if (short.length < 3) continue;
    for (let i = entities.length - 1; i >= 0; i--) {
      const e = entities[i];
      if (e.end > sp.start) continue;
      if (e.type === 'LOC') continue;
      const full = fold(i);
      const fits = e.type === 'PER' ? full.endsWith(' ' + short) : e.type === 'ORG' && (' ' + full + ' ').includes(' ' + short + ' ') && full !== short;
      if (fits) {
        sp.id = e.id;
        sp.canonical = e.canonical;
        break;
      }
    }
  }
}

/** Line breaks in text (LF, CR LF or CR), as LineIndex counts them. */
function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  if (text.indexOf('\r') >= 0) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) !== 0x0a) n++;
  return n;
}

function codePointLength(text: string): number {
  if (!/[\uD800-\uDBFF]/.test(text)) return text.length;
  let pairs = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      pairs++;
      i++;
    }
  }
  return text.length - pairs;
}
