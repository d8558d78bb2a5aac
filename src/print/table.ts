// The human table: one block per document, entities then quotations, types
// coloured, Arabic made readable for the terminal (see bidi.ts). Column widths
// are measured on the exact strings printed (string-width, which ignores the
// colour escapes), and cells are cut with an ellipsis until every line fits
// the terminal. With --context, the text column shows the mention inside its
// context: context dimmed, or the mention in [brackets] when there is no colour.

import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import type { DocumentResult } from '../types.js';
import { displayParts, type BidiMode, type DisplayPart } from './bidi.js';
import { recordField } from './delimited.js';
import type { Printer } from './index.js';
import type { Sink } from './sink.js';

export interface TableOptions {
  bidi: BidiMode;
  chalk: ChalkInstance;
  /** Terminal width in columns. */
  width: number;
}

type Style = (s: string) => string;

/** What a caller puts in a cell: plain text, or a mention with the context either side. */
export interface CellSpec {
  text: string;
  before?: string;
  after?: string;
  style?: Style;
}

const GAP = '  ';
const ELLIPSIS = '…';
/** Shrinkable columns give up space down to this width first; below it only if the line still does not fit. */
const MIN = 8;

interface Cell {
  /** Logical text, as code points, so cutting never splits a surrogate pair. */
  before: string[];
  text: string[];
  after: string[];
  style?: Style;
  /** As printed (bidi applied, styles included). */
  shown: string;
  width: number;
}

/** A document's heading: its file, then which document of the file and which record it is, when a file is many. */
function titleOf(d: DocumentResult): string {
  let title = d.file;
  if (d.document !== undefined) title += ` document ${d.document}`;
  if (d.id !== undefined) title += ` record ${recordField(d.id)}`;
  return title;
}

export class TablePrinter implements Printer {
  constructor(
    private readonly sink: Sink,
    private readonly options: TableOptions,
  ) {}

  begin(): void {}
  end(): void {}

  document(d: DocumentResult, _text?: string | Uint8Array): void {
    const o = this.options;
    const { chalk } = o;
    const colour: Record<string, Style> = { PER: chalk.yellow, ORG: chalk.cyan, LOC: chalk.green };
    const title = fit(makeCell({ text: titleOf(d) }, o), Math.max(1, o.width), o);
    const lines: string[] = [chalk.bold(title.shown)];
    const inContext = (r: { text: string; context?: { before: string; after: string } }, style?: Style): CellSpec =>
      r.context === undefined ? { text: r.text, style } : { text: r.text, before: r.context.before, after: r.context.after, style: style ?? chalk.bold };
    if (d.entities.length === 0) lines.push(chalk.dim('  no entities'));
    else {
      const context = d.entities.some((e) => e.context !== undefined);
      lines.push(
        ...renderGrid(
          ['TYPE', context ? 'TEXT IN CONTEXT' : 'TEXT', 'CANONICAL', 'ID', 'SPAN'],
          d.entities.map((e) => [
            { text: e.type, style: colour[e.type] },
            context ? inContext(e, chalk.bold) : e.text,
            e.canonical,
            e.id,
            `${e.start}-${e.end}`,
          ]),
          [1, 2, 3],
          o,
        ),
      );
    }
    if (d.quotes.length > 0) {
      const context = d.quotes.some((q) => q.context !== undefined);
      lines.push(
        ...renderGrid(
          ['SPEAKER', 'CUE', context ? 'QUOTE IN CONTEXT' : 'QUOTE', 'SPAN'],
          d.quotes.map((q) => [
            q.speaker === null ? '—' : q.speaker.text,
            q.cue ?? '—',
            context ? inContext(q) : q.text,
            `${q.start}-${q.end}${q.unclosed ? ' unclosed' : ''}`,
          ]),
          [0, 2, 1],
          o,
        ),
      );
    }
    this.sink.write(lines.join('\n') + '\n\n');
  }
}

/**
 * Lays out rows in `options.width` columns, two spaces before each column.
 * While the lines are too wide, the widest of the `shrinkable` columns (in
 * order of preference) gives up a column, down to 8; then down to 1; then any
 * column. Cells that no longer fit are cut with an ellipsis, so no line is
 * wider than the terminal. Columns in `rightAligned` (numbers) are padded on the left.
 */
