// Stage 3: one document through normalise → match → resolve → map back.
// Runs the matchers over the tokens, then turns token positions into records
// with code-point offsets into the original text. Every span leaves this
// module through the same two functions (span, cp), so offsets are mapped in
// one place.

import type { Knowledge } from '../gazetteer/load.js';
import { matchGazetteer, type OverlapPolicy } from '../match/gazetteer.js';
import { findQuotes, QuoteContext, type Mention, type SpeakerRef } from '../match/quotes/index.js';
import { CodePointIndex, offsetAfterFolded, tokenize } from '../normalize/index.js';
import type { EntityRecord, QuoteRecord, SpeakerRecord } from '../types.js';

export type QuoteMode = 'all' | 'direct' | 'none';

export interface SearchOptions {
  overlap: OverlapPolicy;
  quotes: QuoteMode;
}

export const DEFAULT_SEARCH: SearchOptions = { overlap: 'leftmost-longest', quotes: 'all' };

export interface SearchResult {
  entities: EntityRecord[];
  quotes: QuoteRecord[];
}

/** Searches one document. `text` must already have its BOM removed. */
export function searchText(text: string, k: Knowledge, options: SearchOptions = DEFAULT_SEARCH): SearchResult {
  const tokens = tokenize(text);
  const cps = new CodePointIndex(text);
  const entries = k.gazetteer.entries;
  const matches = matchGazetteer(tokens, k.gazetteer.trie, options.overlap);

  const spanOf = (first: number, last: number, prefix: number): [number, number] => {
    const s = prefix > 0 ? offsetAfterFolded(text, tokens.start[first], tokens.end[first], prefix) : tokens.start[first];
    return [s, tokens.end[last]];
  };
  const record = (s: number, e: number) => ({ text: text.slice(s, e), start: cps.toCodePoint(s), end: cps.toCodePoint(e) });

  const entities: EntityRecord[] = matches.map((m) => {
    const e = entries[m.entry];
    const [s, end] = spanOf(m.first, m.last, m.prefix);
    const r = record(s, end);
    return { text: r.text, type: e.type, id: e.id, canonical: e.canonical, start: r.start, end: r.end, source: 'gazetteer' };
  });

  if (options.quotes === 'none') return { entities, quotes: [] };

  // Quotations use leftmost-longest mentions whatever the overlap policy.
  const mentionMatches = options.overlap === 'leftmost-longest' ? matches : matchGazetteer(tokens, k.gazetteer.trie, 'leftmost-longest');
  const mentions: Mention[] = mentionMatches.map((m) => ({ ...m, type: entries[m.entry].type }));
  const ctx = new QuoteContext(tokens, k.lexicon, mentions);

  const speakerRecord = (sp: SpeakerRef): SpeakerRecord => {
    const [s, e] = spanOf(sp.first, sp.last, sp.prefix);
    const r: SpeakerRecord = record(s, e);
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

  const found = findQuotes(ctx, options.quotes === 'all');
  const records: QuoteRecord[] = found.map((q) => {
    const r = record(tokens.start[q.first], tokens.end[q.last]);
    let cue: string | null = null;
    if (q.cue !== null) {
      const [cs, ce] = spanOf(q.cue.first, q.cue.last, q.cue.prefix);
      cue = text.slice(cs, ce);
    }
    const out: QuoteRecord = { text: r.text, start: r.start, end: r.end, kind: q.kind, cue, speaker: q.speaker === null ? null : speakerRecord(q.speaker) };
    if (q.via !== null) out.via = speakerRecord(q.via);
    if (q.unclosed) out.unclosed = true;
    return out;
  });
  // A quotation nested in another is reported inside it.
  const quotes: QuoteRecord[] = [];
  found.forEach((q, i) => {
    if (q.parent < 0) quotes.push(records[i]);
    else (records[q.parent].nested ??= []).push(records[i]);
  });
  return { entities, quotes };
}
