// Reads a large input (a file, or stdin) in chunks instead of whole. One
// document's chunks are cut after a paragraph break (a blank line), else
// after a line break, else at a space, so the searcher sees whole paragraphs
// and offsets can be carried from one chunk to the next (search's Carry);
// the chunks of --split and --input jsonl inputs after whole lines,
// paragraphs or records (bytes.ts: segmentCut). Chunks are UTF-8 bytes,
// never decoded: a cut always falls between characters, each chunk is
// checked to be valid UTF-8, and the BOM is dropped once.

import { isUtf8 } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Spill } from '../print/index.js';
import { BatchedWriter } from './batch.js';
import { isBlank } from './bytes.js';
import { KashfError } from '../errors.js';

/** Inputs above this size are read in chunks (see --chunk-size). */
export const STREAM_THRESHOLD = 32 * 1024 * 1024;
/** Default chunk size in bytes. */
export const CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * Cuts input read in pieces into the chunks kashf searches, each ending where
 * `cut` says (cutPoint for one document, segmentCut for lines, paragraphs
 * and JSON Lines records), so never inside a character. The input's first
 * bytes are checked for NUL (a binary file) and its BOM dropped; every chunk
 * handed on is checked to be valid UTF-8 and is a copy. A chunk is cut once
 * half `chunkBytes` is held; if no cut is found by `maxHeld` bytes, the input
 * is refused.
 */
export class Cutter {
  private pending: Buffer;
  private held = 0;
  private checked = false;
  /** How much was held when no cut was found: cut() need not look before it again. */
  private looked = 0;

  constructor(
    private readonly cut: (b: Buffer, from: number) => number,
    private readonly chunkBytes = CHUNK_BYTES,
    private readonly maxHeld = Infinity,
  ) {
    this.pending = Buffer.allocUnsafe(Math.max(4096, chunkBytes * 2));
  }

  /** Where to read the next piece into (up to chunkBytes), to be committed with commit(). */
  room(): Buffer {
    if (this.held === this.pending.length) this.grow(this.pending.length * 2);
    return this.pending.subarray(this.held, this.held + Math.min(this.chunkBytes, this.pending.length - this.held));
  }

  /** `n` bytes were read into room(). */
  commit(n: number): void {
    this.held += n;
  }

  /** A piece read elsewhere, copied in. */
  push(piece: Uint8Array): void {
    if (this.held + piece.length > this.pending.length) this.grow(Math.max(this.pending.length * 2, this.held + piece.length));
    this.pending.set(piece, this.held);
    this.held += piece.length;
  }

  /** The next chunk, once enough is held and a cut found; else null (read more). */
  take(): Buffer | null {
    // Three bytes at least: whether the input starts with a BOM.
    if (this.held < this.chunkBytes / 2 || this.held < 3) return null;
    this.start();
    const cut = this.cut(this.pending.subarray(0, this.held), this.looked);
    if (cut <= 0) {
      this.looked = this.held;
      if (this.held > this.maxHeld) throw new KashfError('INPUT_TOO_LARGE', `no place to cut it in ${Math.round(this.maxHeld / 1024 / 1024)} MiB: a line, paragraph or record that long is more than kashf holds`);
      return null;
    }
    const chunk = checkedChunk(Buffer.from(this.pending.subarray(0, cut)));
    this.pending.copy(this.pending, 0, cut, this.held);
    this.held -= cut;
    this.looked = 0;
    return chunk;
  }

  /** What is left at the end of the input, or null. */
  rest(): Buffer | null {
    this.start();
    if (this.held === 0) return null;
    const chunk = checkedChunk(this.pending.subarray(0, this.held));
    this.held = 0;
    return chunk;
  }

  /** The input's first bytes: refused if binary, its BOM dropped. */
  private start(): void {
    if (this.checked) return;
    if (this.pending.subarray(0, Math.min(this.held, 8192)).includes(0)) throw new KashfError('INPUT_BINARY', 'binary file (contains NUL bytes), skipped');
    if (this.held >= 3 && this.pending[0] === 0xef && this.pending[1] === 0xbb && this.pending[2] === 0xbf) {
      this.pending.copy(this.pending, 0, 3, this.held);
      this.held -= 3;
    }
    this.checked = true;
  }

  private grow(size: number): void {
    const grown = Buffer.allocUnsafe(size);
    this.pending.copy(grown, 0, 0, this.held);
    this.pending = grown;
  }
}

/** A file read through `cutter`. */
export function* fileChunks(path: string, cutter: Cutter): Generator<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new KashfError('INPUT_UNREADABLE', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    for (;;) {
      const room = cutter.room();
      const n = readSync(fd, room, 0, room.length, null);
      if (n === 0) break;
      cutter.commit(n);
      const chunk = cutter.take();
      if (chunk !== null) yield chunk;
    }
    const last = cutter.rest();
    if (last !== null) yield last;
  } finally {
    closeSync(fd);
  }
}

/** Pieces read from a stream (stdin) through `cutter`. */
export async function* streamChunks(pieces: AsyncIterable<Uint8Array>, cutter: Cutter): AsyncGenerator<Buffer> {
  for await (const piece of pieces) {
    cutter.push(piece);
    for (let chunk = cutter.take(); chunk !== null; chunk = cutter.take()) yield chunk;
  }
  const last = cutter.rest();
  if (last !== null) yield last;
}

/** A chunk as searched: valid UTF-8, else the input is refused. */
function checkedChunk(chunk: Buffer): Buffer {
  if (!isUtf8(chunk)) throw new KashfError('INPUT_ENCODING', 'not valid UTF-8');
  return chunk;
}

/**
 * Where to end a chunk: after the last blank line that does not leave a
 * quotation open (a quotation may run on into the next paragraph), else after
 * the last blank line, else after the last line break, else after the last
 * white space; 0 for nowhere yet. Scans back from the end: linear in the text.
 */
export function cutPoint(b: Uint8Array): number {
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
