// Stage 4: printers. Each takes the records the searcher produced and writes
// them to the sink it is handed; none reads files, looks at the process or
// changes a record.

import type { DocumentResult } from '../types.js';

export interface Printer {
  begin(): void;
  document(d: DocumentResult): void;
  end(): void;
}

export type Format = 'json' | 'jsonl' | 'table';
export const FORMATS: readonly Format[] = ['json', 'jsonl', 'table'];

export { JsonPrinter, JsonlPrinter } from './json.js';
export { TablePrinter, type TableOptions } from './table.js';
export { displayText, resolveBidi, BIDI_SETTINGS, type BidiMode, type BidiSetting } from './bidi.js';
export { StringSink, type Sink } from './sink.js';
