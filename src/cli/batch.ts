// Output gathered into batches of about a megabyte of UTF-8 and handed on
// whole: one system call per batch instead of one per record. Used for
// stdout (unless it is a terminal), --output and the temporary file that
// holds a large document's quotations.

import { writeSync } from 'node:fs';

const BATCH = 1 << 20;
/**
 * Bytes this many or more go to a writer that is done with them on return
 * (a file) without being copied into a batch: a --jobs batch's printed
 * output, half a megabyte a batch (see commands/extract.ts).
 */
const PASS_THROUGH = 1 << 16;

export class BatchedWriter {
  private buf: Buffer | null = null;
  private pos = 0;
  /** Bytes handed on so far. */
  written = 0;

  /**
   * `emit` receives each full batch. Unless `consumed` (emit is done with
   * the batch when it returns, as writeSync is), the batch is emit's to keep
   * and the next one goes in a fresh buffer; a writer to a file descriptor is
   * made with BatchedWriter.toFd.
   */
  constructor(
    private readonly emit: (batch: Uint8Array) => void,
    private readonly consumed = false,
  ) {}

  /** Batches written with writeSync to `fd`, asked for only when the first batch is written (so the file can be made lazily). */
  static toFd(fd: () => number): BatchedWriter {
    return new BatchedWriter((b) => writeAll(fd(), b), true);
  }

  write(chunk: string | Uint8Array): void {
    // At most 3 bytes per UTF-16 unit.
    const bound = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
    if (this.buf !== null && this.pos + bound > this.buf.length) this.flush();
    if (bound > BATCH || (this.consumed && typeof chunk !== 'string' && bound >= PASS_THROUGH)) {
      // Too large to batch, or large enough to write as it is: on its own.
      // Bytes are the writer's only while write() runs, so they are copied
      // unless emit is done with them when it returns.
      this.flush();
      this.pass(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : this.consumed ? chunk : Buffer.from(chunk));
      return;
    }
    this.buf ??= Buffer.allocUnsafe(BATCH);
    if (typeof chunk === 'string') this.pos += this.buf.write(chunk, this.pos);
    else {
      this.buf.set(chunk, this.pos);
      this.pos += chunk.length;
    }
  }

  flush(): void {
    if (this.buf === null || this.pos === 0) return;
    const full = this.buf.subarray(0, this.pos);
    // Unless emit is done with it on return, a fresh buffer takes the next
    // batch: a stream may write this one later.
    if (!this.consumed) this.buf = null;
    this.pos = 0;
    this.pass(full);
  }

  /** Nothing has been handed on yet: gives back what is held (a view, valid until the next write) and forgets it. */
  takeHeld(): Uint8Array {
    if (this.buf === null) return new Uint8Array(0);
    const held = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return held;
  }

  private pass(b: Uint8Array): void {
    this.written += b.length;
    this.emit(b);
  }
}

/** For waiting a millisecond without a timer (Atomics.wait on memory no one wakes). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `b` to `fd`, waiting while it is full. Stdout may be a pipe
 * that Node has made non-blocking, where a write to a full pipe fails with
 * EAGAIN instead of waiting for the reader: kashf then waits a millisecond
 * and tries again, so a slow reader (gzip, jq) slows kashf down rather than
 * having the output pile up in memory.
 */
export function writeAll(fd: number, b: Uint8Array): void {
  for (let at = 0; at < b.length; ) {
    try {
      at += writeSync(fd, b, at, b.length - at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
