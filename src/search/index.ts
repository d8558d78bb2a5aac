// Stage 3: one document through normalise → match → resolve → map back.
// Runs the matchers over the tokens of the UTF-8 input, then turns token
// positions into records with code-point offsets into the original text,
// their text decoded from the input's own bytes (or, for the command line's
// JSONL printer, left in them: see deferred.ts). Every span leaves this
// module through spanOf (bytes and code points, proclitics cut off) and a
// LineIndex, so offsets are mapped in one place.

import { utf8Slice } from '../buffers.js';
import type { Knowledge } from '../gazetteer/load.js';
import type { Tokens } from '../normalize/index.js';
import { matchGazetteer, type OverlapPolicy, type TokenMatch } from '../match/gazetteer.js';
import { findQuotes, QuoteContext, QuoteScratch, type Mention, type SpeakerRef } from '../match/quotes/index.js';
import { foldString, GAP_NONE, hashDropFront, hashPrepend, offsetAfterFolded, tokenize, TokenBuffer } from '../normalize/index.js';
import type { EntityRecord, QuoteRecord, SpeakerRecord } from '../types.js';
import { mapObjects, objects } from '../arrays.js';
import { deferText, TEXT_FROM, TEXT_TO, type MaybeDeferred } from '../deferred.js';

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
 * document's start and `carry` is updated for the next chunk. The input is a
 * string, or UTF-8 bytes (valid UTF-8: the command line checks its files),
 * which are searched without being decoded; either way its BOM must already
 * be removed. With `deferred` (bytes, no carry: see deferred.ts), the text
 * of entities, quotations and speakers is left in the bytes, for the JSONL
 * printer to write from there.
 */
export function searchText(input: string | Uint8Array, k: Knowledge, options: SearchOptions = DEFAULT_SEARCH, carry?: Carry, deferred = false): SearchResult {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const tokens = tokenize(bytes, (buffer ??= new TokenBuffer()));
  try {
    const defer = deferred && typeof input !== 'string' && carry === undefined;
    const result = searchTokens(bytes, tokens, k, options, carry, (scratch ??= new QuoteScratch()), defer);
    if (carry !== undefined) {
      carry.codePoints += tokens.codePoints;
      carry.lines += tokens.lines;
    }
    return result;
  } finally {
    if (buffer.capacity > KEEP_TOKENS) buffer = null;
    if (scratch !== null && scratch.capacity > KEEP_TOKENS) scratch = null;
    if (wordScratch.length > KEEP_TOKENS) wordScratch = new Int32Array(256);
  }
}

/**
 * One token buffer and one quotation scratch for every document searched
 * (searching is synchronous, so one is enough): allocating typed arrays per
 * document cost more than a tenth of the search on archives of short
 * articles. Those grown for a huge document are let go rather than kept.
 */
let buffer: TokenBuffer | null = null;
let scratch: QuoteScratch | null = null;
const KEEP_TOKENS = 1 << 19;
/** Where entityWords writes, kept from one document to the next (and let go like the others). */
let wordScratch = new Int32Array(256);

