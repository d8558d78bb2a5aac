// Small helpers shared by the test files: table-driven cases and the paths of
// the project and of ../shared (which may be absent: tests that need it skip).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, it } from 'vitest';
import { Kashf } from '../src/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = join(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(join(SHARED, 'seed'));

/** One `it` per row: `name` is the row's first element, shown in the test name. */
export function table<Row extends unknown[]>(rows: Row[], fn: (...row: Row) => void): void {
  for (const row of rows) it(String(row[0]), () => fn(...row));
}

let builtin: Kashf | null = null;
/** The built-in dictionaries, loaded once per test file. */
export function kashf(): Kashf {
  return (builtin ??= Kashf.withBuiltin());
}

/** [...s].slice(start, end): the contract's code-point substring. */
export function cpSlice(s: string, start: number, end: number): string {
  return [...s].slice(start, end).join('');
}

const made: string[] = [];
// Registered once per test file (each file imports this module afresh).
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the system's temporary directory, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The text of every fixture article: quotes/, eval/ and the seed article. */
export function fixtureTexts(): string[] {
  const texts = ['quotes', 'eval'].flatMap((dir) =>
    readdirSync(join(ROOT, 'fixtures', dir))
      .filter((f) => f.endsWith('.txt') && !f.endsWith('.ann.txt'))
      .map((f) => readFileSync(join(ROOT, 'fixtures', dir, f), 'utf8')),
  );
  texts.push(readFileSync(join(ROOT, 'fixtures', 'lavrov-wang-yi.txt'), 'utf8'));
  return texts;
}
