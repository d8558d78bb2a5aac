// Stage 4: printers. Each takes the records the searcher produced and writes
// them to the sink it is handed; none reads files, looks at the process or
// changes a record. Only the table shapes or reorders Arabic; every machine
// format (json, jsonl, tsv, csv, conll) carries the input's logical text.

import { KashfError } from '../errors.js';
import type { DocumentResult, EntityRecord, QuoteRecord } from '../types.js';
import { ConllPrinter } from './conll.js';
import { CsvPrinter, TsvPrinter, WHOLE_FILES, type DocumentColumns } from './delimited.js';
import { STATS_FORMATS, type Format } from './formats.js';
import { JsonlPrinter, JsonPrinter } from './json.js';
import type { Sink } from './sink.js';
import { StatsPrinter } from './stats.js';
import { TablePrinter, type TableOptions } from './table.js';

/**
 * Somewhere to set text aside and read it back in order: the CLI hands in a
 * temporary file, so a document's quotations need not sit in memory until
 * its entities are written.
 */
export interface Spill {
  /** Keeps a chunk (UTF-8 bytes are the spill's only while write() runs, as with a Sink). */
  write(chunk: string | Uint8Array): void;
  /** Hands back everything written, in order and in pieces of UTF-8 (each the consumer's only while it runs), then forgets it. */
  drain(consume: (chunk: Uint8Array) => void): void;
}

/** One document written as its chunks are searched (a file too large to hold whole). */
export interface DocumentStream {
  /** One chunk's records, and its text (UTF-8, BOM removed): the records' offsets count from the document's start. */
  add(entities: EntityRecord[], quotes: QuoteRecord[], text: Uint8Array): void;
  close(): void;
}

export interface Printer {
  /**
   * Printers that can write a document piece by piece, byte for byte as
   * document() would, offer this; the others are handed the whole document.
   */
  open?(file: string, spill?: Spill): DocumentStream;
  begin(): void;
  /**
   * One document's records. `text` is the document as searched (BOM removed):
   * the records' offsets index it. Only printers that need the words between
   * the records (conll) read it.
   */
  document(d: DocumentResult, text: string | Uint8Array): void;
  end(): void;
  /**
   * True for a printer that writes a record's deferred text from the bytes
   * document() is handed (see deferred.ts): the command line then has the
   * searcher defer it. Any other printer gets every record's text.
   */
  readonly textFromBytes?: boolean;
}


/** The printer for `format`; `table` options are used by the table only, `columns` by TSV and CSV only. */
export function createPrinter(format: Format, sink: Sink, table: TableOptions, columns: DocumentColumns = WHOLE_FILES): Printer {
  switch (format) {
    case 'json':
      return new JsonPrinter(sink);
    case 'jsonl':
      return new JsonlPrinter(sink);
    case 'table':
      return new TablePrinter(sink, table);
    case 'tsv':
      return new TsvPrinter(sink, columns);
    case 'csv':
      return new CsvPrinter(sink, columns);
    case 'conll':
      return new ConllPrinter(sink);
  }
}

/** A printer that collects every document and writes the --stats summary at the end. */
export function createStatsPrinter(format: Format, sink: Sink, table: TableOptions): Printer {
  if (!STATS_FORMATS.includes(format)) {
    throw new KashfError('USAGE', `--stats cannot be printed as --format "${format}" (use ${STATS_FORMATS.join(', ')})`);
  }
  return new StatsPrinter(sink, format === 'table' ? 'table' : format === 'json' ? 'json' : 'jsonl', table);
}

export { JsonPrinter, JsonlPrinter } from './json.js';
export { TablePrinter, renderGrid, type CellSpec, type TableOptions } from './table.js';
export { TsvPrinter, CsvPrinter, ENTITY_COLUMNS } from './delimited.js';
export { ConllPrinter, conllSentences, type ConllToken } from './conll.js';
export { StatsCollector, StatsPrinter, TOP_ENTITIES, type Stats } from './stats.js';
export { FORMATS, STATS_FORMATS, type Format } from './formats.js';
export { displayText, displayParts, type DisplayPart } from './bidi.js';
export { resolveBidi, BIDI_SETTINGS, type BidiMode, type BidiSetting } from './bidi-mode.js';
export { StringSink, type Sink } from './sink.js';
