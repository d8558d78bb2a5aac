// Differences as text for a person: one line per missing (-), extra (+) or
// changed (~) item with its span, type and id or kind and speaker, and its
// text last (JSON-quoted), then one indented line per changed field. Putting
// the Arabic at the end of the line keeps a bidi terminal from reordering the
// offsets into it. Long quotations are cut to 80 code points. The CLI passes
// `display` to lay Arabic out for the terminal (print/bidi.ts) when the
// report goes to one; in a pipe or a log the text stays logical.

import type { ChalkInstance } from 'chalk';
import type { SpeakerRecord } from '../types.js';
import type { Difference, FieldChange } from './diff.js';

const MAX_TEXT = 80;

export type Display = (s: string) => string;
const logical: Display = (s) => s;

/** `s` JSON-quoted (escapes visible), cut to `max` code points, its inside laid out by `display`. */
export function quoted(s: string, max = MAX_TEXT, display: Display = logical): string {
  const cps = [...s];
  const json = JSON.stringify(cps.length > max ? cps.slice(0, max).join('') + '…' : s);
  return `"${display(json.slice(1, -1))}"`;
}

function speakerSummary(s: SpeakerRecord | null | undefined, display: Display): string {
  if (s === null || s === undefined) return 'none';
  const who = s.id ?? (s.org ? `org:${s.org.id}` : null);
  return `${s.start}-${s.end}${who === null ? '' : ' ' + who} ${quoted(s.text, MAX_TEXT, display)}`;
}

function value(field: string, v: unknown, display: Display): string {
  if (v === undefined) return '(absent)';
  if (field === 'speaker' || field === 'via') return speakerSummary(v as SpeakerRecord | null, display);
  if (typeof v === 'string') return quoted(v, MAX_TEXT, display);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const json = JSON.stringify(v);
  return json.length > MAX_TEXT ? json.slice(0, MAX_TEXT) + '…' : json;
}

function fieldLines(fields: readonly FieldChange[] | undefined, display: Display): string[] {
  return (fields ?? []).map((f) => `      ${f.field}: ${value(f.field, f.expected, display)} → ${value(f.field, f.actual, display)}`);
}

/** The lines describing `diffs`, indented under the file's FAIL line. */
export function formatDifferences(diffs: readonly Difference[], chalk: ChalkInstance, display: Display = logical): string[] {
  const q = (s: string): string => quoted(s, MAX_TEXT, display);
  const paint = { missing: chalk.red, extra: chalk.green, changed: chalk.yellow };
  const sign = { missing: '-', extra: '+', changed: '~' };
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.item === 'file') {
      lines.push(paint.changed(`  ~ changed file name: ${q(d.expected)} → ${q(d.actual)}`));
      continue;
    }
    const head = `  ${sign[d.change]} ${`${d.change} ${d.item}`.padEnd(15)} `;
    if (d.item === 'entity') {
      const e = d.record;
      lines.push(paint[d.change](`${head}${e.start}-${e.end}  ${e.type}  ${e.id}  ${q(e.text)}`));
    } else {
      const r = d.record;
      const within = r.within ? `  nested in ${r.within.start}-${r.within.end}` : '';
      lines.push(paint[d.change](`${head}${r.start}-${r.end}  ${r.kind}${within}  speaker ${speakerSummary(r.speaker, display)}  text ${q(r.text)}`));
    }
    lines.push(...fieldLines(d.fields, display));
  }
  return lines;
}