function searchTokens(bytes: Buffer, tokens: Tokens, k: Knowledge, options: SearchOptions, carry: Carry | undefined, quoteScratch: QuoteScratch, defer: boolean): SearchResult {
  const entries = k.gazetteer.entries;
  const matches = matchGazetteer(tokens, k.gazetteer.trie, options.overlap, carry?.active);
  const cpBase = carry?.codePoints ?? 0;
  const lineBase = carry?.lines ?? 0;
  const lines = new LineIndex(tokens);

  // A span from token `first` (less `prefix` folded letters of proclitics) to token `last`, in bytes and code points.
  const span = { s: 0, e: 0, cs: 0, ce: 0 };
  const spanOf = (first: number, last: number, prefix: number): typeof span => {
    if (prefix > 0) {
      const [at, cps] = offsetAfterFolded(bytes, tokens.start[first], tokens.end[first], prefix);
      span.s = at;
      span.cs = tokens.cpStart[first] + cps;
    } else {
      span.s = tokens.start[first];
      span.cs = tokens.cpStart[first];
    }
    span.e = tokens.end[last];
    span.ce = tokens.cpEnd[last];
    return span;
  };
  const record = (first: number, last: number, prefix: number) => {
    const { s, e, cs, ce } = spanOf(first, last, prefix);
    const line = lines.lineAt(s);
    return { text: defer ? '' : utf8Slice(bytes, s, e), start: cs + cpBase, end: ce + cpBase, line: line + 1 + lineBase, column: lines.columnAt(cs, line), s, e };
  };
  const withContext = <T extends object>(r: T, s: number, e: number): T & { context?: { before: string; after: string } } => {
    if (options.context <= 0) return r;
    return { ...r, context: { before: takeCodePoints(bytes, s, -options.context), after: takeCodePoints(bytes, e, options.context) } };
  };

  // Built field by field, with no intermediate objects: this runs for every name found.
  const entities: EntityRecord[] = mapObjects(matches, (m) => {
    const e = entries[m.entry];
    const { s, e: end, cs, ce } = spanOf(m.first, m.last, m.prefix);
    const line = lines.lineAt(s);
    const r: EntityRecord = {
      text: defer ? '' : utf8Slice(bytes, s, end),
      type: e.type,
      id: e.id,
      canonical: e.canonical,
      start: cs + cpBase,
      end: ce + cpBase,
      line: line + 1 + lineBase,
      column: lines.columnAt(cs, line),
      source: 'gazetteer',
    };
    if (defer) deferText(r, s, end);
    return withContext(r, s, end);
  });

  // Short-form speakers may refer to entities of earlier chunks.
  const known = carry === undefined ? entities : [...carry.recent, ...entities];
  if (carry !== undefined) carry.recent = known.slice(-RECENT);
  if (options.quotes === 'none') return { entities, quotes: [] };

  // Quotations use leftmost-longest mentions whatever the overlap policy.
  const mentionMatches = options.overlap === 'leftmost-longest' ? matches : matchGazetteer(tokens, k.gazetteer.trie, 'leftmost-longest');
  // The matcher's records are the mentions (their types are looked up by entry).
  const mentions: readonly Mention[] = mentionMatches;
  const ctx = new QuoteContext(tokens, k.lexicon, mentions, entries, quoteScratch);

  const speakerRecord = (sp: SpeakerRef): SpeakerRecord => {
    if (sp === CARRIED) return { ...carry!.previous! };
    const at = record(sp.first, sp.last, sp.prefix);
    const r: SpeakerRecord = { text: at.text, start: at.start, end: at.end };
    if (defer) deferText(r, at.s, at.e);
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
  const records: QuoteRecord[] = mapObjects(found, (q) => {
    const r = record(q.first, q.last, 0);
    let cue: string | null = null;
    if (q.cue !== null) {
      const c = spanOf(q.cue.first, q.cue.last, q.cue.prefix);
      cue = utf8Slice(bytes, c.s, c.e);
    }
    const quote: QuoteRecord = {
      text: r.text,
      start: r.start,
      end: r.end,
      line: r.line,
      column: r.column,
      kind: q.kind,
      cue,
      speaker: q.speaker === null ? null : speakerRecord(q.speaker),
    };
    if (defer) deferText(quote, r.s, r.e);
    const out = withContext(quote, r.s, r.e);
    if (q.via !== null) out.via = speakerRecord(q.via);
    if (q.unclosed) out.unclosed = true;
    return out;
  });
  // Deferred text is read from the bytes where the short forms need it.
  const textOf = (r: MaybeDeferred): string => (r.text === '' && r[TEXT_FROM] !== undefined ? utf8Slice(bytes, r[TEXT_FROM], r[TEXT_TO]!) : r.text);
  // Carried entities come first in `known`; this chunk's are the matches', in order.
  const carried = known.length - entities.length;
  const mayShare = (i: number, words: ReadonlySet<number>): boolean => i < carried || sharesWord(tokens, matches[i - carried], words);
  // Speakers with no entity of their own that may be a short form of one: with
  // no entity carried from an earlier chunk (whose tokens are gone), only
  // those whose every word is a word of a person or organisation found here.
  const open = objects<SpeakerRecord>();
  let wordCount = -1;
  for (let i = 0; i < found.length; i++) {
    const sp = records[i].speaker;
    const ref = found[i].speaker;
    if (sp === null || sp.id !== undefined || sp.org !== undefined) continue;
    if (carried === 0 && ref !== null && ref !== CARRIED) {
      if (wordCount < 0) [wordScratch, wordCount] = entityWords(tokens, matches, entries, wordScratch);
      if (!wordsIn(tokens, ref, wordScratch, wordCount)) continue;
    }
    open.push(sp);
  }
  linkShortForms(open, known, textOf, mayShare);
  if (carry !== undefined && state.previous !== null && state.previous !== CARRIED) carry.previous = speakerRecord(state.previous);
  // A quotation nested in another is reported inside it.
  const quotes = objects<QuoteRecord>();
  found.forEach((q, i) => {
    if (q.parent < 0) quotes.push(records[i]);
    else (records[q.parent].nested ??= []).push(records[i]);
  });
  return { entities, quotes };
}

/**
 * Lines of the input, from the line starts the tokenizer found: the line of
 * a byte offset, and the column of a code-point offset on it. Queries mostly
 * move forward, so the last line found is tried first.
 */
class LineIndex {
  private line = 0;
  constructor(private readonly t: Tokens) {}

  /** 0-based line of byte offset `b`: how many line starts are at or before it. */
  lineAt(b: number): number {
    const starts = this.t.lineByte;
    const n = this.t.lines;
    let line = this.line;
    if (!((line === 0 || starts[line - 1] <= b) && (line === n || starts[line] > b))) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= b) lo = mid + 1;
        else hi = mid;
      }
      line = lo;
    }
    this.line = line;
    return line;
  }

  /** 1-based column of code-point offset `cp` on 0-based line `line`. */
  columnAt(cp: number, line: number): number {
    return cp - (line === 0 ? 0 : this.t.lineCp[line - 1]) + 1;
  }
}