export function renderGrid(
  headers: string[],
  specs: (string | CellSpec)[][],
  shrinkable: number[],
  options: TableOptions,
  rightAligned: readonly number[] = [],
): string[] {
  const { chalk } = options;
  const head = headers.map((h) => makeCell({ text: h, style: chalk.dim }, options));
  const rows = specs.map((r) => r.map((s) => makeCell(typeof s === 'string' ? { text: s } : s, options)));
  const widths = head.map((h, c) => Math.max(h.width, ...rows.map((r) => r[c].width)));
  // Without its context, a cell needs only its text: context is given up before anything is cut.
  const core = head.map((h, c) => Math.max(h.width, ...rows.map((r) => coreWidth(r[c], options))));
  let excess = widths.reduce((a, w) => a + w, 0) + GAP.length * headers.length - options.width;
  const everyColumn = headers.map((_, c) => c);
  for (const [columns, floor] of [
    [shrinkable, core],
    [shrinkable, MIN],
    [shrinkable, 1],
    [everyColumn, 1],
  ] as const) {
    const floorOf = (c: number): number => (typeof floor === 'number' ? floor : Math.max(MIN, floor[c]));
    while (excess > 0) {
      let widest = -1;
      for (const c of columns) if (widths[c] > floorOf(c) && (widest < 0 || widths[c] > widths[widest])) widest = c;
      if (widest < 0) break;
      widths[widest]--;
      excess--;
    }
  }
  const line = (cells: Cell[]): string =>
    GAP +
    cells
      .map((cell, i) => {
        const c = cell.width > widths[i] ? fit(cell, widths[i], options) : cell;
        const pad = ' '.repeat(Math.max(0, widths[i] - c.width));
        if (rightAligned.includes(i)) return pad + c.shown;
        return i === cells.length - 1 ? c.shown : c.shown + pad;
      })
      .join(GAP);
  return [line(head), ...rows.map(line)];
}

function cps(s: string | undefined): string[] {
  return s === undefined ? [] : [...s];
}

function coreWidth(cell: Cell, options: TableOptions): number {
  if (cell.before.length === 0 && cell.after.length === 0) return cell.width;
  return compose([], cell.text, [], cell.style, options, false, false, false).width;
}

function makeCell(spec: CellSpec, options: TableOptions): Cell {
  return compose(cps(spec.before), cps(spec.text), cps(spec.after), spec.style, options, false, false, false);
}

/**
 * Lays a cell out: context dimmed around the text (or the text bracketed when
 * there is no colour); `cutBefore`/`cutAfter`/`cutText` add the ellipsis where
 * something was left out.
 */
function compose(
  before: string[],
  text: string[],
  after: string[],
  style: Style | undefined,
  options: TableOptions,
  cutBefore: boolean,
  cutText: boolean,
  cutAfter: boolean,
): Cell {
  const { chalk } = options;
  const hasContext = before.length > 0 || after.length > 0;
  const parts: DisplayPart[] = [];
  if (before.length > 0) parts.push({ text: (cutBefore ? ELLIPSIS : '') + before.join(''), style: chalk.dim });
  const body = text.join('') + (cutText ? ELLIPSIS : '');
  parts.push({ text: hasContext && chalk.level === 0 ? `[${body}]` : body, style });
  if (after.length > 0) parts.push({ text: after.join('') + (cutAfter ? ELLIPSIS : ''), style: chalk.dim });
  const shown = displayParts(parts, options.bidi);
  return { before, text, after, style, shown, width: stringWidth(shown) };
}

/** The cell cut to at most `max` columns: context first (its far ends), then the text's end. */
function fit(cell: Cell, max: number, options: TableOptions): Cell {
  if (cell.width <= max) return cell;
  const { before, text, after, style } = cell;
  // Keep `k` code points of context, shared between the two sides.
  const withContext = (k: number): Cell => {
    let kb = Math.min(before.length, Math.ceil(k / 2));
    const ka = Math.min(after.length, k - kb);
    kb = Math.min(before.length, k - ka);
    return compose(before.slice(before.length - kb), text, after.slice(0, ka), style, options, kb < before.length, false, ka < after.length);
  };
  let lo = 0;
  let hi = before.length + after.length;
  if (hi > 0) {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (withContext(mid).width <= max) lo = mid;
      else hi = mid - 1;
    }
    const c = withContext(lo);
    if (c.width <= max) return c;
  }
  // No context left: cut the text (its beginning is what a reader reads first).
  const cut = (n: number): Cell => {
    const kept = text.slice(0, n);
    while (kept.length > 0 && /\s/.test(kept[kept.length - 1])) kept.pop();
    return compose([], kept, [], style, options, false, true, false);
  };
  lo = 0;
  hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cut(mid).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}
