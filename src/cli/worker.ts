// A worker thread of the --jobs pool: loads the dictionaries once, then
// extracts from each document it is sent. Errors go back as messages; the
// main thread decides what they mean.

import { parentPort, workerData } from 'node:worker_threads';
import { Kashf } from '../index.js';
import type { PoolSetup } from './pool.js';

const setup = workerData as PoolSetup;
let kashf: Kashf | null = null;

parentPort?.on('message', (job: { seq: number; text: string }) => {
  try {
    kashf ??= Kashf.create({ builtin: setup.builtin, dictionaries: setup.dictionaries });
    parentPort!.postMessage({ seq: job.seq, result: kashf.extract(job.text, setup.search) });
  } catch (e) {
    parentPort!.postMessage({ seq: job.seq, error: e instanceof Error ? e.message : String(e) });
  }
});
