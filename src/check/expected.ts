// The expected-output file: one document record, exactly what the jsonl
// printer writes for the fixture ({file, entities, quotes}), with `file` the
// base name only (no directory, so the file does not depend on where kashf
// ran), keys in a fixed order, entities and quotations in document order,
// pretty-printed with two spaces and a final newline. Nothing in it changes
// from run to run: no paths, no timestamps.

import type { DocumentResult, EntityRecord, QuoteRecord, SpeakerRecord } from '../types.js';

export type ExpectedErrorCode = 'EXPECTED_JSON' | 'EXPECTED_SHAPE' | 'EXPECTED_IO';

/** A broken expected file. The CLI reports it with the file's name and exits 2. */
export class ExpectedFileError extends Error {
  readonly code: ExpectedErrorCode;
  constructor(code: ExpectedErrorCode, message: string) {
    super(message);
    this.name = 'ExpectedFileError';
    this.code = code;
  }
}

const DOCUMENT_KEYS = ['file', 'id', 'document', 'entities', 'quotes'];
const ENTITY_KEYS = ['text', 'type', 'id', 'canonical', 'start', 'end', 'line', 'column', 'context', 'source'];
const QUOTE_KEYS = ['text', 'start', 'end', 'line', 'column', 'context', 'kind', 'cue', 'speaker', 'via', 'nested', 'unclosed'];
const SPEAKER_KEYS = ['text', 'start', 'end', 'id', 'canonical', 'org'];
const CONTEXT_KEYS = ['before', 'after'];
const ORG_KEYS = ['id', 'canonical'];

/** `value`'s keys in `order`, then any others sorted, so a field added later still lands in one place. */
function ordered<T extends object>(value: T, order: readonly string[], nested: Partial<Record<string, (v: never) => unknown>> = {}): T {
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const rest = Object.keys(src)
    .filter((k) => !order.includes(k))
    .sort();
  for (const k of [...order, ...rest]) {
    if (!(k in src) || src[k] === undefined) continue;
    const f = nested[k];
    out[k] = f !== undefined && src[k] !== null ? f(src[k] as never) : src[k];
  }
  return out as T;
}

const inOrder = <T extends { start: number; end: number }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.start - b.start || a.end - b.end);

const speaker = (s: SpeakerRecord): SpeakerRecord => ordered(s, SPEAKER_KEYS, { org: (o: object) => ordered(o, ORG_KEYS) });
const context = (c: object) => ordered(c, CONTEXT_KEYS);
const entity = (e: EntityRecord): EntityRecord => ordered(e, ENTITY_KEYS, { context });
const quote = (q: QuoteRecord): QuoteRecord =>
  ordered(q, QUOTE_KEYS, { context, speaker, via: speaker, nested: (n: QuoteRecord[]) => inOrder(n).map(quote) });

/** The record as stored in an expected file. */
export function toExpected(doc: DocumentResult, file: string): DocumentResult {
  return ordered({ ...doc, file }, DOCUMENT_KEYS, {
    entities: (es: EntityRecord[]) => inOrder(es).map(entity),
    quotes: (qs: QuoteRecord[]) => inOrder(qs).map(quote),
  });
}

export function serializeExpected(doc: DocumentResult): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Parses an expected file's text; `name` is only for the error message. */
export function parseExpected(json: string, name: string): DocumentResult {
  let value: unknown;
  try {
    value = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (e) {
    throw new ExpectedFileError('EXPECTED_JSON', `${name}: not valid JSON (${(e as Error).message})`);
  }
  const shape = (what: string) => new ExpectedFileError('EXPECTED_SHAPE', `${name}: ${what}; expected {"file", "entities": [...], "quotes": [...]}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw shape(`top level is ${describe(value)}, not an object`);
  const v = value as Record<string, unknown>;
  if (typeof v.file !== 'string') throw shape(`"file" is ${describe(v.file)}, not a string`);
  for (const key of ['entities', 'quotes'] as const) {
    const list = v[key];
    if (!Array.isArray(list)) throw shape(`"${key}" is ${describe(list)}, not an array`);
    list.forEach((item: unknown, i) => {
      const r = item as Record<string, unknown> | null;
      if (typeof r !== 'object' || r === null || typeof r.start !== 'number' || typeof r.end !== 'number' || typeof r.text !== 'string') {
        throw shape(`"${key}"[${i}] is ${JSON.stringify(item)?.slice(0, 80)}, not a record with text, start and end`);
      }
    });
  }
  return v as unknown as DocumentResult;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 40))}`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