/** Up to |n| code points of the UTF-8 input from byte `from`, forwards (n > 0) or backwards, as text. */
function takeCodePoints(bytes: Buffer, from: number, n: number): string {
  let i = from;
  let left = Math.abs(n);
  if (n > 0) {
    while (i < bytes.length && left-- > 0) {
      i++;
      while (i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
    }
    return utf8Slice(bytes, from, i);
  }
  while (i > 0 && left-- > 0) {
    i--;
    while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
  }
  return utf8Slice(bytes, i, from);
}

/**
 * A speaker named by a short form of an entity mentioned earlier — the surname
 * of a person (الأنصاري after ماجد الأنصاري), the head of an organisation's
 * name (وزارة الخارجية, الخارجية after وزارة الخارجية الروسية) — takes that entity's id
 * and canonical name. The nearest earlier mention wins. `open` are the
 * speakers to look up, `mayShare` a test that lets entities be skipped
 * without folding their text (see sharesWord).
 */
function linkShortForms(open: SpeakerRecord[], entities: EntityRecord[], textOf: (r: MaybeDeferred) => string, mayShare: (i: number, words: ReadonlySet<number>) => boolean): void {
  if (open.length === 0) return;
  // What the speakers ask for: their folded texts, and those texts' lengths,
  // so that only short forms of a wanted length are cut and looked up.
  const wanted = new Set<string>();
  const lengths = new Set<number>();
  const words = new Set<number>();
  const keys = objects<string>();
  for (const sp of open) {
    const short = foldString(textOf(sp));
    keys.push(short);
    if (short.length < 3 || wanted.has(short)) continue;
    wanted.add(short);
    lengths.add(short.length);
    addWordHashes(words, short);
  }
  if (wanted.size === 0) return;
  // Speakers in order of where they start, entities in order of where they
  // end: every short form of the entities ended before a speaker is in
  // `latest` when that speaker is looked up, with the last such entity (in
  // document order) that has it. One pass, not a scan of every earlier
  // entity per speaker, which took most of the time on long documents. No
  // entity past the last speaker is read, nor one that shares no word with
  // any speaker (folding the text of every entity cost a tenth of a run).
  const order = open.map((_, i) => i).sort((a, b) => open[a].start - open[b].start);
  const until = open[order[order.length - 1]].start;
  const ended: number[] = [];
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (e.end <= until && (e.type === 'PER' || e.type === 'ORG') && mayShare(i, words)) ended.push(i);
  }
  ended.sort((a, b) => entities[a].end - entities[b].end);
  const forms: ShortForms = { latest: new Map(), wanted, lengths };
  let next = 0;
  for (const o of order) {
    const sp = open[o];
    while (next < ended.length && entities[ended[next]].end <= sp.start) addShortForms(forms, entities, ended[next++], textOf);
    const short = keys[o];
    if (short.length < 3) continue;
    const i = forms.latest.get(short);
    if (i !== undefined) {
      sp.id = entities[i].id;
      sp.canonical = entities[i].canonical;
    }
  }
}

