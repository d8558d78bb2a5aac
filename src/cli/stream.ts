// Reads a large file in chunks instead of whole: each chunk is cut after a
// paragraph break (a blank line), else after a line break, else at a space,
// so the searcher sees whole paragraphs and offsets can be carried from one
// chunk to the next (search's Carry). Chunks are UTF-8 bytes, never decoded:
// a cut always falls between characters, each chunk is checked to be valid
// UTF-8, and the BOM is dropped once.

import { isUtf8 } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Spill } from '../print/index.js';
import { BatchedWriter } from './batch.js';
import { isBlank } from './bytes.js';
import { KashfError } from '../errors.js';

/** Files above this size are read in chunks (see --chunk-size). */
export const STREAM_THRESHOLD = 32 * 1024 * 1024;
/** Default chunk size in bytes. */
export const CHUNK_BYTES = 2 * 1024 * 1024;

export function* chunksOf(path: string, chunkBytes = CHUNK_BYTES): Generator<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new KashfError('INPUT_UNREADABLE', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    // Bytes read and not yet handed on; what is handed on is a copy, cut after
    // a line break or white space, so never inside a character.
    let pending = Buffer.allocUnsafe(Math.max(4096, chunkBytes * 2));
    let held = 0;
    let first = true;
    for (;;) {
      if (held === pending.length) {
        const grown = Buffer.allocUnsafe(pending.length * 2);
        pending.copy(grown, 0, 0, held);
        pending = grown;
      }
      const n = readSync(fd, pending, held, Math.min(chunkBytes, pending.length - held), null);
      held += n;
      if (first) {
        if (pending.subarray(0, Math.min(held, 8192)).includes(0)) throw new KashfError('INPUT_BINARY', 'binary file (contains NUL bytes), skipped');
        if (pending[0] === 0xef && pending[1] === 0xbb && pending[2] === 0xbf && held >= 3) {
          pending.copy(pending, 0, 3, held);
          held -= 3;
        }
        first = false;
      }
      if (n === 0) {
        if (held > 0) yield checked(pending.subarray(0, held));
        return;
      }
      if (held < chunkBytes / 2) continue;
      const cut = cutPoint(pending.subarray(0, held));
      if (cut <= 0) continue;
      yield checked(Buffer.from(pending.subarray(0, cut)));
      pending.copy(pending, 0, cut, held);
      held -= cut;
    }
  } finally {
    closeSync(fd);
  }
}

/** A chunk as searched: valid UTF-8, else the file is refused. */
function checked(chunk: Buffer): Buffer {
  if (!isUtf8(chunk)) throw new KashfError('INPUT_ENCODING', 'not valid UTF-8');
  return chunk;
}

/**
 * Where to end a chunk: after the last blank line that does not leave a
 * quotation open (a quotation may run on into the next paragraph), else after
 * the last blank line, else after the last line break, else after the last
 * white space; 0 for nowhere yet. Scans back from the end: linear in the text.
 */
function cutPoint(b: Uint8Array): number {
  const lastLine = b.lastIndexOf(0x0a);
  let fallback = -1;
  let i = lastLine;
  let tries = 0;
  while (i > 0 && tries < 64) {
    const prev = b.lastIndexOf(0x0a, i - 1);
    if (prev < 0) break;
    if (isBlank(b, prev + 1, i)) {
      // A blank line ends at i: is the paragraph before it free of open quotations?
      const start = paragraphStart(b, prev);
      if (fallback < 0) fallback = i + 1;
      if (balanced(b, start, prev)) return i + 1;
      tries++;
    }
    i = prev;
  }
  if (fallback > 0) return fallback;
  if (lastLine >= 0) return lastLine + 1;
  // A space or a tab: ASCII, so the cut falls between characters.
  for (let k = b.length - 1; k > 0; k--) if (b[k] === 0x20 || b[k] === 0x09) return k + 1;
  return 0;
}

/** The start of the paragraph that ends at `end`: after the blank line before it, or 0. */
function paragraphStart(b: Uint8Array, end: number): number {
  let i = end;
  while (i > 0) {
    const prev = b.lastIndexOf(0x0a, i - 1);
    if (prev < 0) return 0;
    if (isBlank(b, prev + 1, i)) return i + 1;
    i = prev;
  }
  return 0;
}

/** Does b[start, end) close every quotation it opens (by counting marks: « », “ ”, ")? */
function balanced(b: Uint8Array, start: number, end: number): boolean {
  let guillemets = 0;
  let curly = 0;
  let ascii = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === 0x22) ascii++;
    else if (c === 0xc2) {
      if (b[i + 1] === 0xab) guillemets++;
      else if (b[i + 1] === 0xbb) guillemets--;
    } else if (c === 0xe2 && b[i + 1] === 0x80 && (b[i + 2] === 0x9c || b[i + 2] === 0x9d)) curly++;
  }
  return guillemets <= 0 && curly % 2 === 0 && ascii % 2 === 0;
}

/** A temporary file to set text aside in (see Spill): made on first write, removed when drained. */
export function fileSpill(): Spill {
  let dir: string | null = null;
  let fd = -1;
  const batch = BatchedWriter.toFd(() => {
    if (dir === null) {
      dir = mkdtempSync(join(tmpdir(), 'kashf-'));
      fd = openSync(join(dir, 'spill'), 'w+');
    }
    return fd;
  });
  return {
    write: (s) => batch.write(s),
    drain(consume) {
      if (dir === null) {
        // Never reached the disk.
        const held = batch.takeHeld();
        if (held.length > 0) consume(held);
        return;
      }
      batch.flush();
      const buffer = Buffer.allocUnsafe(1 << 20);
      let position = 0;
      try {
        while (position < batch.written) {
          const n = readSync(fd, buffer, 0, buffer.length, position);
          if (n === 0) break;
          position += n;
          consume(buffer.subarray(0, n));
        }
      } finally {
        closeSync(fd);
        rmSync(dir, { recursive: true, force: true });
        dir = null;
      }
    },
  };
}
