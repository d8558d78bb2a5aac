// Which files are fixtures and where their expected output lives:
// `NAME.txt` is checked against `NAME.expected.json` beside it. Annotation
// sources (`NAME.ann.txt`) and README files are not fixtures.

import { basename, dirname, join } from 'node:path';

export const EXPECTED_SUFFIX = '.expected.json';

export function isFixture(path: string): boolean {
  const name = basename(path);
  if (!name.endsWith('.txt') || name === '.txt') return false;
  if (name.endsWith('.ann.txt')) return false;
  if (/^readme(\.|$)/i.test(name)) return false;
  return true;
}

/** `dir/NAME.txt` → `dir/NAME.expected.json`. */
export function expectedPathFor(path: string): string {
  return join(dirname(path), basename(path).replace(/\.txt$/, '') + EXPECTED_SUFFIX);
}