/** Adds hashString of each word of `folded` (words parted by one space) to `words`, reading it backwards as hashString does. */
function addWordHashes(words: Set<number>, folded: string): void {
  let h = 0;
  for (let i = folded.length - 1; i >= 0; i--) {
    const c = folded.charCodeAt(i);
    if (c !== 0x20) h = hashPrepend(h, c);
    else {
      words.add(h);
      h = 0;
    }
  }
  words.add(h);
}

/**
 * hashString of every word of every person and organisation in `matches`, as
 * sharesWord reads them, into `into` (grown when full; returned with the count).
 * A document names a handful, so a scan of this beats building a set.
 */
function entityWords(t: Tokens, matches: readonly TokenMatch[], entries: Knowledge['gazetteer']['entries'], into: Int32Array<ArrayBuffer>): [Int32Array<ArrayBuffer>, number] {
  let words = into;
  let n = 0;
  for (const m of matches) {
    const type = entries[m.entry].type;
    if (type !== 'PER' && type !== 'ORG') continue;
    for (let k = m.first; k <= m.last; k++) {
      if (n === words.length) {
        const grown = new Int32Array(words.length * 2);
        grown.set(words);
        words = grown;
      }
      words[n++] = wordHash(t, k, m.first, m.prefix);
    }
  }
  return [words, n];
}

/**
 * Is every word of the speaker's folded text one of words[0, n)? A speaker
 * whose tokens are glued together may be (see sharesWord); one with a word
 * no entity has is a short form of none.
 */
function wordsIn(t: Tokens, sp: SpeakerRef, words: Int32Array, n: number): boolean {
  for (let k = sp.first; k <= sp.last; k++) {
    if (k > sp.first && t.gap[k] === GAP_NONE) return true;
    const h = wordHash(t, k, sp.first, sp.prefix);
    let i = 0;
    while (i < n && words[i] !== h) i++;
    if (i === n) return false;
  }
  return true;
}

/** hashString of token k's folded text, less `prefix` proclitic letters when k is the span's first token. */
function wordHash(t: Tokens, k: number, first: number, prefix: number): number {
  return k === first && prefix > 0 ? hashDropFront(t.hash[k], t.codes, t.codeStart[k], prefix) : t.hash[k];
}

/**
 * May the folded text of match m have one of `words` (hashString of folded
 * words) as a word? Its words are its tokens' folded texts (the first
 * without its proclitics), parted by one space; tokens glued together make
 * one word of the text, which no token's hash stands for, so a match with
 * glued tokens always may. Never false for a match that has such a word.
 */
function sharesWord(t: Tokens, m: TokenMatch, words: ReadonlySet<number>): boolean {
  for (let k = m.first; k <= m.last; k++) {
    if (k > m.first && t.gap[k] === GAP_NONE) return true;
    if (words.has(wordHash(t, k, m.first, m.prefix))) return true;
  }
  return false;
}

/** Short forms seen so far (folded) → the latest entity with that form; only the forms speakers want are kept. */
interface ShortForms {
  latest: Map<string, number>;
  wanted: ReadonlySet<string>;
  lengths: ReadonlySet<number>;
}

/** The short forms of entity i (folded): a person's name without its first words, an organisation's name without some of its words at either end. */
function addShortForms(forms: ShortForms, entities: EntityRecord[], i: number, textOf: (r: MaybeDeferred) => string): void {
  const e = entities[i];
  // Folded, so words are parted by exactly one space.
  const full = foldString(textOf(e));
  if (e.type === 'PER') {
    for (let at = full.indexOf(' '); at >= 0; at = full.indexOf(' ', at + 1)) keepLatest(forms, full, at + 1, full.length, i);
    return;
  }
  // Every run of whole words but the whole name: from each word's start to each later word's end.
  for (let start = 0; ; ) {
    for (let space = full.indexOf(' ', start); ; space = full.indexOf(' ', space + 1)) {
      const end = space < 0 ? full.length : space;
      if (start > 0 || end < full.length) keepLatest(forms, full, start, end, i);
      if (space < 0) break;
    }
    const next = full.indexOf(' ', start);
    if (next < 0) return;
    start = next + 1;
  }
}

/** Entity i has the short form full[from, to): `latest` maps it to i unless it maps it to a later one, or no speaker wants it. */
function keepLatest(forms: ShortForms, full: string, from: number, to: number, i: number): void {
  if (!forms.lengths.has(to - from)) return;
  const key = full.slice(from, to);
  if (!forms.wanted.has(key)) return;
  const j = forms.latest.get(key);
  if (j === undefined || j < i) forms.latest.set(key, i);
}
