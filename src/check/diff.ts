// Expected against actual, as records: which entities and quotations are
// missing (expected, not found now), extra (found now, not expected) or
// changed (some field differs). Items are paired first by being identical,
// then by span, then by one shared boundary and the same type or kind, so a
// changed canonical name or a quotation that now ends earlier shows as one
// change, not as a missing and an extra. Nested quotations are compared as quotations
// of their own, each remembering the span of the one around it.

import type { DocumentResult, EntityRecord, QuoteRecord } from '../types.js';

export type Change = 'missing' | 'extra' | 'changed';

export interface FieldChange {
  field: string;
  expected: unknown;
  actual: unknown;
}

/** A quotation as compared: without its nested ones, with the span of its parent if nested. */
export type FlatQuote = Omit<QuoteRecord, 'nested'> & { within?: { start: number; end: number } };

export type Difference =
  | { item: 'file'; change: 'changed'; expected: string; actual: string }
  | { item: 'entity'; change: Change; record: EntityRecord; fields?: FieldChange[] }
  | { item: 'quote'; change: Change; record: FlatQuote; fields?: FieldChange[] };

export function flattenQuotes(quotes: readonly QuoteRecord[], within?: { start: number; end: number }): FlatQuote[] {
  const out: FlatQuote[] = [];
  for (const q of quotes) {
    const { nested, ...rest } = q;
    out.push(within === undefined ? rest : { ...rest, within });
    if (nested) out.push(...flattenQuotes(nested, { start: q.start, end: q.end }));
  }
  return out;
}

/** Key-order-independent JSON, so a hand-reordered expected file still compares equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function fieldChanges(expected: object, actual: object): FieldChange[] {
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
  return keys.filter((k) => canonical(e[k]) !== canonical(a[k])).map((k) => ({ field: k, expected: e[k], actual: a[k] }));
}

/** An entity's type or a quotation's kind: a boundary-moved pair must agree on it. */
function kindOf(r: object): unknown {
  const o = r as { type?: unknown; kind?: unknown };
  return o.type ?? o.kind;
}

function compare<T extends { start: number; end: number }>(
  expected: readonly T[],
  actual: readonly T[],
): { change: Change; record: T; fields?: FieldChange[] }[] {
  const out: { change: Change; record: T; fields?: FieldChange[] }[] = [];
  const unmatched = new Map<string, number[]>();
  actual.forEach((a, i) => {
    const k = canonical(a);
    unmatched.set(k, [...(unmatched.get(k) ?? []), i]);
  });
  const usedActual = new Set<number>();
  const leftExpected: T[] = [];
  for (const e of expected) {
    const same = unmatched.get(canonical(e));
    if (same && same.length > 0) usedActual.add(same.shift()!);
    else leftExpected.push(e);
  }
  const leftActual = actual.filter((_, i) => !usedActual.has(i));
  // Then by span, then by one boundary shared (a quotation now ending at a comma): a change, not a loss and a find.
  const sameSpan = (e: T, a: T): boolean => e.start === a.start && e.end === a.end;
  const oneBoundary = (e: T, a: T): boolean => (e.start === a.start || e.end === a.end) && kindOf(e) === kindOf(a);
  for (const matches of [sameSpan, oneBoundary]) {
    const stillExpected: T[] = [];
    for (const e of leftExpected) {
      const i = leftActual.findIndex((a) => matches(e, a));
      if (i < 0) {
        stillExpected.push(e);
        continue;
      }
      const [a] = leftActual.splice(i, 1);
      out.push({ change: 'changed', record: a, fields: fieldChanges(e, a) });
    }
    leftExpected.splice(0, leftExpected.length, ...stillExpected);
  }
  for (const e of leftExpected) out.push({ change: 'missing', record: e });
  for (const a of leftActual) out.push({ change: 'extra', record: a });
  return out.sort((x, y) => x.record.start - y.record.start || x.record.end - y.record.end);
}

/** Every difference, entities first, each list in document order; empty when the documents agree. */
export function diffDocuments(expected: DocumentResult, actual: DocumentResult): Difference[] {
  const out: Difference[] = [];
  if (expected.file !== actual.file) out.push({ item: 'file', change: 'changed', expected: expected.file, actual: actual.file });
  for (const d of compare(expected.entities, actual.entities)) out.push({ item: 'entity', ...d });
  for (const d of compare(flattenQuotes(expected.quotes), flattenQuotes(actual.quotes))) out.push({ item: 'quote', ...d });
  return out;
}

/** "2 missing, 1 extra, 1 changed" (only the non-zero counts). */
export function countChanges(diffs: readonly Difference[]): string {
  const n = (c: Change) => diffs.filter((d) => d.change === c).length;
  return (['missing', 'extra', 'changed'] as const)
    .filter((c) => n(c) > 0)
    .map((c) => `${n(c)} ${c}`)
    .join(', ');
}
