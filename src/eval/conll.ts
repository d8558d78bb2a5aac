// Reads CoNLL/BIO named-entity files (ANERcorp and the like) into sentences of
// tokens with gold entity spans. It reads text and reports problems with
// file:line; it never reads files, runs kashf or scores anything.
//
// Format: one token per line as `TOKEN TAG` or `TOKEN<TAB>TAG` (with more
// columns, the first is the token and the last the tag); a blank line, or one
// holding only white space, ends a sentence; `-DOCSTART-` lines and comment
// lines (`# file: NAME`, as kashf's conll output writes) are skipped.
// UTF-8 with or without a BOM, LF or CRLF. U+200E/U+200F (bidi marks that
// ANERcorp's original file scatters in tokens) are removed.
//
// Chunks follow conlleval: an entity starts at B-X, or at an I-X that does not
// continue an entity of type X (an I- with no B-), and runs over the I-X that
// follow it. PERS is read as PER.

import type { Problem } from '../gazetteer/types.js';

export interface GoldSpan {
  /** First token (index into the sentence's tokens) and the token after the last: half-open. */
  start: number;
  end: number;
  type: string;
}

export interface Sentence {
  tokens: string[];
  /** Gold entities, in order, never overlapping. */
  spans: GoldSpan[];
  /** 1-based line of the sentence's first token. */
  line: number;
}

export interface ConllResult {
  sentences: Sentence[];
  problems: Problem[];
}

const TAG_RE = /^(?:O|([BI])-(\S+))$/;
const BIDI_MARKS = /[\u200e\u200f]/g;

/** Corpus type names read as kashf's: ANERcorp writes PERS. */
export function normaliseType(type: string): string {
  return type === 'PERS' ? 'PER' : type;
}

export function parseConll(text: string, file: string): ConllResult {
  const sentences: Sentence[] = [];
  const problems: Problem[] = [];
  let tokens: string[] = [];
  let spans: GoldSpan[] = [];
  let first = 0;
  let open: GoldSpan | null = null;

  const flush = (): void => {
    if (tokens.length > 0) sentences.push({ tokens, spans, line: first });
    tokens = [];
    spans = [];
    open = null;
  };

  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      const clean = raw.replace(BIDI_MARKS, '').trim();
      if (clean === '') return flush();
      const cols = clean.split(/[ \t]+/);
      if (cols[0] === '-DOCSTART-') return flush();
      // A comment line such as kashf's own `# file: NAME` (a real "#" token has a tag after it).
      if (cols[0] === '#' && !TAG_RE.test(cols[cols.length - 1])) return flush();
      if (cols.length < 2) {
        problems.push({ file, line, severity: 'error', code: 'columns', message: `expected "TOKEN TAG", found one column "${clean}"` });
        return;
      }
      const tag = cols[cols.length - 1];
      const m = TAG_RE.exec(tag);
      if (m === null) {
        problems.push({ file, line, severity: 'error', code: 'bad-tag', message: `tag "${tag}" is not O, B-TYPE or I-TYPE` });
        return;
      }
      if (tokens.length === 0) first = line;
      const i = tokens.length;
      tokens.push(cols[0]);
      if (m[1] === undefined) {
        open = null;
        return;
      }
      const type = normaliseType(m[2]);
      if (m[1] === 'I' && open !== null && open.type === type) {
        open.end = i + 1;
        return;
      }
      // B-X, or an I-X that continues nothing (conlleval starts an entity there).
      open = { start: i, end: i + 1, type };
      spans.push(open);
    });
  flush();
  return { sentences, problems };
}
