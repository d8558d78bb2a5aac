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

/** A sink that keeps what is written as UTF-8 bytes: a worker thread's printed documents. */
export class BytesSink implements Sink {
  private buf = Buffer.allocUnsafe(1 << 16);
  private pos = 0;
  write(chunk: string | Uint8Array): void {
    const need = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
    if (this.pos + need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.pos + need) size *= 2;
      const next = Buffer.allocUnsafe(size);
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    if (typeof chunk === 'string') this.pos += this.buf.write(chunk, this.pos);
    else {
      this.buf.set(chunk, this.pos);
      this.pos += chunk.length;
    }
  }
  /** Bytes written since the last take. */
  get size(): number {
    return this.pos;
  }
  /** Forgets what was written after the first `size` bytes (a job that failed half-way). */
  truncate(size: number): void {
    if (size < this.pos) this.pos = size;
  }
  /** What was written since the last take, in a buffer of its own (a message to another thread copies a view's whole buffer), emptying the sink. */
  take(): Uint8Array {
    const out = new Uint8Array(this.pos);
    out.set(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}
