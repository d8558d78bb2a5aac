// A worker thread of the --jobs pool: loads the dictionaries once, then runs
// each batch of jobs it is sent (files to read and search, or documents) —
// and, for line formats, prints them too. Errors go back as messages; the
// main thread decides what they mean. It says when it is ready and counts
// what it has finished in memory shared with the main thread (see
// Pool.takeLocally).

import { parentPort, workerData } from 'node:worker_threads';
import { Kashf } from '../index.js';
import { ConllPrinter } from '../print/conll.js';
import { CsvPrinter, TsvPrinter } from '../print/delimited.js';
import type { Printer } from '../print/index.js';
import { JsonlPrinter } from '../print/json.js';
import { BytesSink } from '../print/sink.js';
import { documentColumns } from './documents.js';
import { batchWeight, JobRunner, type Job } from './jobs.js';
import type { PoolSetup, Reply, WorkerSetup } from './pool.js';
import { OutputSlots } from './slots.js';

const setup = workerData as WorkerSetup;

/**
 * The line printers only, not print/index.js: that would load the table's
 * dependencies too. Imported, not loaded on demand: the build bundles this
 * file as a CommonJS script (scripts/bundle-cli.mjs), which has no top-level
 * await.
 */
function linePrinter(format: NonNullable<PoolSetup['format']>, sink: BytesSink): Printer {
  switch (format) {
    case 'jsonl':
      return new JsonlPrinter(sink);
    case 'tsv':
      return new TsvPrinter(sink, documentColumns(setup.source));
    case 'csv':
      return new CsvPrinter(sink, documentColumns(setup.source));
    case 'conll':
      return new ConllPrinter(sink);
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
  const printer = sink === null ? null : linePrinter(setup.format!, sink);
  runner = new JobRunner(kashf, setup.search, setup.source, printer, sink, new OutputSlots(setup.slots));
} catch (e) {
  runner = e instanceof Error ? e : new Error(String(e));
}
const slot = 3 * setup.index;

interface Batch {
  seq: number;
  jobs: Job[];
  /** Bytes after which the batch stops (see JobRunner.runAll). */
  limit: number;
}

/**
 * The answer to a batch. Its printed output is UTF-8 already: the main
 * thread writes it without encoding it again. Output in a slot stays there
 * (the main thread frees the slot once it is written: see slots.ts); output
 * that did not fit one is copied into the message. Not transferred: handing
 * buffers made on one thread to another, to be freed there, made this thread
 * search 10–15 % slower (200 MB through one worker: 2.97–3.15 s transferring
 * each batch's output, 2.69–2.75 s copying it, 2.67–2.68 s not sending it).
 */
function answer(batch: Batch): Reply {
  if (runner instanceof Error) return { seq: batch.seq, events: [], error: runner.message };
  const { events, error, printed, slot, read, rest } = runner.runAll(batch.jobs, batch.limit);
  const reply: Reply = { seq: batch.seq, events, error, read, rest };
  if (slot !== undefined) reply.inSlot = { slot, length: printed!.length };
  else if (printed !== undefined) reply.printed = printed;
  return reply;
}

// Messages sent before this listener exists wait in the port's queue.
parentPort?.on('message', (batch: Batch) => {
  parentPort!.postMessage(answer(batch));
  Atomics.add(setup.finished, slot + 1, 1);
  Atomics.add(setup.finished, slot + 2, batchWeight(batch.jobs));
});
Atomics.store(setup.finished, slot, 1);
