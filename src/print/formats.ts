// The output formats, apart from the printers so that option parsing loads none of them.

export type Format = 'json' | 'jsonl' | 'table' | 'tsv' | 'csv' | 'conll';
export const FORMATS: readonly Format[] = ['json', 'jsonl', 'table', 'tsv', 'csv', 'conll'];
/** Formats --stats can be printed in: the table, or one JSON object (pretty for json, one line for jsonl). */
export const STATS_FORMATS: readonly Format[] = ['table', 'json', 'jsonl'];
