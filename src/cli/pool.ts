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
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Done) => void; reject: (e: Error) => void }>();
  private readonly busy = new Map<Worker, number>();

  constructor(jobs: number, setup: PoolSetup) {
    const url = new URL('./worker.js', import.meta.url);
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(url, { workerData: setup });
      w.on('message', (m: Reply) => this.settle(w, m));
      w.on('error', (e) => this.fail(w, e));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Runs a document on some worker; results resolve in any order, the caller orders them. */
  run(job: Job): Promise<Done> {
    return new Promise((resolve, reject) => {
      this.waiting.set(job.seq, { resolve, reject });
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(w, job.seq);
      w.postMessage(job);
    }
  }

  private settle(w: Worker, m: Reply): void {
    this.busy.delete(w);
    this.idle.push(w);
    const p = this.waiting.get(m.seq);
    this.waiting.delete(m.seq);
    if (p !== undefined) {
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve('printed' in m ? { printed: m.printed } : { result: m.result });
    }
    this.pump();
  }

  private fail(w: Worker, e: Error): void {
    const seq = this.busy.get(w);
    if (seq !== undefined) this.waiting.get(seq)?.reject(e);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
