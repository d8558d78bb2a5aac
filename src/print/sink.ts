/** Where a printer writes. The CLI hands in stdout or a file; tests hand in a buffer. */
export interface Sink {
  write(chunk: string): void;
}

/** A sink that keeps what is written, for tests and `kashf check`. */
export class StringSink implements Sink {
  private parts: string[] = [];
  write(chunk: string): void {
    this.parts.push(chunk);
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
