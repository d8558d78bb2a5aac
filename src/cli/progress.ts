// A progress line on stderr — "[#####-----] 12/40 files" — for runs over
// several files in an interactive terminal. Never in a pipe, a redirect or CI,
// where it would only be noise in logs. The line is erased before anything
// else is written to the terminal (call clear() first) and at the end, so it
// never mixes with warnings or with a table on stdout.

export interface ProgressContext {
  files: number;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
}

/** Whether to draw: more than one file, stderr a terminal (not dumb), not CI. */
export function shouldShowProgress({ files, stderrIsTTY, env }: ProgressContext): boolean {
  if (files < 2 || !stderrIsTTY) return false;
  if (env.TERM === 'dumb') return false;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return true;
}

/** Where the line is drawn; process.stderr fits. */
export interface ProgressStream {
  write(s: string): unknown;
  columns?: number;
}

const BAR = 20;

export class Progress {
  private done = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream | null,
  ) {}

  /** The progress line for this process: drawn only when shouldShowProgress says so. */
  static forProcess(total: number): Progress {
    const show = shouldShowProgress({ files: total, stderrIsTTY: process.stderr.isTTY === true, env: process.env });
    return new Progress(total, show ? process.stderr : null);
  }

  get enabled(): boolean {
    return this.stream !== null;
  }

  /** One more file done: redraws the line. */
  tick(): void {
    this.done = Math.min(this.total, this.done + 1);
    this.draw();
  }

  /** Erases the line (until the next tick); call before writing anything else to the terminal. */
  clear(): void {
    if (this.stream === null || !this.drawn) return;
    this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  /** Erases the line for good. */
  end(): void {
    this.clear();
  }

  /** The line as drawn (no escapes), for tests. */
  line(): string {
    const filled = this.total === 0 ? BAR : Math.round((BAR * this.done) / this.total);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${this.done}/${this.total} files`;
  }

  private draw(): void {
    if (this.stream === null) return;
    let text = this.line();
    const columns = this.stream.columns;
    // A line wider than the terminal would wrap, and \r would then only erase its last row.
    if (columns !== undefined && columns > 1 && text.length >= columns) text = text.slice(0, columns - 1);
    this.stream.write('\r\x1b[2K' + text);
    this.drawn = true;
  }
}
