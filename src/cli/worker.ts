// A worker thread of the --jobs pool: loads the dictionaries once, then runs
// each job it is sent (a file to read and search, or a document) — and, for
// line formats, prints it too. Errors go back as messages; the main thread
// decides what they mean. It says when it is ready and counts what it has
// finished in memory shared with the main thread (see Pool.takeLocally).

import { parentPort, workerData } from 'node:worker_threads';
import { Kashf } from '../index.js';
import type { Printer } from '../print/index.js';
import { BytesSink } from '../print/sink.js';
import { jobWeight, JobRunner, type Job } from './jobs.js';
import type { PoolSetup, WorkerSetup } from './pool.js';

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
// the answer to every job (the main thread made the same Kashf first, so it
// has already reported a bad dictionary).
let runner: JobRunner | Error;
try {
  const kashf = Kashf.create({ builtin: setup.builtin, dictionaries: setup.dictionaries });
  // begin() is the main thread's (headers); a worker prints documents only.
  const sink = setup.format === null ? null : new BytesSink();
  const printer = sink === null ? null : await linePrinter(setup.format!, sink);
  runner = new JobRunner(kashf, setup.search, setup.source, printer, sink);
} catch (e) {
  runner = e instanceof Error ? e : new Error(String(e));
}
const slot = 3 * setup.index;

/** The answer to a job, and the buffers it hands over rather than copies. */
function answer(job: Job): [object, ArrayBuffer[]] {
  if (runner instanceof Error) return [{ seq: job.seq, error: runner.message }, []];
  try {
    const events = runner.run(job);
    // Printed output is UTF-8 already: the main thread writes it without encoding it again.
    const transfer = events.flatMap((e) => ('printed' in e ? [e.printed.buffer as ArrayBuffer] : []));
    return [{ seq: job.seq, events }, transfer];
  } catch (e) {
    return [{ seq: job.seq, error: e instanceof Error ? e.message : String(e) }, []];
  }
}

// Messages sent before this listener exists wait in the port's queue.
parentPort?.on('message', (job: Job) => {
  const [message, transfer] = answer(job);
  parentPort!.postMessage(message, transfer);
  Atomics.add(setup.finished, slot + 1, 1);
  Atomics.add(setup.finished, slot + 2, jobWeight(job));
});
Atomics.store(setup.finished, slot, 1);
