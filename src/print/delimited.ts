// TSV and CSV: one row per entity mention, under one header row. Quotations
// are not in these formats (use json/jsonl). Values are the records' logical
// text exactly; only the escaping differs:
//   tsv: backslash, tab, newline and carriage return become \\ \t \n \r
//   csv: RFC 4180 — a field with a comma, double quote, CR or LF is quoted,
//        quotes doubled; records end with CRLF.

import type { DocumentResult, EntityRecord } from '../types.js';
import type { DocumentStream, Printer } from './index.js';
import type { Sink } from './sink.js';

export const ENTITY_COLUMNS = ['file', 'type', 'text', 'canonical', 'id', 'start', 'end', 'line', 'column'] as const;

function row(file: string, e: EntityRecord): string[] {
  return [file, e.type, e.text, e.canonical, e.id, String(e.start), String(e.end), String(e.line), String(e.column)];
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
  constructor(private readonly sink: Sink) {}
  begin(): void {
    this.line([...ENTITY_COLUMNS]);
  }
  document(d: DocumentResult, _text?: string | Uint8Array): void {
    for (const e of d.entities) this.line(row(d.file, e));
  }
  open(file: string): DocumentStream {
    return {
      add: (entities: EntityRecord[]) => {
        for (const e of entities) this.line(row(file, e));
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
