// Spreads batches of jobs (files, or documents: see jobs.ts) over worker
// threads (--jobs); the caller puts the results back in input order, so
// output is byte-identical whatever the number of jobs. Each worker loads
// the dictionaries once. A bounded number of batches is in flight, so memory
// stays bounded by the dictionaries and the window, not by the input.
//
// Two threads gain far less than 2× on two cores (bench/jobs.mjs measures
// it, and what the machine gives two separate processes): every thread pays
// V8's warming up again (running cold code, then compiling it), and a lone
// kashf thread already does its compiling on the idle second core. On a
// 2-core VM one thread spends about 0.6 s of CPU on that per run whatever
// the input (1.85 s of CPU for 100 MB of 10 kB files, 1.3 s for half of
// them), a fixed cost that two threads pay twice. So a worker must never
// wait for work. Workers read their own files (the main thread reading and
// decoding every file held them up), jobs travel in batches of about a
// megabyte (one message per 10 kB file cost more than the second thread
// gained), what they print stays in memory shared with the main thread
// (slots.ts: passed in messages, it filled the main thread's heap), and the
// main thread, which also writes every result, runs a
// batch itself only while each worker has enough queued to stay busy
// meanwhile (takeLocally), not every N-th one. The workers' answers cannot
// tell it that: they are messages, seen only when it waits, so each worker
// counts the batches it has finished in shared memory instead.

import { Worker } from 'node:worker_threads';
import type { SearchOptions } from '../search/index.js';
import type { DocumentSource } from './documents.js';
import { batchWeight, type BatchResult, type Job } from './jobs.js';
import { OutputSlots, type SlotMemory } from './slots.js';

export interface PoolSetup {
  builtin: boolean;
  dictionaries: string[];
  search: SearchOptions;
  /** How a file job's file becomes documents. */
  source: DocumentSource;
  /**
   * For line formats whose documents print independently (jsonl, tsv, csv,
   * conll): the worker prints the document itself and sends back text, which
   * costs far less to pass between threads than the records.
   */
  format: 'jsonl' | 'tsv' | 'csv' | 'conll' | null;
}

/** What a worker starts with: the setup, and where it counts what it has finished. */
export interface WorkerSetup extends PoolSetup {
  /**
   * Shared with the main thread, three slots per worker: [3i] is 1 once
   * worker i is ready for jobs, [3i + 1] the batches and [3i + 2] the weight
   * of the batches (batchWeight) it has finished.
   */
  finished: Int32Array;
  index: number;
  /** The slots it prints batches into (see slots.ts). */
  slots: SlotMemory;
}

/** A worker's answer to a batch: its output is in a slot, or in the message. */
export type Reply = Pick<BatchResult, 'events' | 'error' | 'printed' | 'read' | 'rest'> & { seq: number; inSlot?: { slot: number; length: number } };

/**
 * How many batches a worker must have queued before the main thread runs a
 * batch itself, so that the worker does not run dry meanwhile (they must
 * also weigh at least as much as the one the main thread runs).
 */
const BACKLOG = 2;

