// Runs kashf over gold-annotated text and counts what it gets right. Two kinds
// of gold: CoNLL/BIO token files (conll.ts) scored per token range as
// conlleval does, and kashf's own gold JSON (score.ts) scored per code-point
// span. It reads no files and prints nothing: callers hand it text and get
// counts back.
//
// CoNLL: the tokens of a file are joined with single spaces and its sentences
// with "\n", so kashf sees the whole file as one document (an ambiguous alias
// can match after an earlier mention, as in a real article; ANERcorp marks no
// article boundaries, so a file is all the context there is). A predicted
// entity covers the tokens whose characters it overlaps: a prediction that
// starts after a proclitic inside a token (و|روسيا) covers that token. It is
// correct only if its token range and type equal a gold entity's.

import type { Kashf } from '../index.js';
import type { EntityRecord, QuoteRecord } from '../types.js';
import type { Sentence } from './conll.js';
import { add, compareEntities, compareQuotes, scores, type Counts, type Gold, type Scores } from './score.js';

/** The types scored unless asked otherwise: the ones kashf produces. */
export const DEFAULT_TYPES: readonly string[] = ['PER', 'ORG', 'LOC'];

export interface FileCounts {
  file: string;
  kind: 'conll' | 'gold-json';
  /** Per scored type (every one of them, zero counts included). */
  byType: Record<string, Counts>;
  /** Direct quotations with an accepted speaker (gold JSON only). */
  quotes?: Counts;
  /** CoNLL only: what was read. */
  sentences?: number;
  tokens?: number;
}

export interface EvalReport {
  types: string[];
  files: FileCounts[];
  byType: Record<string, Scores>;
  /** Micro average over the scored types. */
  micro: Scores;
  /** Present when some gold file had quotations to score (gold JSON). */
  quotes?: Scores;
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

function emptyByType(types: readonly string[]): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const t of types) out[t] = zero();
  return out;
}

/** The document kashf is run on, and each token's code-point range in it. */
export function conllDocument(sentences: readonly Sentence[]): { text: string; starts: number[]; ends: number[]; sentenceStart: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const sentenceStart: number[] = [];
  let pos = 0;
  sentences.forEach((s, si) => {
    if (si > 0) pos += 1; // "\n"
    sentenceStart.push(starts.length);
    s.tokens.forEach((t, ti) => {
      if (ti > 0) pos += 1; // " "
      starts.push(pos);
      pos += [...t].length;
      ends.push(pos);
    });
  });
  const text = sentences.map((s) => s.tokens.join(' ')).join('\n');
  return { text, starts, ends, sentenceStart };
}

/** Index of the last token starting at or before `cp`, or -1. */
function tokenAt(starts: readonly number[], cp: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= cp) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Token ranges [first, last + 1) of predicted entities; one entity per token, the leftmost kept, as in a BIO tag sequence. */
export function predictedTokenSpans(entities: readonly EntityRecord[], starts: readonly number[], ends: readonly number[]): { start: number; end: number; type: string }[] {
  const out: { start: number; end: number; type: string }[] = [];
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  let taken = -1; // last token already covered
  for (const e of sorted) {
    let first = tokenAt(starts, e.start);
    if (first < 0) continue;
    if (ends[first] <= e.start) first++; // started in the space after a token: cannot happen, but never count that token
    const last = tokenAt(starts, e.end - 1);
    if (last < first || first <= taken) continue;
    out.push({ start: first, end: last + 1, type: e.type });
    taken = last;
  }
  return out;
}

/** Counts for one CoNLL file, run through kashf as one document. */
export function evaluateConll(kashf: Kashf, file: string, sentences: readonly Sentence[], types: readonly string[] = DEFAULT_TYPES): FileCounts {
  const byType = emptyByType(types);
  const { text, starts, ends, sentenceStart } = conllDocument(sentences);
  const keep = (t: string): boolean => types.includes(t);

  const gold = new Map<string, number>(); // "start:end:type" → unmatched count
  sentences.forEach((s, si) => {
    for (const g of s.spans) {
      if (!keep(g.type)) continue;
      const key = `${sentenceStart[si] + g.start}:${sentenceStart[si] + g.end}:${g.type}`;
      gold.set(key, (gold.get(key) ?? 0) + 1);
      byType[g.type].fn++;
    }
  });

  const { entities } = kashf.extract(text, { quotes: 'none' });
  for (const p of predictedTokenSpans(entities, starts, ends)) {
    if (!keep(p.type)) continue;
    const key = `${p.start}:${p.end}:${p.type}`;
    const left = gold.get(key) ?? 0;
    if (left > 0) {
      gold.set(key, left - 1);
      byType[p.type].tp++;
      byType[p.type].fn--;
    } else byType[p.type].fp++;
  }
  return { file, kind: 'conll', byType, sentences: sentences.length, tokens: starts.length };
}

/** Direct quotations, nested ones included: what kashf's gold annotates. */
function directQuotes(quotes: readonly QuoteRecord[]): QuoteRecord[] {
  const out: QuoteRecord[] = [];
  const walk = (qs: readonly QuoteRecord[]): void => {
    for (const q of qs) {
      if (q.kind === 'direct') out.push(q);
      if (q.nested !== undefined) walk(q.nested);
    }
  };
  walk(quotes);
  return out;
}

/** Counts for one article in kashf's gold JSON format (`text` without its BOM). */
export function evaluateGold(kashf: Kashf, file: string, gold: Gold, text: string, types: readonly string[] = DEFAULT_TYPES): FileCounts {
  const result = kashf.extract(text);
  const byType = emptyByType(types);
  const c = compareEntities(gold.entities, result.entities, types);
  for (const [t, n] of Object.entries(c.byType)) byType[t] = add(byType[t] ?? zero(), n);
  const q = compareQuotes(gold.quotes, directQuotes(result.quotes));
  return { file, kind: 'gold-json', byType, quotes: { tp: q.tp, fp: q.fp, fn: q.fn } };
}

/** Adds the files' counts up: per type, micro-averaged, and quotations. */
export function summarise(files: readonly FileCounts[], types: readonly string[] = DEFAULT_TYPES): EvalReport {
  const totals = emptyByType(types);
  let quotes: Counts | undefined;
  for (const f of files) {
    for (const t of types) totals[t] = add(totals[t], f.byType[t] ?? zero());
    if (f.quotes !== undefined) quotes = add(quotes ?? zero(), f.quotes);
  }
  const byType: Record<string, Scores> = {};
  let micro = zero();
  for (const t of types) {
    byType[t] = scores(totals[t]);
    micro = add(micro, totals[t]);
  }
  const report: EvalReport = { types: [...types], files: [...files], byType, micro: scores(micro) };
  if (quotes !== undefined) report.quotes = scores(quotes);
  return report;
}

/** Validates a --types list: upper-case names, PERS read as PER, each once. */
export function parseTypes(list: string): string[] | null {
  const out: string[] = [];
  for (const raw of list.split(',')) {
    const t = raw.trim().toUpperCase();
    if (!/^[A-Z]+$/.test(t)) return null;
    const n = t === 'PERS' ? 'PER' : t;
    if (!out.includes(n)) out.push(n);
  }
  return out.length === 0 ? null : out;
}
