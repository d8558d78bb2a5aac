// Turns inputs into documents: a whole file, one document per paragraph or
// line (--split), or one per JSON Lines record (--input jsonl). Documents come
// out in input order; a problem with one input or record is reported and the
// rest go on.

import { statSync } from 'node:fs';
import { KashfError } from '../errors.js';
import type { SearchResult } from '../search/index.js';
import type { DocumentColumns } from '../print/delimited.js';
import type { DocumentResult } from '../types.js';
import type { Input } from './inputs.js';
import { isBlank, segments } from './bytes.js';
import { readInputBytes } from './inputs.js';

export type Split = 'none' | 'paragraph' | 'line';
export const SPLITS: readonly Split[] = ['none', 'paragraph', 'line'];
export type InputFormat = 'text' | 'jsonl';
export const INPUT_FORMATS: readonly InputFormat[] = ['text', 'jsonl'];

export interface DocumentSource {
  split: Split;
  input: InputFormat;
  idField: string;
  textField: string;
  /** Whole files larger than this many bytes are read in chunks (see stream.ts). */
  streamAbove: number;
}

export interface SourceDocument {
  file: string;
  /** The document as searched: text, or a whole file's UTF-8 bytes (checked, BOM removed). */
  text: string | Uint8Array;
  /** Index of the document within its file (with --split or --input jsonl). */
  document?: number;
  /** The record's id (with --input jsonl). */
  id?: unknown;
}

/**
 * The columns that tell TSV and CSV rows from different documents of one
 * file apart: an index whenever a file is many documents, and the record's
 * id when they are JSON Lines records.
 */
export function documentColumns(source: Pick<DocumentSource, 'split' | 'input'>): DocumentColumns {
  return { document: source.split !== 'none' || source.input === 'jsonl', record: source.input === 'jsonl' };
}

/** The printed record of a searched document. Key order is part of the output contract: file, id, document, entities, quotes. */
export function documentRecord(doc: Pick<SourceDocument, 'file' | 'id' | 'document'>, r: SearchResult): DocumentResult {
  return {
    file: doc.file,
    ...(doc.id !== undefined ? { id: doc.id } : {}),
    ...(doc.document !== undefined ? { document: doc.document } : {}),
    entities: r.entities,
    quotes: r.quotes,
  };
}

export type DocumentEvent =
  | { doc: SourceDocument }
  /** A file to read in chunks: one document, too large to hold whole. */
  | { stream: { file: string; path: string } }
  | { problem: { name: string; message: string } };

export async function* documents(inputs: Input[], source: DocumentSource, readStdin: () => Promise<Buffer>): AsyncGenerator<DocumentEvent> {
  for (const input of inputs) {
    if (input.path !== null) {
      // A whole file is sized as it is opened: one too large to hold comes back as a stream event.
      yield* fileDocuments(input.name, input.path, source, source.input === 'text' && source.split === 'none' ? source.streamAbove : Infinity);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readStdin();
    } catch (e) {
      if (!(e instanceof KashfError)) throw e;
      yield { problem: { name: input.name, message: e.message } };
      continue;
    }
    yield* documentsIn(input.name, bytes, source);
  }
}

/**
 * The documents of one file, read here; a file that cannot be read is a
 * problem. A whole file is searched as the bytes it is; only --split and
 * --input jsonl decode it. Given `streamAbove`, a file larger than that is
 * not read but handed back to be streamed (documents() passes the streaming
 * threshold for whole files, and so does a --jobs thread for a whole file
 * the main thread did not size; one it sized is read whole).
 */
export function fileDocuments(name: string, path: string, source: DocumentSource): Generator<Exclude<DocumentEvent, { stream: unknown }>>;
export function fileDocuments(name: string, path: string, source: DocumentSource, streamAbove: number): Generator<DocumentEvent>;
export function* fileDocuments(name: string, path: string, source: DocumentSource, streamAbove = Infinity): Generator<DocumentEvent> {
  let bytes: Buffer | null;
  try {
    bytes = readInputBytes(path, streamAbove);
  } catch (e) {
    if (!(e instanceof KashfError)) throw e;
    yield { problem: { name, message: e.message } };
    return;
  }
  if (bytes === null) yield { stream: { file: name, path } };
  else yield* documentsIn(name, bytes, source);
}

/**
 * The documents of one input: the whole, its parts (--split: lines at LF,
 * CR LF or CR; paragraphs at blank lines, white space only) or its records
 * (--input jsonl). Only JSON Lines are decoded.
 */
function* documentsIn(name: string, bytes: Buffer, source: DocumentSource): Generator<Exclude<DocumentEvent, { stream: unknown }>> {
  if (source.input === 'jsonl') {
    yield* records(name, bytes.toString('utf8'), source);
    return;
  }
  if (source.split === 'none') {
    yield { doc: { file: name, text: bytes } };
    return;
  }
  let n = 0;
  for (const part of segments(bytes, source.split)) {
    if (isBlank(part)) continue;
    yield { doc: { file: name, text: part, document: n++ } };
  }
}

function* records(name: string, text: string, source: DocumentSource): Generator<Exclude<DocumentEvent, { stream: unknown }>> {
  const lines = text.split(/\r?\n/);
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield { problem: { name: `${name}:${i + 1}`, message: 'not a JSON object' } };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { problem: { name: `${name}:${i + 1}`, message: 'not a JSON object' } };
      continue;
    }
    const record = value as Record<string, unknown>;
    const body = record[source.textField];
    if (typeof body !== 'string') {
      yield { problem: { name: `${name}:${i + 1}`, message: `field "${source.textField}" is missing or not a string` } };
      continue;
    }
    const doc: SourceDocument = { file: name, text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, document: n++ };
    if (source.idField in record) doc.id = record[source.idField];
    yield { doc };
  }
}

export function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // reported when it is read
  }
}