export class Pool {
  private readonly workers: Worker[] = [];
  /** Per worker, the slots it prints into. */
  private readonly slots: OutputSlots[] = [];
  /** Written by the workers (Atomics), read here: see WorkerSetup.finished. */
  private readonly finished: Int32Array;
  /** Per worker, batches and their weight sent (the weight wraps at 2^32, as the shared counters do). */
  private readonly sent: { batches: number; weight: number }[] = [];
  /** Why a worker stopped: jobs sent to it after that would never be answered. */
  private readonly failed: (Error | undefined)[] = [];
  private readonly waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void; worker: number }>();
  private seq = 0;

  /** `slots`: how many output slots of how many bytes each worker has (see slots.ts). */
  constructor(jobs: number, setup: PoolSetup, slots: { count: number; size: number }) {
    // The bundled command line (a .cjs file) starts the bundled worker, one
    // file whose functions call each other directly: about 5 % faster than
    // the worker's fifty ES modules (scripts/bundle-cli.mjs).
    const url = new URL(import.meta.url.endsWith('.cjs') ? './bundle-worker.cjs' : './worker.js', import.meta.url);
    this.finished = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 3 * Math.max(1, jobs)));
    for (let i = 0; i < jobs; i++) {
      this.slots.push(OutputSlots.create(slots.count, slots.size, true));
      const workerData: WorkerSetup = { ...setup, finished: this.finished, index: i, slots: this.slots[i].memory };
      // A young generation of 32 MB, not 64: the same speed (1 GB of files
      // with --jobs 2: 5.40 s against 5.39 s), and 274 MB of peak RSS
      // against 323 MB on 1 GB of JSON Lines records, whose parsing leaves
      // more young garbage per byte.
      const w = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
      w.on('message', (m: Reply) => this.settle(i, m));
      w.on('error', (e) => this.fail(i, e));
      w.on('exit', (code) => this.fail(i, new Error(`worker thread ${i + 1} stopped (exit code ${code})`)));
      this.workers.push(w);
      this.sent.push({ batches: 0, weight: 0 });
    }
  }

  private ready(w: number): boolean {
    return Atomics.load(this.finished, 3 * w) !== 0;
  }

  /** Batches sent to worker `w` and not finished yet. */
  private queuedBatches(w: number): number {
    return this.sent[w].batches - Atomics.load(this.finished, 3 * w + 1);
  }

  /** Weight of the batches sent to worker `w` and not finished yet. */
  private queuedWeight(w: number): number {
    return (this.sent[w].weight - Atomics.load(this.finished, 3 * w + 2)) | 0;
  }

  /**
   * Should the calling thread run the next batch (of `weight`, see
   * batchWeight) itself rather than send it? Yes until a worker is ready (it
   * takes a while to start, and batches sent before would hold up the
   * caller's window), then only while every ready worker has enough queued
   * to stay busy meanwhile. The workers' counters are read rather than their
   * messages, which the main thread sees only when it waits.
   */
  takeLocally(weight: number): boolean {
    for (let w = 0; w < this.workers.length; w++) {
      if (!this.ready(w)) continue;
      if (this.queuedBatches(w) < BACKLOG || this.queuedWeight(w) < weight) return false;
    }
    return true;
  }

  /**
   * Sends a batch to the ready worker with the least work queued (any worker
   * if none is ready yet), to run up to `limit` bytes read (see
   * JobRunner.runAll), at once: a worker's own message queue holds its
   * next batches, so it never waits for the main thread to be free to hand
   * it work. Results resolve in any order; the caller orders them.
   */
  run(jobs: Job[], limit: number): Promise<BatchResult> {
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) {
      const better = this.ready(i) === this.ready(w) ? this.queuedWeight(i) < this.queuedWeight(w) : this.ready(i);
      if (better) w = i;
    }
    const failed = this.failed[w];
    if (failed !== undefined) return Promise.reject(failed);
    this.sent[w].batches++;
    this.sent[w].weight = (this.sent[w].weight + batchWeight(jobs)) | 0;
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject, worker: w });
      this.workers[w].postMessage({ seq, jobs: packed(jobs), limit });
    });
  }

  private settle(w: number, m: Reply): void {
    const p = this.waiting.get(m.seq);
    this.waiting.delete(m.seq);
    if (p === undefined) return;
    const result: BatchResult = { events: m.events, printed: m.printed, error: m.error, read: m.read, rest: m.rest };
    if (m.inSlot !== undefined) {
      const slots = this.slots[w];
      const { slot, length } = m.inSlot;
      result.printed = slots.view(slot, length);
      result.slot = slot;
      result.written = () => slots.free(slot);
    }
    p.resolve(result);
  }

  private fail(w: number, e: Error): void {
    this.failed[w] ??= e;
    for (const [seq, p] of this.waiting) {
      if (p.worker !== w) continue;
      this.waiting.delete(seq);
      p.reject(e);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * A batch as it is posted. A document of bytes is a view of its whole file,
 * which postMessage would copy whole for every document: the batch's
 * documents go as views of one buffer of their own bytes, copied into the
 * message (not transferred: see worker.ts).
 */
function packed(jobs: Job[]): Job[] {
  let size = 0;
  for (const job of jobs) if ('doc' in job && typeof job.doc.text !== 'string') size += job.doc.text.length;
  if (size === 0) return jobs;
  const own = new Uint8Array(size);
  let at = 0;
  return jobs.map((job): Job => {
    if (!('doc' in job) || typeof job.doc.text === 'string') return job;
    own.set(job.doc.text, at);
    const text = own.subarray(at, (at += job.doc.text.length));
    return { doc: { ...job.doc, text } };
  });
}
