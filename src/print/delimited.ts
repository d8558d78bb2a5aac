// TSV and CSV: one row per entity mention, under one header row. Quotations
// are not in these formats (use json/jsonl). When a file holds many documents
// (--split, --input jsonl), two columns at the end say which one a row is
// from: `document` (its index in the file) and, for JSON Lines records,
// `record` (the record's id). Values are the records' logical text exactly;
// only the escaping differs:
//   tsv: backslash, tab, newline and carriage return become \\ \t \n \r
//   csv: RFC 4180 — a field with a comma, double quote, CR or LF is quoted,
//        quotes doubled; records end with CRLF.

import type { DocumentResult, EntityRecord } from '../types.js';
import type { DocumentStream, Printer } from './index.js';
import type { Sink } from './sink.js';

export const ENTITY_COLUMNS = ['file', 'type', 'text', 'canonical', 'id', 'start', 'end', 'line', 'column'] as const;

/** Which documents the rows come from: the columns after ENTITY_COLUMNS. */
export interface DocumentColumns {
  /** A `document` column: the document's index in its file (--split, --input jsonl). */
  document: boolean;
  /** A `record` column: the JSON Lines record's id (--input jsonl). */
  record: boolean;
}

export const WHOLE_FILES: DocumentColumns = { document: false, record: false };

/** The header: ENTITY_COLUMNS, then the document columns asked for. */
export function delimitedColumns(c: DocumentColumns): string[] {
  return [...ENTITY_COLUMNS, ...(c.document ? ['document'] : []), ...(c.record ? ['record'] : [])];
}

/** A record's id as a field: a string as it is, any other JSON value as JSON; empty when the record had none. */
export function recordField(id: unknown): string {
  return id === undefined ? '' : typeof id === 'string' ? id : JSON.stringify(id);
}

function row(file: string, e: EntityRecord, c: DocumentColumns, d?: Pick<DocumentResult, 'document' | 'id'>): string[] {
  const values = [file, e.type, e.text, e.canonical, e.id, String(e.start), String(e.end), String(e.line), String(e.column)];
  if (c.document) values.push(d?.document === undefined ? '' : String(d.document));
  if (c.record) values.push(recordField(d?.id));
  return values;
}

const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function tsvField(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPES[c]);
}

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

abstract class DelimitedPrinter implements Printer {
  protected abstract readonly separator: string;
  protected abstract readonly newline: string;
  protected abstract field(s: string): string;
  constructor(
    private readonly sink: Sink,
    private readonly columns: DocumentColumns = WHOLE_FILES,
  ) {}
  begin(): void {
    this.line(delimitedColumns(this.columns));
  }
  document(d: DocumentResult, _text?: string | Uint8Array): void {
    for (const e of d.entities) this.line(row(d.file, e, this.columns, d));
  }
  /** A whole file read in chunks: one document, with no index or id. */
  open(file: string): DocumentStream {
    return {
      add: (entities: EntityRecord[]) => {
        for (const e of entities) this.line(row(file, e, this.columns));
      },
      close: () => {},
    };
  }
  end(): void {}
  private line(values: string[]): void {
    this.sink.write(values.map((v) => this.field(v)).join(this.separator) + this.newline);
  }
}

export class TsvPrinter extends DelimitedPrinter {
  protected readonly separator = '\t';
  protected readonly newline = '\n';
  protected field(s: string): string {
    return tsvField(s);
  }
}

export class CsvPrinter extends DelimitedPrinter {
  protected readonly separator = ',';
  protected readonly newline = '\r\n';
  protected field(s: string): string {
    return csvField(s);
  }
}
