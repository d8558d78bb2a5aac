// Process-facing helpers shared by the commands: stderr messages, stdin,
// stdout as a sink, and the environment the options are resolved against.

import type { Sink } from '../print/index.js';
import type { StdinRead } from './documents.js';
import type { Environment } from './options.js';

export const EXIT_OK = 0;
/** Some input failed (others were still processed), or — for `check` — a fixture differs. */
export const EXIT_INPUT_FAILED = 1;
/** Usage error: bad option, unusable dictionary. */
export const EXIT_USAGE = 2;

export function environment(): Environment {
  const columns = process.stdout.columns ?? (Number(process.env.COLUMNS) || undefined);
  return { env: process.env, stdoutIsTTY: process.stdout.isTTY === true, columns };
}

export function warn(message: string): void {
  process.stderr.write(`kashf: ${message}\n`);
}

/**
 * Stdin, read until it ends or passes `limit` bytes: whole (unchecked) when it
 * ended by then, else every piece of it, those read so far first, for the
 * caller to read the rest in chunks as it goes (see documents.ts).
 */
export async function readStdin(limit: number): Promise<StdinRead> {
  const iterator = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let bytes = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return { whole: Buffer.concat(head) };
    head.push(next.value);
    bytes += next.value.length;
    if (bytes > limit) break;
  }
  async function* pieces(): AsyncGenerator<Uint8Array> {
    yield* head.splice(0);
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  }
  return { pieces: pieces() };
}

export const stdoutSink: Sink = { write: (s) => void process.stdout.write(s) };

/** A command's action hands its work (resolving to an exit code) to the runner. */
export type Run = (work: Promise<number>) => void;

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
