// A worker thread of the --jobs pool: loads the dictionaries once, then
// searches each document it is sent — and, for line formats, prints it too.
// Errors go back as messages; the main thread decides what they mean.

import { parentPort, workerData } from 'node:worker_threads';
import { Kashf } from '../index.js';
import { createPrinter, StringSink, type Printer } from '../print/index.js';
import { documentRecord } from './documents.js';
import type { Job, PoolSetup } from './pool.js';

const setup = workerData as PoolSetup;
let kashf: Kashf | null = null;
let sink: StringSink | null = null;
let printer: Printer | null = null;

parentPort?.on('message', (job: Job) => {
  try {
    kashf ??= Kashf.create({ builtin: setup.builtin, dictionaries: setup.dictionaries });
    const result = kashf.extract(job.text, setup.search);
    if (setup.format === null) {
      parentPort!.postMessage({ seq: job.seq, result });
      return;
    }
    if (printer === null) {
      sink = new StringSink();
      // begin() is the main thread's (headers); a worker prints documents only.
      printer = createPrinter(setup.format, sink, { bidi: 'off', chalk: undefined as never, width: 80 });
    }
    printer.document(documentRecord(job, result), job.text);
    parentPort!.postMessage({ seq: job.seq, printed: sink!.take() });
  } catch (e) {
    parentPort!.postMessage({ seq: job.seq, error: e instanceof Error ? e.message : String(e) });
  }
});
