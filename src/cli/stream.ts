// Reads a large file in chunks instead of whole: each chunk is cut after a
// paragraph break (a blank line), else after a line break, else at white
// space, so the searcher sees whole paragraphs and offsets can be carried from
// one chunk to the next (search's Carry). Decoding is streamed, so a UTF-8
// sequence split between two reads is joined, and the BOM is dropped once.

import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Spill } from '../print/index.js';
import { BatchedWriter } from './batch.js';
import { KashfError } from '../errors.js';

/** Files above this size are read in chunks (see --chunk-size). */
export const STREAM_THRESHOLD = 32 * 1024 * 1024;
/** Default chunk size in bytes. */
export const CHUNK_BYTES = 2 * 1024 * 1024;

export function* chunksOf(path: string, chunkBytes = CHUNK_BYTES): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const buffer = Buffer.allocUnsafe(Math.max(4096, chunkBytes));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new KashfError('INPUT_UNREADABLE', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    let pending = '';
    let first = true;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      const bytes = buffer.subarray(0, n);
      if (first && bytes.subarray(0, 8192).includes(0)) throw new KashfError('INPUT_BINARY', 'binary file (contains NUL bytes), skipped');
      first = false;
      try {
        pending += decoder.decode(bytes, { stream: n > 0 });
      } catch {
        throw new KashfError('INPUT_ENCODING', 'not valid UTF-8');
      }
      if (n === 0) {
        if (pending !== '') yield pending;
        return;
      }
      if (pending.length < chunkBytes / 2) continue;
      const cut = cutPoint(pending);
      if (cut <= 0) continue;
      yield pending.slice(0, cut);
      pending = pending.slice(cut);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Where to end a chunk: after the last blank line that does not leave a
 * quotation open (a quotation may run on into the next paragraph), else after
 * the last blank line, else after the last line break, else after the last
 * white space; 0 for nowhere yet. Scans back from the end: linear in the text.
 */
function cutPoint(text: string): number {
  const lastLine = text.lastIndexOf('\n');
  let fallback = -1;
  let i = lastLine;
  let tries = 0;
  while (i > 0 && tries < 64) {
    const prev = text.lastIndexOf('\n', i - 1);
    if (prev < 0) break;
    if (text.slice(prev + 1, i).trim() === '') {
      // A blank line ends at i: is the paragraph before it free of open quotations?
      const start = paragraphStart(text, prev);
      if (fallback < 0) fallback = i + 1;
      if (balanced(text, start, prev)) return i + 1;
      tries++;
    }
    i = prev;
  }
  if (fallback > 0) return fallback;
  if (lastLine >= 0) return lastLine + 1;
  for (let k = text.length - 1; k > 0; k--) if (/\s/.test(text[k])) return k + 1;
  return 0;
}

/** The start of the paragraph that ends at `end`: after the blank line before it, or 0. */
function paragraphStart(text: string, end: number): number {
  let i = end;
  while (i > 0) {
    const prev = text.lastIndexOf('\n', i - 1);
    if (prev < 0) return 0;
    if (text.slice(prev + 1, i).trim() === '') return i + 1;
    i = prev;
  }
  return 0;
}

/** Does text[start, end) close every quotation it opens (by counting marks)? */
function balanced(text: string, start: number, end: number): boolean {
  let guillemets = 0;
  let curly = 0;
  let ascii = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xab) guillemets++;
    else if (c === 0xbb) guillemets--;
    else if (c === 0x201c || c === 0x201d) curly++;
    else if (c === 0x22) ascii++;
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
        batch.takeHeld().forEach(consume);
        return;
      }
      batch.flush();
      const decoder = new TextDecoder('utf-8');
      const buffer = Buffer.allocUnsafe(1 << 20);
      let position = 0;
      try {
        while (position < batch.written) {
          const n = readSync(fd, buffer, 0, buffer.length, position);
          if (n === 0) break;
          position += n;
          const s = decoder.decode(buffer.subarray(0, n), { stream: position < batch.written });
          if (s !== '') consume(s);
        }
      } finally {
        closeSync(fd);
        rmSync(dir, { recursive: true, force: true });
        dir = null;
      }
    },
  };
}
