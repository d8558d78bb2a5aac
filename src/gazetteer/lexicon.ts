// The attribution lexicon: reporting verbs, reporting phrases, speaker roles
// and the nouns that make a quoted word a name rather than a quotation. Data
// lives in dictionaries/lexicon/*.tsv; this module parses it into folded
// forms the quotation finder can look up in one step.

import { foldString, HashFilter, hashString } from '../normalize/index.js';
import type { Problem } from './types.js';

export type PhrasePosition = 'before' | 'after' | 'either';

export interface SerializedLexicon {
  /** Folded verb form → lemma. */
  verbs: [string, string][];
  /** Folded phrase words. */
  phrases: { words: string[]; position: PhrasePosition }[];
  /** Folded role word sequences, longest first, each with and without ال on its first word (see roleForms). */
  roles: string[][];
  /** Folded nouns before a quoted name or term. */
  termNouns: string[];
}

/**
 * Built from the compiled form as it is: everything derived from the sources
 * (folding, the role forms, their order) was done by parseLexicon at build
 * time, so start-up only fills the lookup tables.
 */
export class Lexicon {
  readonly verbs: Map<string, string>;
  readonly phrases: SerializedLexicon['phrases'];
  /** Role word sequences, longest first, each with and without ال on its first word. */
  readonly roles: string[][];
  readonly termNouns: Set<string>;
  /** Phrases by their first word, for a quick first test. */
  readonly phrasesByStart: Map<string, SerializedLexicon['phrases']>;
  readonly roleStarts: Set<string>;
  /**
   * hashString of every verb form and of every phrase's and role's first word: the
   * quotation finder tests a token's hash against these before it makes the
   * token's string, and most tokens go no further.
   */
  readonly verbHashes: HashFilter;
  readonly phraseStartHashes: HashFilter;
  readonly roleStartHashes: HashFilter;

  constructor(s: SerializedLexicon) {
    this.verbs = new Map(s.verbs);
    this.phrases = s.phrases;
    this.roles = s.roles;
    this.termNouns = new Set(s.termNouns);
    this.phrasesByStart = new Map();
    for (const p of s.phrases) {
      const list = this.phrasesByStart.get(p.words[0]);
      if (list === undefined) this.phrasesByStart.set(p.words[0], [p]);
      else list.push(p);
    }
    this.roleStarts = new Set(this.roles.map((r) => r[0]));
    this.verbHashes = new HashFilter(s.verbs.map(([form]) => hashString(form)));
    this.phraseStartHashes = new HashFilter([...this.phrasesByStart.keys()].map(hashString));
    this.roleStartHashes = new HashFilter([...this.roleStarts].map(hashString));
  }

  serialize(): SerializedLexicon {
    return { verbs: [...this.verbs], phrases: this.phrases, roles: this.roles, termNouns: [...this.termNouns] };
  }
}

/**
 * Every form a role matches in, longest first: with or without the article
 * on its first word (مسؤول / المسؤول), from the folded word sequences of
 * the sources.
 */
export function roleForms(roles: readonly string[][]): string[][] {
  const forms = new Map<string, string[]>();
  for (const r of roles) {
    const bare = r[0].startsWith('ال') && r[0].length > 3 ? [r[0].slice(2), ...r.slice(1)] : r;
    const definite = r[0].startsWith('ال') ? r : ['ال' + r[0], ...r.slice(1)];
    for (const form of [r, bare, definite]) forms.set(form.join(' '), form);
  }
  return [...forms.values()].sort((a, b) => b.length - a.length);
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
    const forms = cols[2].split('|').map((f) => f.trim());
    // A form marked ~ is also a common word (بين "between", طالب "student"):
    // listed for completeness, never a cue on its own.
    const homographs = new Set(forms.filter((f) => f.startsWith('~')).map((f) => foldString(f.slice(1))));
    for (const form of [lemma, ...forms]) {
      const f = foldString(form);
      if (f === '' || f.includes(' ') || form.startsWith('~') || homographs.has(f) || verbs.has(f)) continue;
      verbs.set(f, lemma);
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
  return { lexicon: new Lexicon({ verbs: [...verbs], phrases, roles: roleForms(roles), termNouns: [...new Set(termNouns)] }), problems };
}
