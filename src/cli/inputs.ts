// Turns command-line paths into inputs and reads them. Paths are files,
// directories (their text files, recursively, sorted) or glob patterns
// (fast-glob); "-" or no path at all is stdin. Every problem is reported per
// input so the others still run.

import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KashfError } from '../errors.js';

export interface Input {
  /** As shown in output: the path as given or as found under a directory/glob; "-" for stdin. */
  name: string;
  /** null for stdin. */
  path: string | null;
}

export interface InputProblem {
  name: string;
  error: KashfError;
}

// fast-glob is CommonJS: required on first use, so plain file arguments never load it.
let fastGlob: typeof import('fast-glob') | null = null;
const fg = (): typeof import('fast-glob') => (fastGlob ??= createRequire(import.meta.url)('fast-glob') as typeof import('fast-glob'));

/** Files a directory contributes: text files by extension. */
export const TEXT_EXTENSIONS = ['txt', 'text', 'md'];
const DIR_PATTERN = `**/*.{${TEXT_EXTENSIONS.join(',')}}`;

export function expandInputs(args: readonly string[]): { inputs: Input[]; problems: InputProblem[] } {
  const inputs: Input[] = [];
  const problems: InputProblem[] = [];
  if (args.length === 0) return { inputs: [{ name: '-', path: null }], problems };
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ name: '-', path: null });
      continue;
    }
    let kind: 'file' | 'dir' | 'none' = 'none';
    try {
      const st = statSync(arg);
      kind = st.isDirectory() ? 'dir' : 'file';
    } catch {
      kind = 'none';
    }
    if (kind === 'file') inputs.push({ name: arg, path: arg });
    else if (kind === 'dir') {
      const base = arg.replace(/[\\/]+$/, '');
      // One pattern, one walk: each file is found once, so fast-glob need not
      // keep a set of what it found to drop repeats (a third of the time it
      // takes over 100 000 files: 110 against 170 ms).
      const found = fg().sync(DIR_PATTERN, { cwd: arg, onlyFiles: true, dot: false, followSymbolicLinks: true, unique: false }).sort();
      if (found.length === 0) {
        problems.push({ name: arg, error: new KashfError('INPUT_EMPTY_DIR', `directory has no text files (*.${TEXT_EXTENSIONS.join(', *.')})`) });
      }
      for (const f of found) inputs.push({ name: `${base}/${f}`, path: `${base}/${f}` });
    } else if (fg().isDynamicPattern(arg)) {
      const found = fg().sync(arg, { onlyFiles: true, dot: false }).sort();
      if (found.length === 0) problems.push({ name: arg, error: new KashfError('INPUT_NO_MATCH', 'glob pattern matched no files') });
      for (const f of found) inputs.push({ name: f, path: f });
    } else {
      problems.push({ name: arg, error: new KashfError('INPUT_MISSING', 'no such file or directory') });
    }
  }
  return { inputs, problems };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes bytes as UTF-8 (BOM removed), refusing binary and invalid input. */
export function decode(bytes: Uint8Array): string {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new KashfError('INPUT_BINARY', 'binary file (contains NUL bytes), skipped');
  try {
    return decoder.decode(bytes);
  } catch {
    throw new KashfError('INPUT_ENCODING', `not valid UTF-8 (first bad byte at offset ${firstBadByte(bytes)})`);
  }
}

/**
 * The largest input kashf reads whole: JavaScript strings stop at 2^29 code
 * units, and the tokens of a file take several times its size. Inputs over
 * the streaming threshold (--chunk-size) are read in chunks instead (see
 * stream.ts), so only a threshold set above this meets it; a line, paragraph
 * or record longer than this is refused by the chunked reader.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * A file input as UTF-8 bytes, checked (not binary, valid UTF-8) but not
 * decoded, BOM removed: kashf searches bytes as they are. The error names the
 * problem, not a stack trace. A file over `streamAbove` bytes is not read:
 * null, for the caller to read it in chunks.
 */
export function readInputBytes(path: string): Buffer;
export function readInputBytes(path: string, streamAbove: number): Buffer | null;
export function readInputBytes(path: string, streamAbove = Infinity): Buffer | null {
  const raw = readRaw(path, streamAbove);
  return raw === null ? null : checkedBytes(raw);
}

/** Input bytes checked as readInputBytes checks them (not binary, valid UTF-8), BOM removed. */
export function checkedBytes(bytes: Buffer): Buffer {
  if (bytes.subarray(0, 8192).includes(0)) throw new KashfError('INPUT_BINARY', 'binary file (contains NUL bytes), skipped');
  if (!isUtf8(bytes)) throw new KashfError('INPUT_ENCODING', `not valid UTF-8 (first bad byte at offset ${firstBadByte(bytes)})`);
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Reads a file input as text (BOM removed); the error names the problem, not a stack trace. */
export function readInput(path: string): string {
  return decode(readRaw(path));
}

/**
 * A file's bytes, or null if it has more than `streamAbove`. One open file
 * is sized and read (fstat, then read into a buffer of that size), where a
 * stat of the path and readFileSync (which takes its own fstat) made three
 * look-ups of the file: a tenth of reading an archive of 10 kB articles.
 */
function readRaw(path: string): Buffer;
function readRaw(path: string, streamAbove: number): Buffer | null;
function readRaw(path: string, streamAbove = Infinity): Buffer | null {
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > streamAbove) return null;
    if (size > MAX_INPUT_BYTES) {
      throw new KashfError(
        'INPUT_TOO_LARGE',
        `file is ${Math.round(size / 1e6)} MB, more than kashf reads whole (${MAX_INPUT_BYTES / 1024 / 1024} MiB): split it (e.g. \`split -C 100M\`) and pass the parts`,
      );
    }
    // Size 0 is also what pipes and /proc files report: those are read to their end.
    if (size === 0) return readFileSync(fd);
    const bytes = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, bytes, got, size - got, null);
      if (n === 0) break;
      got += n;
    }
    // A file that shrank meanwhile is what it now holds.
    return got === size ? bytes : bytes.subarray(0, got);
  } catch (e) {
    if (e instanceof KashfError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KashfError('INPUT_MISSING', 'no such file or directory');
    if (code === 'EISDIR') throw new KashfError('INPUT_UNREADABLE', 'is a directory');
    throw new KashfError('INPUT_UNREADABLE', `cannot read (${code ?? 'error'})`);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function firstBadByte(bytes: Uint8Array): number {
  // Decode growing prefixes would be quadratic; walk the UTF-8 structure instead.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0) return i;
    for (let k = 1; k < n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n;
  }
  return i;
}

