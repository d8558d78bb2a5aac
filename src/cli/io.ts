// Process-facing helpers shared by the commands: stderr messages, stdin,
// stdout as a sink, and the environment the options are resolved against.

import type { Sink } from '../print/index.js';
import { checkedBytes } from './inputs.js';
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

/** All of stdin, checked as a file is (readInputBytes): searched as the bytes it is. */
export function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => {
      try {
        resolve(checkedBytes(Buffer.concat(chunks)));
      } catch (e) {
        reject(e);
      }
    });
    process.stdin.on('error', reject);
  });
}

export const stdoutSink: Sink = { write: (s) => void process.stdout.write(s) };

/** A command's action hands its work (resolving to an exit code) to the runner. */
export type Run = (work: Promise<number>) => void;

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
