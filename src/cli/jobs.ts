// A unit of --jobs work and how a thread does it. A job is a whole file to
// read, decode, split and search, or one document the main thread has
// already read (stdin, or the parts of a file too large to be one job). Jobs
// travel in batches of about a megabyte: one message per file cost more than
// the threads gained (bench/jobs.mjs on 10 kB files: 1.01× with a message per
// file). The main thread and the worker threads run batches with the same
// JobRunner, so a result is the same bytes whichever thread made it; the
// main thread puts the results back in input order.
//
// Files go out whole because reading them was a fifth of the work (when
// kashf still decoded them): done on the main thread for every file, it held
// the workers up.

import type { Kashf } from '../index.js';
import type { Printer } from '../print/index.js';
import type { BytesSink } from '../print/sink.js';
import { DEFAULT_SEARCH, searchText, type SearchOptions, type SearchResult } from '../search/index.js';
import { documentRecord, fileDocuments, type DocumentSource, type SourceDocument } from './documents.js';
import type { OutputSlots } from './slots.js';

/**
 * A file, with its size (`bytes`) or, when `sized` is false, a guess at it
 * (the thread that reads it sizes it: see runAll), or a document.
 */
export type Job = { file: string; path: string; bytes: number; sized?: false } | { doc: SourceDocument };

/**
 * What a job gives, in input order: printed documents (bytes `from` to `to`
 * of the batch's printed output), searched documents (for the formats the
 * main thread prints, none of which reads the text, so it is not sent back),
 * problems.
 */
export type JobEvent =
  | { printed: [from: number, to: number] }
  | { doc: Pick<SourceDocument, 'file' | 'id' | 'document'>; result: SearchResult }
  | { problem: { name: string; message: string } };

/**
 * What a batch of jobs gives: the events of its jobs in order, and, when a
 * job threw, why (the events are then those of the jobs before it).
 */
export interface BatchResult {
  events: JobEvent[];
  /** What the batch printed, all in one buffer: in a slot, or a copy of its own. */
  printed?: Uint8Array;
  /** The slot `printed` lies in (of the thread that ran the batch). */
  slot?: number;
  /** To call once `printed` is written out: frees its slot. */
  written?: () => void;
  /** Bytes the batch's jobs read (a document's UTF-16 units count two). */
  read?: number;
  /**
   * The batch stopped before this job, which and those after it were not
   * run: it is a file too large to read whole (to be streamed), or the batch
   * had read its limit (see runAll).
   */
  rest?: number;
  error?: string;
  /** What was thrown, on the thread that ran the batch (a worker sends only its message). */
  thrown?: unknown;
}

/** How much work a job is, for balancing: bytes of a file, or about as many for a document's UTF-16 units. */
export function jobWeight(job: Job): number {
  if ('path' in job) return job.bytes;
  const t = job.doc.text;
  return typeof t === 'string' ? t.length * 2 : t.length;
}

/** How much work a batch is (see jobWeight). */
export function batchWeight(jobs: readonly Job[]): number {
  let w = 0;
  for (const job of jobs) w += jobWeight(job);
  return w;
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
   * back printed; without, as records. With `slots`, a batch prints into a
   * free slot while it fits (see slots.ts).
   */
  constructor(
    private readonly kashf: Kashf,
    private readonly search: SearchOptions,
    private readonly source: DocumentSource,
    private readonly printer: Printer | null,
    private readonly sink: BytesSink | null,
    private readonly slots: OutputSlots | null = null,
  ) {}

  /**
   * Runs a batch. What the batch prints comes back in one buffer, with
   * events for the stretches of it between problems. A job that throws ends
   * the batch and prints nothing: half a job is not printed.
   *
   * A batch of files not sized beforehand (`sized: false`: whole files,
   * sized as they are opened, which spares the main thread a stat of each)
   * stops at a file too large to read whole, and once it has read `limit`
   * bytes: the main thread runs the rest itself (BatchResult.rest). So a
   * batch of files guessed small that are large cannot fill memory.
   */
  runAll(jobs: readonly Job[], limit = Infinity): BatchResult {
    // Numbers are places in the sink where printed output is cut by a problem.
    const events: (JobEvent | number)[] = [];
    let error: string | undefined;
    let thrown: unknown;
    let rest: number | undefined;
    let read = 0;
    let slot = this.sink === null || this.slots === null ? -1 : this.slots.take();
    if (slot >= 0) this.sink!.printInto(this.slots!.view(slot));
    for (let k = 0; k < jobs.length; k++) {
      const job = jobs[k];
      if (k > 0 && read >= limit) {
        rest = k;
        break;
      }
      const printed = this.sink?.size ?? 0;
      const n = events.length;
      try {
        const size = this.run(job, events);
        if (size < 0) {
          rest = k;
          break;
        }
        read += size;
      } catch (e) {
        this.sink?.truncate(printed);
        events.length = n;
        error = e instanceof Error ? e.message : String(e);
        thrown = e;
        break;
      }
    }
    if (slot >= 0 && !this.sink!.inRegion) {
      // It outgrew the slot.
      this.slots!.free(slot);
      slot = -1;
    }
    const out: JobEvent[] = [];
    let from = 0;
    for (const ev of events) {
      if (typeof ev !== 'number') out.push(ev);
      else if (ev > from) {
        out.push({ printed: [from, ev] });
        from = ev;
      }
    }
    const result: BatchResult = { events: out, read };
    if (this.sink !== null) {
      const printed = this.sink.take();
      if (printed.length > from) out.push({ printed: [from, printed.length] });
      result.printed = printed;
      if (slot >= 0) {
        const slots = this.slots!;
        result.slot = slot;
        result.written = () => slots.free(slot);
      }
    }
    if (rest !== undefined) result.rest = rest;
    if (error !== undefined) Object.assign(result, { error, thrown });
    return result;
  }

  /** Runs one job: the bytes it read, or -1 for a file not sized beforehand that is too large to read whole (nothing is run). */
  private run(job: Job, events: (JobEvent | number)[]): number {
    const docs = 'path' in job ? fileDocuments(job.file, job.path, this.source, job.sized === false ? this.source.streamAbove : Infinity) : [{ doc: job.doc }];
    let read = 0;
    for (const event of docs) {
      if ('stream' in event) return -1;
      if ('problem' in event) {
        if (this.sink !== null) events.push(this.sink.size);
        events.push(event);
        continue;
      }
      const { doc } = event;
      read += typeof doc.text === 'string' ? doc.text.length * 2 : doc.text.length;
      const result = searchFor(this.kashf, doc.text, this.search, this.printer);
      if (this.printer !== null) this.printer.document(documentRecord(doc, result), doc.text);
      else events.push({ doc: { file: doc.file, id: doc.id, document: doc.document }, result });
    }
    return read;
  }
}
