// Text written to a file descriptor in batches of about a megabyte: one
// system call per batch instead of one per record. Used by --output and by
// the temporary file that holds a large document's quotations.

import { writeSync } from 'node:fs';

export class BatchedWriter {
  private readonly parts: string[] = [];
  private size = 0;
  /** Bytes written to the file so far. */
  written = 0;

  /** `fd` is asked for only when the first batch is written, so the file can be made lazily. */
  constructor(private readonly fd: () => number) {}

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.written += writeSync(this.fd(), this.parts.join(''));
    this.parts.length = 0;
    this.size = 0;
  }

  /** Nothing has reached the file yet: hands back what is held and forgets it. */
  takeHeld(): string[] {
    const held = this.parts.splice(0);
    this.size = 0;
    return held;
  }
}
