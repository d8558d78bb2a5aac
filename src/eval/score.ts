// Scoring predictions against gold annotations in kashf's gold JSON format
// (as ../shared/seed/lavrov-wang-yi.gold.json): exact-span entity matching with
// accepted alternative spans, and quotations counted correct only with an
// acceptable speaker. Optional gold items are neither required nor penalised.

import type { EntityRecord, QuoteRecord } from '../types.js';

export interface GoldEntity {
  text: string;
  type: string;
  start: number;
  end: number;
  optional?: boolean;
  alts?: { start: number; end: number }[];
}

export interface GoldQuote {
  text: string;
  start: number;
  end: number;
  optional?: boolean;
  speakers: string[];
}

export interface Gold {
  entities: GoldEntity[];
  quotes: GoldQuote[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

export function add(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export interface EntityComparison {
  byType: Record<string, Counts>;
  missing: GoldEntity[];
  extra: EntityRecord[];
}

const spansOf = (g: GoldEntity): [number, number][] => [[g.start, g.end], ...(g.alts ?? []).map((a): [number, number] => [a.start, a.end])];

/** Entity precision/recall per type: a prediction is right when its type and span match a gold mention or one of its alts. */
export function compareEntities(gold: GoldEntity[], predicted: EntityRecord[], types?: readonly string[]): EntityComparison {
  const keep = (t: string) => types === undefined || types.includes(t);
  const byType: Record<string, Counts> = {};
  const counts = (t: string) => (byType[t] ??= { tp: 0, fp: 0, fn: 0 });
  const used = new Set<number>();
  const extra: EntityRecord[] = [];
  for (const p of predicted) {
    if (!keep(p.type)) continue;
    const k = gold.findIndex((g, i) => !used.has(i) && g.type === p.type && spansOf(g).some(([s, e]) => s === p.start && e === p.end));
    if (k < 0) {
      counts(p.type).fp++;
      extra.push(p);
      continue;
    }
    used.add(k);
    if (!gold[k].optional) counts(p.type).tp++;
  }
  const missing: GoldEntity[] = [];
  gold.forEach((g, i) => {
    if (!keep(g.type) || g.optional || used.has(i)) return;
    counts(g.type).fn++;
    missing.push(g);
  });
  return { byType, missing, extra };
}

export interface QuoteComparison extends Counts {
  /** Gold quotations found with a wrong or no speaker. */
  wrongSpeaker: { gold: GoldQuote; predicted: QuoteRecord }[];
  missing: GoldQuote[];
  extra: QuoteRecord[];
}

/** Quotation precision/recall: right span and an acceptable speaker (its text or canonical name). */
export function compareQuotes(gold: GoldQuote[], predicted: QuoteRecord[]): QuoteComparison {
  const result: QuoteComparison = { tp: 0, fp: 0, fn: 0, wrongSpeaker: [], missing: [], extra: [] };
  const used = new Set<number>();
  for (const p of predicted) {
    const k = gold.findIndex((g, i) => !used.has(i) && g.start === p.start && g.end === p.end);
    if (k < 0) {
      result.fp++;
      result.extra.push(p);
      continue;
    }
    used.add(k);
    const g = gold[k];
    const ok = p.speaker !== null && (g.speakers.includes(p.speaker.text) || (p.speaker.canonical !== undefined && g.speakers.includes(p.speaker.canonical)));
    if (g.optional) continue;
    if (ok) result.tp++;
    else {
      // Right passage, wrong speaker: a false positive and a miss, as in attribution scoring.
      result.fp++;
      result.fn++;
      result.wrongSpeaker.push({ gold: g, predicted: p });
    }
  }
  gold.forEach((g, i) => {
    if (g.optional || used.has(i)) return;
    result.fn++;
    result.missing.push(g);
  });
  return result;
}
