// The attribution lexicon: reporting verbs, reporting phrases, speaker roles
// and the nouns that make a quoted word a name rather than a quotation. Data
// lives in dictionaries/lexicon/*.tsv; this module parses it into folded
// forms the quotation finder can look up in one step.

import { foldString } from '../normalize/index.js';
import type { Problem } from './types.js';

export type PhrasePosition = 'before' | 'after' | 'either';

export interface SerializedLexicon {
  /** Folded verb form → lemma. */
  verbs: [string, string][];
  /** Folded phrase words. */
  phrases: { words: string[]; position: PhrasePosition }[];
  /** Folded role words, longest first. */
  roles: string[][];
  /** Folded nouns before a quoted name or term. */
  termNouns: string[];
}

export class Lexicon {
  readonly verbs: Map<string, string>;
  readonly phrases: SerializedLexicon['phrases'];
  readonly roles: string[][];
  readonly termNouns: Set<string>;
  /** First words of phrases and roles, for a quick first test. */
  readonly phraseStarts: Set<string>;
  readonly roleStarts: Set<string>;

  constructor(s: SerializedLexicon) {
    this.verbs = new Map(s.verbs);
    this.phrases = s.phrases;
    this.roles = s.roles;
    this.termNouns = new Set(s.termNouns);
    this.phraseStarts = new Set(s.phrases.map((p) => p.words[0]));
    this.roleStarts = new Set(s.roles.map((r) => r[0]));
  }

  serialize(): SerializedLexicon {
    return { verbs: [...this.verbs], phrases: this.phrases, roles: this.roles, termNouns: [...this.termNouns] };
  }

  static empty(): Lexicon {
    return new Lexicon({ verbs: [], phrases: [], roles: [], termNouns: [] });
  }
}

export interface LexiconSources {
  verbs?: { text: string; file: string };
  phrases?: { text: string; file: string };
  roles?: { text: string; file: string };
  termNouns?: { text: string; file: string };
}

function rows(src: { text: string; file: string } | undefined, columns: number, problems: Problem[]): { cols: string[]; line: number }[] {
  if (src === undefined) return [];
  const out: { cols: string[]; line: number }[] = [];
  src.text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
      const cols = raw.split('\t').map((c) => c.trim());
      if (cols.length !== columns) {
        problems.push({ file: src.file, line: i + 1, severity: 'error', code: 'columns', message: `expected ${columns} columns, found ${cols.length}` });
        return;
      }
      out.push({ cols, line: i + 1 });
    });
  return out;
}

const words = (s: string): string[] => foldString(s).split(' ').filter((w) => w !== '');

export function parseLexicon(src: LexiconSources): { lexicon: Lexicon; problems: Problem[] } {
  const problems: Problem[] = [];
  const verbs = new Map<string, string>();
  for (const { cols } of rows(src.verbs, 3, problems)) {
    const lemma = cols[0];
    for (const form of [lemma, ...cols[2].split('|')]) {
      const f = foldString(form.trim());
      if (f !== '' && !f.includes(' ') && !verbs.has(f)) verbs.set(f, lemma);
    }
  }
  const phrases: SerializedLexicon['phrases'] = [];
  for (const { cols, line } of rows(src.phrases, 3, problems)) {
    const position = cols[1];
    if (position !== 'before' && position !== 'after' && position !== 'either') {
      problems.push({ file: src.phrases!.file, line, severity: 'error', code: 'bad-position', message: `position "${position}" is not before, after or either` });
      continue;
    }
    const w = words(cols[0]);
    if (w.length > 0) phrases.push({ words: w, position });
  }
  const roles = rows(src.roles, 3, problems)
    .map(({ cols }) => words(cols[0]))
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length);
  const termNouns = rows(src.termNouns, 2, problems)
    .flatMap(({ cols }) => cols[0].split('|'))
    .map((n) => foldString(n))
    .filter((n) => n !== '');
  return { lexicon: new Lexicon({ verbs: [...verbs], phrases, roles, termNouns: [...new Set(termNouns)] }), problems };
}
