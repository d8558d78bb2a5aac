// The human table: one block per document, entities then quotations, types
// coloured, Arabic made readable for the terminal (see bidi.ts). Column widths
// are measured on the exact strings printed (string-width), and long cells are
// cut with an ellipsis to fit the terminal.

import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import type { DocumentResult } from '../types.js';
import { displayText, type BidiMode } from './bidi.js';
import type { Printer } from './index.js';
import type { Sink } from './sink.js';

export interface TableOptions {
  bidi: BidiMode;
  chalk: ChalkInstance;
  /** Terminal width in columns. */
  width: number;
}

const GAP = '  ';
const ELLIPSIS = '…';

interface Cell {
  /** Logical text. */
  text: string;
  /** As printed. */
  shown: string;
  width: number;
  paint?: (s: string) => string;
}

export class TablePrinter implements Printer {
  constructor(
    private readonly sink: Sink,
    private readonly options: TableOptions,
  ) {}

  begin(): void {}
  end(): void {}

  document(d: DocumentResult): void {
    const { chalk } = this.options;
    const colour: Record<string, (s: string) => string> = { PER: chalk.yellow, ORG: chalk.cyan, LOC: chalk.green };
    const lines: string[] = [chalk.bold(this.cell(d.file).shown)];
    if (d.entities.length === 0) lines.push(chalk.dim('  no entities'));
    else {
      lines.push(
        ...this.grid(
          ['TYPE', 'TEXT', 'CANONICAL', 'ID', 'SPAN'],
          d.entities.map((e) => [
            { ...this.cell(e.type), paint: colour[e.type] },
            this.cell(e.text),
            this.cell(e.canonical),
            this.cell(e.id),
            this.cell(`${e.start}-${e.end}`),
          ]),
          [1, 2, 3],
        ),
      );
    }
    if (d.quotes.length > 0) {
      lines.push(
        ...this.grid(
          ['SPEAKER', 'CUE', 'QUOTE', 'SPAN'],
          d.quotes.map((q) => [
            this.cell(q.speaker === null ? '—' : q.speaker.text),
            this.cell(q.cue ?? '—'),
            this.cell(q.text),
            this.cell(`${q.start}-${q.end}${q.unclosed ? ' unclosed' : ''}`),
          ]),
          [0, 2],
        ),
      );
    }
    this.sink.write(lines.join('\n') + '\n\n');
  }

  private cell(text: string, max = Infinity): Cell {
    let shown = displayText(text, this.options.bidi);
    let width = stringWidth(shown);
    if (width > max) {
      // Cut the logical text (its beginning is what a reader reads first), then lay it out again.
      let lo = 0;
      let hi = [...text].length;
      const cps = [...text];
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (stringWidth(displayText(cps.slice(0, mid).join('') + ELLIPSIS, this.options.bidi)) <= max) lo = mid;
        else hi = mid - 1;
      }
      shown = displayText(cps.slice(0, lo).join('').trimEnd() + ELLIPSIS, this.options.bidi);
      width = stringWidth(shown);
    }
    return { text, shown, width };
  }

  /**
   * Lays out rows in the terminal's width: while the table is too wide, the
   * widest of the `shrinkable` columns gives up a column; cells that no longer
   * fit are cut with an ellipsis.
   */
  private grid(headers: string[], rows: Cell[][], shrinkable: number[]): string[] {
    const { chalk, width: total } = this.options;
    const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].width)));
    const MIN = 8;
    let excess = widths.reduce((a, w) => a + w, 0) + GAP.length * headers.length - total;
    while (excess > 0) {
      let widest = -1;
      for (const c of shrinkable) if (widths[c] > MIN && (widest < 0 || widths[c] > widths[widest])) widest = c;
      if (widest < 0) break;
      widths[widest]--;
      excess--;
    }
    for (const c of shrinkable) {
      for (const r of rows) {
        if (r[c].width > widths[c]) r[c] = { ...this.cell(r[c].text, widths[c]), paint: r[c].paint };
      }
    }
    const line = (cells: Cell[], head: boolean): string =>
      GAP +
      cells
        .map((c, i) => {
          const pad = ' '.repeat(Math.max(0, widths[i] - c.width));
          const text = head ? chalk.dim(c.shown) : c.paint ? c.paint(c.shown) : c.shown;
          return i === cells.length - 1 ? text : text + pad;
        })
        .join(GAP);
    const head = headers.map((h) => ({ text: h, shown: h, width: h.length }));
    return [line(head, true), ...rows.map((r) => line(r, false))];
  }
}
