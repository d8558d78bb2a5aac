/**
 * Where a printer writes. The CLI hands in stdout or a file; tests hand in a
 * buffer. A chunk is text, or UTF-8 bytes that are the sink's only while
 * write() runs: a sink that keeps them copies them.
 */
export interface Sink {
  write(chunk: string | Uint8Array): void;
}

const utf8 = new TextDecoder('utf-8');

/** A sink that keeps what is written as text, for tests and `kashf check`. */
export class StringSink implements Sink {
  private parts: string[] = [];
  write(chunk: string | Uint8Array): void {
    // Printers hand in whole records, so a chunk never ends inside a character.
    this.parts.push(typeof chunk === 'string' ? chunk : utf8.decode(chunk));
  }
  toString(): string {
    return this.parts.join('');
  }
  /** What was written since the last take, emptying the sink. */
  take(): string {
    const s = this.parts.join('');
    this.parts = [];
    return s;
  }
}

/**
 * A sink that keeps what is written as UTF-8 bytes: a --jobs thread's
 * printed documents. It prints into its own buffer, or into a region lent to
 * it (printInto) until that fills up, when what it holds moves to its own.
 */
export class BytesSink implements Sink {
  private own = Buffer.allocUnsafe(1 << 16);
  /** Where it prints now: its own buffer, or a lent region. */
  private buf: Buffer = this.own;
  private pos = 0;
  write(chunk: string | Uint8Array): void {
    const need = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
    if (this.pos + need > this.buf.length) this.grow(this.pos + need);
    if (typeof chunk === 'string') this.pos += this.buf.write(chunk, this.pos);
    else {
      this.buf.set(chunk, this.pos);
      this.pos += chunk.length;
    }
  }
  /** Room for `size` bytes, in its own buffer. */
  private grow(size: number): void {
    let next = this.own;
    if (next.length < size) {
      let n = next.length * 2;
      while (n < size) n *= 2;
      next = Buffer.allocUnsafe(n);
    }
    if (next !== this.buf) this.buf.copy(next, 0, 0, this.pos);
    this.own = this.buf = next;
  }
  /** Bytes written since the last take. */
  get size(): number {
    return this.pos;
  }
  /** Forgets what was written after the first `size` bytes (a job that failed half-way). */
  truncate(size: number): void {
    if (size < this.pos) this.pos = size;
  }
  /**
   * Prints what comes next (the sink must be empty: just taken) into
   * `region`, for as long as it fits there.
   */
  printInto(region: Buffer): void {
    this.buf = region;
    this.pos = 0;
  }
  /** Whether what was written since printInto is still in the region lent. */
  get inRegion(): boolean {
    return this.buf !== this.own;
  }
  /**
   * What was written since the last take, emptying the sink: a view of the
   * region lent, or a copy of its own buffer (which it goes on using; and a
   * message to another thread copies a view's whole buffer).
   */
  take(): Uint8Array {
    let out: Uint8Array;
    if (this.buf !== this.own) out = this.buf.subarray(0, this.pos);
    else {
      out = new Uint8Array(this.pos);
      out.set(this.buf.subarray(0, this.pos));
    }
    this.buf = this.own;
    this.pos = 0;
    return out;
  }
}
