// Turns inputs into documents: a whole file, one document per paragraph or
// line (--split), or one per JSON Lines record (--input jsonl). Documents come
// out in input order; a problem with one input or record is reported and the
// rest go on. An input larger than the streaming threshold (files and stdin
// alike) is never held whole: its lines, paragraphs or records are read in
// chunks and handed on as they come, and one large document comes back as a
// stream event, to be searched chunk by chunk.

import { statSync } from 'node:fs';
import { KashfError } from '../errors.js';
import type { SearchResult } from '../search/index.js';
import type { DocumentColumns } from '../print/delimited.js';
import type { DocumentResult } from '../types.js';
import type { Input } from './inputs.js';
import { isBlank, segmentCut, segments } from './bytes.js';
import { checkedBytes, MAX_INPUT_BYTES, readInputBytes } from './inputs.js';
import { Cutter, fileChunks, streamChunks } from './stream.js';

export type Split = 'none' | 'paragraph' | 'line';
export const SPLITS: readonly Split[] = ['none', 'paragraph', 'line'];
export type InputFormat = 'text' | 'jsonl';
export const INPUT_FORMATS: readonly InputFormat[] = ['text', 'jsonl'];

export interface DocumentSource {
  split: Split;
  input: InputFormat;
  idField: string;
  textField: string;
  /** Inputs larger than this many bytes are read in chunks (see stream.ts)… */
  streamAbove: number;
  /** … of about this many. */
  chunkBytes: number;
}

/** Stdin, read up to a limit: whole, or (longer) every piece of it, those read so far first. */
export type StdinRead = { whole: Buffer } | { pieces: AsyncIterable<Uint8Array> };

export interface SourceDocument {
  file: string;
  /** The document as searched: UTF-8 bytes (checked, BOM removed), a whole file, a line or paragraph of one, or a record's text encoded; or text. */
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
  /** One document too large to hold whole, to read in chunks: a file's, or stdin's (its pieces). */
  | { stream: { file: string; path: string } | { file: string; pieces: AsyncIterable<Uint8Array> } }
  | { problem: { name: string; message: string } };

export async function* documents(inputs: Input[], source: DocumentSource, readStdin: (limit: number) => Promise<StdinRead>): AsyncGenerator<DocumentEvent> {
  const whole = source.input === 'text' && source.split === 'none';
  for (const input of inputs) {
    if (input.path !== null) {
      // A file is sized as it is opened: one too large to hold comes back as a stream event, or is read in chunks here.
      for (const event of fileDocuments(input.name, input.path, source, source.streamAbove)) {
        if (!('stream' in event) || whole) yield event;
        else yield* streamedDocuments(input.name, fileChunks(input.path, cutterFor(source)), source);
      }
      continue;
    }
    let read: StdinRead;
    try {
      read = await readStdin(source.streamAbove);
    } catch (e) {
      if (!(e instanceof KashfError)) throw e;
      yield { problem: { name: input.name, message: e.message } };
      continue;
    }
    if ('pieces' in read) {
      if (whole) yield { stream: { file: input.name, pieces: read.pieces } };
      else yield* streamedDocuments(input.name, streamChunks(read.pieces, cutterFor(source)), source);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = checkedBytes(read.whole);
    } catch (e) {
      if (!(e instanceof KashfError)) throw e;
      yield { problem: { name: input.name, message: e.message } };
      continue;
    }
    yield* documentsIn(input.name, bytes, source);
  }
}

/** Cuts a --split or --input jsonl input into chunks of whole lines, paragraphs or records. */
function cutterFor(source: DocumentSource): Cutter {
  const unit = source.input === 'jsonl' || source.split === 'line' ? 'line' : 'paragraph';
  return new Cutter((b, from) => segmentCut(b, unit, from), source.chunkBytes, MAX_INPUT_BYTES);
}

/**
 * The documents of an input read in chunks (each ending after a whole line,
 * paragraph or record), numbered as documentsIn numbers those of an input
 * read whole; records keep their line numbers. A problem with the input
 * (binary, not UTF-8 from some chunk on) ends it, after the documents
 * before it.
 */
async function* streamedDocuments(name: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>, source: DocumentSource): AsyncGenerator<DocumentEvent> {
  const at = { document: 0, line: 0 };
  try {
    for await (const chunk of chunks) {
      if (source.input === 'jsonl') yield* records(name, chunk.toString('utf8'), source, at);
      else yield* parts(name, chunk, source.split as Exclude<Split, 'none'>, at);
    }
  } catch (e) {
    if (!(e instanceof KashfError)) throw e;
    yield { problem: { name, message: e.message } };
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
  yield* parts(name, bytes, source.split, { document: 0, line: 0 });
}

/** Where the next document of an input read in chunks is: its index, and (JSON Lines) the line it starts on, from 0. */
interface Position {
  document: number;
  line: number;
}

/** The non-blank lines or paragraphs of `bytes`, as documents numbered from `at`. */
function* parts(name: string, bytes: Buffer, unit: Exclude<Split, 'none'>, at: Position): Generator<Exclude<DocumentEvent, { stream: unknown }>> {
  for (const part of segments(bytes, unit)) {
    if (isBlank(part)) continue;
    yield { doc: { file: name, text: part, document: at.document++ } };
  }
}

/** The JSON Lines records of `text` (whole lines), numbered from `at`; a problem names the line. */
function* records(name: string, text: string, source: DocumentSource, at: Position = { document: 0, line: 0 }): Generator<Exclude<DocumentEvent, { stream: unknown }>> {
  const lines = text.split(/\r?\n/);
  // Text read in chunks ends with a line break: the empty string after it is no line.
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const first = at.line;
  at.line += count;
  for (let i = 0; i < count; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const where = `${name}:${first + i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield { problem: { name: where, message: 'not a JSON object' } };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { problem: { name: where, message: 'not a JSON object' } };
      continue;
    }
    const record = value as Record<string, unknown>;
    const body = record[source.textField];
    if (typeof body !== 'string') {
      yield { problem: { name: where, message: `field "${source.textField}" is missing or not a string` } };
      continue;
    }
    // As UTF-8, as a file's documents are: searched without encoding it again, sent to a thread packed with the batch's others, printed from its bytes.
    const doc: SourceDocument = { file: name, text: Buffer.from(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, 'utf8'), document: at.document++ };
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
