// Spreads documents over worker threads (--jobs) and hands results back in
// input order, so output is byte-identical whatever the number of jobs. Each
// worker loads the dictionaries once. A bounded number of documents is in
// flight, so memory stays bounded by the dictionaries and the window, not by
// the input.

import { Worker } from 'node:worker_threads';
import type { SearchOptions } from '../search/index.js';
import type { SearchResult } from '../index.js';

export interface PoolSetup {
  builtin: boolean;
  dictionaries: string[];
  search: SearchOptions;
  /**
   * For line formats whose documents print independently (jsonl, tsv, csv,
   * conll): the worker prints the document itself and sends back text, which
   * costs far less to pass between threads than the records.
   */
  format: 'jsonl' | 'tsv' | 'csv' | 'conll' | null;
}

/** What a worker needs of a document to search and print it. */
export interface Job {
  seq: number;
  file: string;
  text: string;
  id?: unknown;
  document?: number;
}

/** A worker's answer: the records, or the printed document. */
export type Done = { result: SearchResult } | { printed: string };

type Reply = ({ seq: number } & Done) | { seq: number; error: string };

export class Pool {
  private readonly workers: Worker[] = [];
  /** Documents sent to each worker and not answered yet. */
  private readonly load: number[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Done) => void; reject: (e: Error) => void; worker: number }>();

  constructor(jobs: number, setup: PoolSetup) {
    const url = new URL('./worker.js', import.meta.url);
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(url, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      w.on('message', (m: Reply) => this.settle(i, m));
      w.on('error', (e) => this.fail(i, e));
      this.workers.push(w);
      this.load.push(0);
    }
  }

  /**
   * Sends a document to the least busy worker at once: a worker's own message
   * queue holds its next documents, so it never waits for the main thread to
   * be free to hand it work. Results resolve in any order; the caller orders them.
   */
  run(job: Job): Promise<Done> {
    let w = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[w]) w = i;
    this.load[w]++;
    return new Promise((resolve, reject) => {
      this.waiting.set(job.seq, { resolve, reject, worker: w });
      this.workers[w].postMessage(job);
    });
  }

  private settle(w: number, m: Reply): void {
    this.load[w]--;
    const p = this.waiting.get(m.seq);
    this.waiting.delete(m.seq);
    if (p === undefined) return;
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve('printed' in m ? { printed: m.printed } : { result: m.result });
  }

  private fail(w: number, e: Error): void {
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
