// A worker thread of the --jobs pool: loads the dictionaries once, then
// searches each document it is sent — and, for line formats, prints it too.
// Errors go back as messages; the main thread decides what they mean. It
// says when it is ready and counts what it has finished in memory shared
// with the main thread (see Pool.takeLocally).

import { parentPort, workerData } from 'node:worker_threads';
import { Kashf } from '../index.js';
import type { Printer } from '../print/index.js';
import { BytesSink } from '../print/sink.js';
import { documentRecord } from './documents.js';
import type { Job, PoolSetup, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;

/** Only the printer of the format, not print/index.js: that would load the table's dependencies too. */
async function linePrinter(format: NonNullable<PoolSetup['format']>, sink: BytesSink): Promise<Printer> {
  switch (format) {
    case 'jsonl':
      return new (await import('../print/json.js')).JsonlPrinter(sink);
    case 'tsv':
      return new (await import('../print/delimited.js')).TsvPrinter(sink);
    case 'csv':
      return new (await import('../print/delimited.js')).CsvPrinter(sink);
    case 'conll':
      return new (await import('../print/conll.js')).ConllPrinter(sink);
  }
}

// Made at start, while the main thread reads the first inputs; a failure is
// the answer to every document (the main thread made the same Kashf first,
// so it has already reported a bad dictionary).
let kashf: Kashf | Error;
try {
  kashf = Kashf.create({ builtin: setup.builtin, dictionaries: setup.dictionaries });
} catch (e) {
  kashf = e instanceof Error ? e : new Error(String(e));
}
const sink = new BytesSink();
// begin() is the main thread's (headers); a worker prints documents only.
const printer = setup.format === null ? null : await linePrinter(setup.format, sink);
const slot = 3 * setup.index;

/** The answer to a job, and the buffers it hands over rather than copies. */
function answer(job: Job): [object, ArrayBuffer[]] {
  if (kashf instanceof Error) return [{ seq: job.seq, error: kashf.message }, []];
  try {
    const result = kashf.extract(job.text, setup.search);
    if (printer === null) return [{ seq: job.seq, result }, []];
    printer.document(documentRecord(job, result), job.text);
    // UTF-8 already: the main thread writes it without encoding it again.
    const printed = sink.take();
    return [{ seq: job.seq, printed }, [printed.buffer as ArrayBuffer]];
  } catch (e) {
    sink.take();
    return [{ seq: job.seq, error: e instanceof Error ? e.message : String(e) }, []];
  }
}

// Messages sent before this listener exists wait in the port's queue.
parentPort?.on('message', (job: Job) => {
  const [message, transfer] = answer(job);
  parentPort!.postMessage(message, transfer);
  Atomics.add(setup.finished, slot + 1, 1);
  Atomics.add(setup.finished, slot + 2, job.text.length);
});
Atomics.store(setup.finished, slot, 1);
