// JSON and JSON Lines printers. Field order is fixed by the records'
// construction; nothing here reorders, shapes or reorders bidi text: machine
// formats carry the input's logical text exactly.

import { SCHEMA_VERSION, type DocumentResult, type EntityRecord, type QuoteRecord } from '../types.js';
import { JsonBytes } from './bytes.js';
import type { DocumentStream, Printer, Spill } from './index.js';
import type { Sink } from './sink.js';

/** One JSON object per document per line, written as UTF-8 bytes (see bytes.ts). */
export class JsonlPrinter implements Printer {
  private readonly out = new JsonBytes();
  readonly textFromBytes = true;
  constructor(private readonly sink: Sink) {}
  begin(): void {}
  document(d: DocumentResult, text?: string | Uint8Array): void {
    const out = this.out;
    out.source = text === undefined || typeof text === 'string' ? null : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    try {
      out.value(d);
    } finally {
      out.source = null;
    }
    out.byte(0x0a);
    this.sink.write(out.view());
    out.reset();
  }
  /**
   * Entities are written as they come; quotations come after all of them in
   * the record, so they wait — in `spill` when given, else in memory — as JSON
   * text. The bytes equal what document() writes for the whole document.
   */
  open(file: string, spill?: Spill): DocumentStream {
    const sink = this.sink;
    const out = this.out;
    sink.write(JSON.stringify({ file }).slice(0, -1) + ',"entities":[');
    let firstEntity = true;
    let firstQuote = true;
    const keep = spill ?? memorySpill();
    return {
      add(entities: EntityRecord[], qs: QuoteRecord[]) {
        for (const e of entities) {
          if (!firstEntity) out.byte(0x2c);
          out.value(e);
          firstEntity = false;
        }
        sink.write(out.view());
        out.reset();
        for (const q of qs) {
          if (!firstQuote) out.byte(0x2c);
          out.value(q);
          firstQuote = false;
        }
        keep.write(out.view());
        out.reset();
      },
      close() {
        sink.write('],"quotes":[');
        keep.drain((chunk) => sink.write(chunk));
        sink.write(']}\n');
      },
    };
  }
  end(): void {}
}

/** Where a document's quotations wait when no spill is given: in memory. */
function memorySpill(): Spill {
  const held: Uint8Array[] = [];
  return {
    write: (chunk: string | Uint8Array) => void held.push(typeof chunk === 'string' ? Buffer.from(chunk) : Uint8Array.from(chunk)),
    drain: (consume: (chunk: Uint8Array) => void) => held.splice(0).forEach(consume),
  };
}

/** A document's records as JSON.stringify(d, null, 2) writes them inside the documents array: eight spaces in. */
const INDENT = '\n        ';
const indented = (r: EntityRecord | QuoteRecord): string => INDENT + JSON.stringify(r, null, 2).replace(/\n/g, INDENT);

/** One JSON value: {"schema": 1, "documents": [...]}, documents streamed as they come. */
export class JsonPrinter implements Printer {
  private count = 0;
  constructor(private readonly sink: Sink) {}
  begin(): void {
    this.sink.write(`{\n  "schema": ${SCHEMA_VERSION},\n  "documents": [`);
  }
  document(d: DocumentResult, _text?: string | Uint8Array): void {
    const body = JSON.stringify(d, null, 2).replace(/\n/g, '\n    ');
    this.sink.write((this.count++ === 0 ? '\n    ' : ',\n    ') + body);
  }
  /**
   * A document read in chunks, written as its chunks are searched, byte for
   * byte as document() writes it: entities as they come, quotations set
   * aside (in `spill`, else in memory) until the entities end.
   */
  open(file: string, spill?: Spill): DocumentStream {
    const sink = this.sink;
    sink.write(`${this.count++ === 0 ? '\n    ' : ',\n    '}{\n      "file": ${JSON.stringify(file)},\n      "entities": [`);
    let entities = 0;
    let quotes = 0;
    const keep = spill ?? memorySpill();
    return {
      add(es: EntityRecord[], qs: QuoteRecord[]) {
        let out = '';
        for (const e of es) out += (entities++ === 0 ? '' : ',') + indented(e);
        if (out !== '') sink.write(out);
        out = '';
        for (const q of qs) out += (quotes++ === 0 ? '' : ',') + indented(q);
        if (out !== '') keep.write(out);
      },
      close() {
        sink.write(`${entities === 0 ? ']' : '\n      ]'},\n      "quotes": [`);
        keep.drain((chunk) => sink.write(chunk));
        sink.write(`${quotes === 0 ? ']' : '\n      ]'}\n    }`);
      },
    };
  }
  end(): void {
    this.sink.write(this.count === 0 ? ']\n}\n' : '\n  ]\n}\n');
  }
}
