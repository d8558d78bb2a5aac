// A unit of --jobs work and how a thread does it. A job is a whole file to
// read, decode, split and search, or one document the main thread has
// already read (stdin, or the parts of a file too large to be one job). The
// main thread and the worker threads run jobs with the same JobRunner, so a
// result is the same bytes whichever thread made it; the main thread puts
// the results back in input order.
//
// Files go out whole because reading them was a fifth of the work (when
// kashf still decoded them): done on the main thread for every file, it held
// the workers up.

import type { Kashf } from '../index.js';
import type { Printer } from '../print/index.js';
import type { BytesSink } from '../print/sink.js';
import { DEFAULT_SEARCH, searchText, type SearchOptions, type SearchResult } from '../search/index.js';
import { documentRecord, fileDocuments, type DocumentSource, type SourceDocument } from './documents.js';

export type Job =
  | { seq: number; file: string; path: string; bytes: number }
  | { seq: number; doc: SourceDocument };

/**
 * What a job gives, in input order: printed documents, searched documents
 * (for the formats the main thread prints, none of which reads the text, so
 * it is not sent back), problems.
 */
export type JobEvent =
  | { printed: Uint8Array }
  | { doc: Pick<SourceDocument, 'file' | 'id' | 'document'>; result: SearchResult }
  | { problem: { name: string; message: string } };

/** How much work a job is, for balancing: bytes of a file, or about as many for a document's UTF-16 units. */
export function jobWeight(job: Job): number {
  if ('path' in job) return job.bytes;
  const t = job.doc.text;
  return typeof t === 'string' ? t.length * 2 : t.length;
}

/**
 * One document searched for `printer`. The command line's byte documents are
 * already checked UTF-8 without a BOM; when the printer writes record text
 * from those bytes, the text is left in them (see deferred.ts), which spares
 * decoding each record's text and encoding it again.
 */
export function searchFor(kashf: Kashf, text: string | Uint8Array, search: Partial<SearchOptions>, printer: Printer | null): SearchResult {
  const bom = typeof text !== 'string' && text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf;
  if (printer?.textFromBytes !== true || typeof text === 'string' || bom) return kashf.extract(text, search);
  return searchText(text, kashf.knowledge, { ...DEFAULT_SEARCH, ...search }, undefined, true);
}

export class JobRunner {
  /**
   * With `printer` (a line format, printing into `sink`), documents come
   * back printed; without, as records.
   */
  constructor(
    private readonly kashf: Kashf,
    private readonly search: SearchOptions,
    private readonly source: DocumentSource,
    private readonly printer: Printer | null,
    private readonly sink: BytesSink | null,
  ) {}

  run(job: Job): JobEvent[] {
    const events: JobEvent[] = [];
    const flush = () => {
      const printed = this.sink?.take();
      if (printed !== undefined && printed.length > 0) events.push({ printed });
    };
    const docs = 'path' in job ? fileDocuments(job.file, job.path, this.source) : [{ doc: job.doc }];
    try {
      for (const event of docs) {
        if ('problem' in event) {
          flush();
          events.push(event);
          continue;
        }
        const { doc } = event;
        const result = searchFor(this.kashf, doc.text, this.search, this.printer);
        if (this.printer !== null) this.printer.document(documentRecord(doc, result), doc.text);
        else events.push({ doc: { file: doc.file, id: doc.id, document: doc.document }, result });
      }
    } catch (e) {
      this.sink?.take(); // half a job is not printed
      throw e;
    }
    flush();
    return events;
  }
}
