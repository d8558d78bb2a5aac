// JSON and JSON Lines printers. Field order is fixed by the records'
// construction; nothing here reorders, shapes or reorders bidi text: machine
// formats carry the input's logical text exactly.

import { SCHEMA_VERSION, type DocumentResult } from '../types.js';
import type { Printer } from './index.js';
import type { Sink } from './sink.js';

/** One JSON object per document per line. */
export class JsonlPrinter implements Printer {
  constructor(private readonly sink: Sink) {}
  begin(): void {}
  document(d: DocumentResult, _text?: string): void {
    this.sink.write(JSON.stringify(d) + '\n');
  }
  end(): void {}
}

/** One JSON value: {"schema": 1, "documents": [...]}, documents streamed as they come. */
export class JsonPrinter implements Printer {
  private count = 0;
  constructor(private readonly sink: Sink) {}
  begin(): void {
    this.sink.write(`{\n  "schema": ${SCHEMA_VERSION},\n  "documents": [`);
  }
  document(d: DocumentResult, _text?: string): void {
    const body = JSON.stringify(d, null, 2).replace(/\n/g, '\n    ');
    this.sink.write((this.count++ === 0 ? '\n    ' : ',\n    ') + body);
  }
  end(): void {
    this.sink.write(this.count === 0 ? ']\n}\n' : '\n  ]\n}\n');
  }
}
