// `kashf dict lint|stats|find|harvest`, and user dictionaries in the
// two-column format. Dictionaries and corpora are written by hand into a temp
// directory; CLI cases spawn bin/kashf.js, so build first
// (npx tsc -p . && node scripts/compile-dictionaries.mjs).

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConll } from '../src/eval/conll.js';
import { harvest } from '../src/gazetteer/harvest.js';
import { lintEntries, lintTexts } from '../src/gazetteer/lint.js';
import { Gazetteer } from '../src/gazetteer/compile.js';
import { compileBuiltin, loadBuiltin, serializeKnowledge } from '../src/gazetteer/load.js';
import { dictionaryStats } from '../src/gazetteer/stats.js';
import { parseDictionary, twoColumnIdPrefixes, type Entry } from '../src/index.js';
import { ID_RE } from '../src/gazetteer/parse.js';
import { kashf as builtin, ROOT, table, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'kashf.js');
const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const DIR = mkdtempSync(join(tmpdir(), 'kashf-dict-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
};
const tsv = (...rows: string[][]): string => rows.map((r) => r.join('\t')).join('\n') + '\n';

// Line numbers matter: each bad line is commented with what lint must say about it.
const BAD = write(
  'bad.tsv',
  tsv(
    ['# hand-written bad dictionary'], // 1
    ['alpha', 'PER', 'سيرجي لافروف', 'Alpha', ''], // 2
    ['alpha', 'LOC', 'موسكو', 'Moscow', ''], // 3 duplicate id
    ['beta', 'PER', 'بيتا', 'Beta', 'سيرجى لافروف'], // 4 folds like alpha's canonical (ى → ي)
    ['gamma', 'ORG', 'في', 'In', ''], // 5 common word
    ['delta', 'ORG', 'دلتا', 'Delta', 'ـــ'], // 6 tatweel only: nothing left once folded
    ['epsilon', 'XYZ', 'إبسلون', 'Epsilon', ''], // 7 bad type
    ['zeta', 'LOC', 'زيتا'], // 8 three columns
    ['eta', 'LOC', 'إيتا', 'Eta', '~إيتا'], // 9 canonical made ambiguous: no way in
    ['theta', 'LOC', 'ثيتا', 'Theta', '~ثيتّا'], // 10 a ~ form folding like the canonical makes it ambiguous too: no way in
    ['iota', 'ORG', 'يوتا', 'Iota', '~الحكومة|~ماليزيا'], // 11 fine: common word marked ~
    ['kappa', 'LOC', 'كابا', 'Kappa', '~ماليزيا'], // 12 fine: both claimants mark it ~
    ['lambda', 'ORG', 'لامدا', 'Lambda', 'لام||دال'], // 13 empty alias between pipes
  ),
);
const USER = write(
  'user.tsv',
  tsv(
    ['موسكو', 'LOC'], // 1
    ['موسكو', 'ORG'], // 2 same surface, other type: a second entry claiming it
    ['من', 'LOC'], // 3 common word
    ['سيرجي لافروف', 'PER'], // 4 claimed by bad.tsv:2 when linted together
    ['فلان', 'PERSON'], // 5 bad type
  ),
);

const EXPECTED_LINT = [
  `${BAD}:3: error: id "alpha" is already defined at ${BAD}:2`,
  `${BAD}:4: error: alias "سيرجى لافروف" of "beta" folds to "سيرجي لافروف", already an alias ("سيرجي لافروف") of "alpha" at ${BAD}:2; mark it ~ in both or keep it in one`,
  `${BAD}:5: error: alias "في" of "gamma" is a common word; mark it ~ or remove it`,
  `${BAD}:6: error: alias "ـــ" of "delta" has no letters to match once normalised`,
  `${BAD}:7: error: type "XYZ" is not one of PER, ORG, LOC`,
  `${BAD}:8: error: expected 5 TAB-separated columns (id, type, canonical, english, aliases) or 2 (surface, type), found 3`,
  `${BAD}:9: warning: every alias of "eta" is ambiguous (~), so it can never match`,
  `${BAD}:10: warning: every alias of "theta" is ambiguous (~), so it can never match`,
  `${BAD}:13: error: an alias of "lambda" is empty`,
  `${USER}:2: error: alias "موسكو" of "user-2" folds to "موسكو", already an alias ("موسكو") of "user-1" at ${USER}:1; mark it ~ in both or keep it in one`,
  `${USER}:3: error: alias "من" of "user-3" is a common word; mark it ~ or remove it`,
  `${USER}:4: error: alias "سيرجي لافروف" of "user-4" folds to "سيرجي لافروف", already an alias ("سيرجي لافروف") of "alpha" at ${BAD}:2; mark it ~ in both or keep it in one`,
  `${USER}:5: error: type "PERSON" is not one of PER, ORG, LOC`,
  // 10 entries parse in bad.tsv (epsilon and zeta do not), 4 in user.tsv.
  '11 errors, 2 warnings (14 entries in 2 files)',
];

describe('dict lint: hand-written bad dictionaries', () => {
  it('reports each problem as file:line: severity: message, sorted, and exits 1', () => {
    const r = cli(['dict', 'lint', '--no-builtin', BAD, USER]);
    expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual(EXPECTED_LINT);
    expect(r.status).toBe(1);
  });

  it('--format json gives the same problems as records', () => {
    const r = cli(['dict', 'lint', '--no-builtin', '--format', 'json', BAD, USER]);
    const report = JSON.parse(r.stdout) as { problems: { file: string; line: number; severity: string; code: string }[]; errors: number; warnings: number; entries: number };
    expect(report.problems.map((p) => `${p.line}:${p.code}`)).toEqual([
      '3:duplicate-id', '4:alias-collision', '5:common-word', '6:empty-alias', '7:bad-type', '8:columns', '9:ambiguous-only', '10:ambiguous-only', '13:empty-alias',
      '2:alias-collision', '3:common-word', '4:alias-collision', '5:bad-type',
    ]);
    expect([report.errors, report.warnings, report.entries]).toEqual([11, 2, 14]);
    expect(r.status).toBe(1);
  });

  it('warnings alone exit 0', () => {
    const f = write('warn.tsv', tsv(['eta', 'LOC', 'إيتا', 'Eta', '~إيتا']));
    const r = cli(['dict', 'lint', '--no-builtin', f]);
    expect(r.stdout).toBe(`${f}:1: warning: every alias of "eta" is ambiguous (~), so it can never match\n0 errors, 1 warning (1 entry in 1 file)\n`);
    expect(r.status).toBe(0);
  });

  it('a clean file: no problems, exit 0', () => {
    const f = write('clean.tsv', tsv(['zaid-example', 'PER', 'زيد المثال', 'Zaid Example', 'المثال'], ['موسكو', 'LOC']));
    const r = cli(['dict', 'lint', '--no-builtin', f]);
    expect(r.stdout).toBe('no problems (2 entries in 1 file)\n');
    expect(r.status).toBe(0);
  });

  it('an id that is also a built-in id is an error (--dict would refuse the file)', () => {
    const f = write('clash.tsv', tsv(['china', 'LOC', 'الصين الشعبية', 'China', '']));
    const china = builtin().knowledge.gazetteer.byId('china');
    expect(china).toBeDefined();
    const r = cli(['dict', 'lint', f]);
    expect(r.stdout.split('\n')[0]).toBe(`${f}:1: error: id "china" is a built-in id (${china?.source.file}:${china?.source.line}); --dict would refuse this file`);
    expect(r.status).toBe(1);
    expect(cli(['dict', 'lint', '--no-builtin', f]).status).toBe(0);
  });

  it('an unreadable file is a usage error naming it', () => {
    const missing = join(DIR, 'missing.tsv');
    const r = cli(['dict', 'lint', missing]);
    expect(r.stderr).toBe(`kashf: ${missing}: cannot read dictionary (ENOENT)\n`);
    expect(r.status).toBe(2);
  });
});

describe('dict lint: library', () => {
  table<[string, string, string[]]>(
    [
      ['two ~ claims of one surface are fine', tsv(['a', 'LOC', 'ألف', 'A', '~باء'], ['b', 'LOC', 'جيم', 'B', '~باء']), []],
      ['an unambiguous and a ~ claim: a default reading and a contextual one (warning)', tsv(['a', 'LOC', 'ألف', 'A', 'باء'], ['b', 'LOC', 'جيم', 'B', '~باء']), ['2:alias-default']],
      ['two unambiguous claims collide', tsv(['a', 'LOC', 'ألف', 'A', 'باء'], ['b', 'LOC', 'جيم', 'B', 'باء']), ['2:alias-collision']],
      ['collisions are found after folding hamza, ة and diacritics', tsv(['a', 'ORG', 'الأمانة', 'A', ''], ['b', 'ORG', 'الامانه', 'B', ''], ['c', 'ORG', 'الأَمانة', 'C', '']), ['2:alias-collision', '3:alias-collision']],
      ['a common word is compared folded', tsv(['a', 'ORG', 'إلى', 'A', '']), ['1:common-word']],
      ['a common word inside a longer name is fine', tsv(['a', 'ORG', 'مجلس الدولة', 'A', '']), []],
      ['one entry listing a form twice is not a collision', tsv(['a', 'LOC', 'أمريكا', 'A', 'امريكا']), []],
    ],
    (_name, text, expected) => {
      const r = lintTexts([{ name: 't.tsv', text }]);
      expect(r.problems.map((p) => `${p.line}:${p.code}`)).toEqual(expected);
    },
  );
});

describe('dict lint: entries built in code', () => {
  const entry = (id: string, aliases: [string, boolean][]): Entry => ({
    id,
    type: 'LOC',
    canonical: aliases[0][0],
    english: id,
    aliases: aliases.map(([surface, ambiguous]) => ({ surface, ambiguous })),
    source: { file: 'code', line: 1 },
  });
  it('a ~ alias folding like an unambiguous one of the same entry has no effect (the trie lets the unambiguous one win)', () => {
    const p = lintEntries([entry('amman', [['عمّان', false], ['عمان', true]])]);
    expect(p.map((x) => [x.code, x.message])).toEqual([['tilde-no-effect', 'alias "~عمان" of "amman" folds to "عمان" like its unambiguous alias "عمّان", so the ~ has no effect']]);
  });
  it('the unambiguous claim is the one later claimants are compared with', () => {
    const p = lintEntries([entry('a', [['ألف', false], ['باء', true]]), entry('b', [['جيم', false], ['باء', false]]), entry('c', [['دال', false], ['باء', true]])]);
    expect(p.map((x) => x.message)).toEqual([
      'alias "باء" of "b" folds to "باء" like "~باء" of "a" at code:1; the unmarked one is the default, the ~ one needs an earlier unambiguous mention',
      'alias "~باء" of "c" folds to "باء" like "باء" of "b" at code:1; the unmarked one is the default, the ~ one needs an earlier unambiguous mention',
    ]);
  });
});

describe('dict lint: the built-in dictionaries (the CI lint)', () => {
  it('exits 0: no errors in dictionaries/, templates and lexicon', () => {
    const r = cli(['dict', 'lint']);
    expect(r.stdout.split('\n').filter((l) => l.includes(': error: '))).toEqual([]);
    expect(r.status).toBe(0);
  });
});

describe('dict stats', () => {
  it('counts a small dictionary by hand', () => {
    const f = write('stats.tsv', tsv(['a', 'PER', 'ألف باء', 'A', 'جيم|~دال'], ['b', 'LOC', 'هاء', 'B', ''], ['c', 'LOC', 'واو', 'C', 'زاي']));
    const s = JSON.parse(cli(['dict', 'stats', '--format', 'json', f]).stdout);
    const zero = { entries: 0, aliases: 0, ambiguous: 0 };
    const byType = { PER: { entries: 1, aliases: 3, ambiguous: 1 }, ORG: zero, LOC: { entries: 2, aliases: 3, ambiguous: 0 } };
    expect(s).toEqual({ files: [{ file: f, entries: 3, aliases: 6, ambiguous: 1, byType }], byType, total: { entries: 3, aliases: 6, ambiguous: 1 } });
  });

  it('built-in: per-file and per-type counts add up to the totals, and to what the build compiles', () => {
    const r = cli(['dict', 'stats', '--format', 'json']);
    expect(r.status).toBe(0);
    type Tally = { entries: number; aliases: number; ambiguous: number };
    const s = JSON.parse(r.stdout) as { files: (Tally & { file: string; byType: Record<string, Tally> })[]; byType: Record<string, Tally>; total: Tally };
    expect(Object.keys(s.byType)).toEqual(['PER', 'ORG', 'LOC']);
    const sum = (xs: Tally[], k: keyof Tally) => xs.reduce((a, x) => a + x[k], 0);
    for (const k of ['entries', 'aliases', 'ambiguous'] as const) {
      expect(sum(s.files, k)).toBe(s.total[k]);
      expect(sum(Object.values(s.byType), k)).toBe(s.total[k]);
      for (const f of s.files) expect(sum(Object.values(f.byType), k)).toBe(f[k]);
    }
    const entries = compileBuiltin().entries;
    expect(s.total.entries).toBe(entries.length);
    expect(s.total.aliases).toBe(entries.reduce((a, e) => a + e.aliases.length, 0));
    expect(s.files.every((f) => f.file.startsWith('dictionaries/') && f.entries > 0)).toBe(true);
  });

  it('the library groups generated entries under their template', () => {
    const s = dictionaryStats(compileBuiltin().entries);
    expect(s.files.map((f) => f.file)).toContain('dictionaries/templates/bodies.tsv');
  });
});

describe('dict find', () => {
  type Found = { id: string; type: string; text: string; start: number; end: number; source: string; ambiguous: boolean; needsMention: boolean; shadowedBy?: string };
  const find = (...args: string[]) => {
    const r = cli(['dict', 'find', '--format', 'json', ...args]);
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { query: string; folded: string; matches: Found[] };
  };

  it('وبالصين finds China after the proclitics و and ب', () => {
    const { matches } = find('وبالصين');
    expect(matches.map((m) => [m.id, m.type, m.text, m.start, m.end, m.ambiguous])).toEqual([['china', 'LOC', 'الصين', 2, 7, false]]);
    expect(matches[0].source).toMatch(/^dictionaries\/countries\.tsv:\d+$/);
  });

  it('وزارة الخارجية الروسية finds the generated ministry, in full and by its short form (all overlaps)', () => {
    const { matches } = find('وزارة', 'الخارجية', 'الروسية');
    expect(matches.map((m) => [m.id, m.text, m.start, m.end])).toEqual([
      ['russia-foreign-ministry', 'وزارة الخارجية الروسية', 0, 22],
      ['russia-foreign-ministry', 'الخارجية الروسية', 6, 22],
    ]);
    expect(matches[0].source).toMatch(/^dictionaries\/templates\/bodies\.tsv:\d+ × dictionaries\/templates\/nationalities\.tsv:\d+$/);
  });

  it('a nonsense word finds nothing and shows its folded form (diacritics gone, ة → ه)', () => {
    const r = cli(['dict', 'find', 'قَفْزَبلاة']);
    expect(r.stdout).toBe('no entry matches "قَفْزَبلاة" (folded: "قفزبلاه")\n');
    expect(r.status).toBe(0);
  });

  it('a built-in ambiguous alias (~لولا) alone: shown as needing an earlier mention (aliases come from the sources, not the build cache)', () => {
    const lula = find('لولا').matches.filter((m) => m.id === 'lula-da-silva');
    expect(lula.map((m) => [m.text, m.ambiguous, m.needsMention])).toEqual([['لولا', true, true]]);
  });

  describe('with a user dictionary only', () => {
    const f = write('find.tsv', tsv(['one', 'LOC', 'عمّان', 'One', ''], ['two', 'LOC', 'عُمان', 'Two', ''], ['lula', 'PER', 'لولا دا سيلفا', 'Lula', '~لولا']));
    const user = (...words: string[]) => find('--no-builtin', '--dict', f, ...words).matches.map((m) => [m.id, m.text, m.ambiguous, m.needsMention, m.shadowedBy]);
    it('a surface two entries claim: the first wins and the other is shown as shadowed', () => {
      expect(user('عمان')).toEqual([
        ['one', 'عمان', false, false, undefined],
        ['two', 'عمان', false, false, 'one'],
      ]);
    });
    it('an ambiguous alias alone: shown, with the note that it needs an earlier mention', () => {
      expect(user('لولا')).toEqual([['lula', 'لولا', true, true, undefined]]);
    });
    it('an ambiguous alias after the full name matches through the ~ alias', () => {
      expect(user('لولا', 'دا', 'سيلفا', 'ولولا')).toEqual([
        ['lula', 'لولا دا سيلفا', false, false, undefined],
        ['lula', 'لولا', true, true, undefined], // the first word of the full name, before the name is complete
        ['lula', 'لولا', true, false, undefined],
      ]);
    });
  });
});

describe('user dictionaries in the two-column format (--dict)', () => {
  it('surface<TAB>type lines load and match, with ids from the file name and line', () => {
    const f = write('simple.tsv', tsv(['موسكو', 'LOC'], ['فلاديمير بوتين', 'PER']));
    const r = cli(['--no-builtin', '--dict', f, '--format', 'json'], 'قال فلاديمير بوتين في موسكو');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout).documents[0];
    expect(doc.entities.map((e: { text: string; type: string; id: string }) => [e.text, e.type, e.id])).toEqual([
      ['فلاديمير بوتين', 'PER', 'simple-2'],
      ['موسكو', 'LOC', 'simple-1'],
    ]);
  });

  it('lists with the same file name in different folders load together, their ids qualified by folder', () => {
    mkdirSync(join(DIR, 'persons'), { recursive: true });
    mkdirSync(join(DIR, 'places'), { recursive: true });
    const persons = write('persons/names.tsv', tsv(['سيرغي لافروف', 'PER']));
    const places = write('places/names.tsv', tsv(['بكين', 'LOC']));
    for (const order of [[persons, places], [places, persons]]) {
      const r = cli(['--no-builtin', ...order.flatMap((f) => ['--dict', f]), '--format', 'jsonl'], 'زار سيرغي لافروف بكين');
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).entities.map((e: { id: string }) => e.id)).toEqual(['persons-names-1', 'places-names-1']);
    }
    // Linted together as --dict loads them: no duplicate ids.
    expect(cli(['dict', 'lint', persons, places]).stdout).toBe('no problems (2 entries in 2 files)\n');
    // Alone, a list keeps its plain ids.
    expect(JSON.parse(cli(['--no-builtin', '--dict', places, '--format', 'jsonl'], 'بكين').stdout).entities[0].id).toBe('names-1');
  });

  table<[string, string[], string[]]>(
    [
      ['one list: its base name', ['x/names.tsv'], ['names']],
      ['the same base name: the nearest folder too', ['news/persons/names.tsv', 'news/places/names.tsv'], ['persons-names', 'places-names']],
      ['only the clashing ones are qualified', ['names.tsv', 'persons/names.tsv', 'people.tsv'], ['names', 'persons-names', 'people']],
      ['folders further up when the nearest ones match too', ['2024/news/people.tsv', '2025/news/people.tsv'], ['2024-news-people', '2025-news-people']],
      ['names in Arabic take their folder', ['a/أسماء.tsv', 'b/أماكن.tsv'], ['a-user', 'b-user']],
      ['nothing to tell them apart: numbered in path order', ['d/أماكن.tsv', 'd/أسماء.tsv'], ['d-user-f2', 'd-user-f1']],
      ['one file named two ways is one file', ['./a/names.tsv', 'a/names.tsv', 'b/names.tsv'], ['a-names', 'a-names', 'b-names']],
    ],
    (_name, files, prefixes) => {
      const got = twoColumnIdPrefixes(files);
      expect(files.map((f) => got.get(f))).toEqual(prefixes);
      expect(prefixes.every((p) => ID_RE.test(`${p}-1`))).toBe(true);
    },
  );

  it('parseDictionary reads the two-column format without problems', () => {
    const { entries, problems } = parseDictionary('موسكو\tLOC\r\nفلاديمير بوتين\tPER\n', 'x.tsv');
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.id, e.type, e.canonical, e.source.line])).toEqual([
      ['x-1', 'LOC', 'موسكو', 1],
      ['x-2', 'PER', 'فلاديمير بوتين', 2],
    ]);
  });
});

describe('CoNLL reader', () => {
  const spans = (text: string) => parseConll(text, 'g.txt').sentences.map((s) => s.spans.map((g) => [g.start, g.end, g.type]));
  table<[string, string, (string | number)[][][]]>(
    [
      ['B-/I- and PERS read as PER', 'a B-PERS\nb I-PERS\nc O\nd B-LOC', [[[0, 2, 'PER'], [3, 4, 'LOC']]]],
      ['an I- without a B- starts an entity', 'a O\nb I-ORG\nc I-ORG', [[[1, 3, 'ORG']]]],
      ['an I- of another type starts a new entity', 'a B-LOC\nb I-ORG', [[[0, 1, 'LOC'], [1, 2, 'ORG']]]],
      ['B- after B-: two entities', 'a B-LOC\nb B-LOC', [[[0, 1, 'LOC'], [1, 2, 'LOC']]]],
      ['TAB separated, extra columns: the last is the tag', 'a\tNNP\tB-LOC\nb\tNNP\tI-LOC', [[[0, 2, 'LOC']]]],
      ['a line of white space ends a sentence; an entity never crosses it', 'a B-LOC\n \t\nb I-LOC', [[[0, 1, 'LOC']], [[0, 1, 'LOC']]]],
      ['-DOCSTART- is a boundary, not a token', '-DOCSTART- -X- O\n\na B-ORG', [[[0, 1, 'ORG']]]],
    ],
    (_name, text, expected) => expect(spans(text)).toEqual(expected),
  );

  it('BOM, CRLF and bidi marks', () => {
    const { sentences, problems } = parseConll('\uFEFFقال O\r\nموسكو\u200F B-LOC\r\n\u200Eبكين I-LOC\r\n\r\nو O\r\n', 'g.txt');
    expect(problems).toEqual([]);
    expect(sentences.map((s) => [s.tokens, s.line])).toEqual([
      [['قال', 'موسكو', 'بكين'], 1],
      [['و'], 5],
    ]);
    expect(sentences[0].spans).toEqual([{ start: 1, end: 3, type: 'LOC' }]);
  });

  it('malformed lines are problems with their line', () => {
    const { problems } = parseConll('a O\nb\nc B_LOC\n', 'g.txt');
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual(['g.txt:2: expected "TOKEN TAG", found one column "b"', 'g.txt:3: tag "B_LOC" is not O, B-TYPE or I-TYPE']);
  });
});

describe('dict harvest', () => {
  // BOM, CRLF, an LRM inside a token, a whitespace-only sentence break.
  const CONLL =
    '\uFEFF' +
    [
      'قال O', 'سيرجي B-PERS', 'لافروف I-PERS', 'إن O', 'موسكو\u200E B-LOC', 'ترحب O', '',
      'وفي O', 'كأس B-MISC', 'العالم I-MISC', 'زار O', 'سيرجى B-PERS', 'لافروف I-PERS', 'موسكو B-ORG', 'و O', 'بكين B-LOC', 'ثم O', 'مصر B-LOC', 'و O', 'مصر B-LOC', 'ل B-LOC', '\t',
      'الأمم B-ORG', 'المتحدة I-ORG', 'و O', 'سيرجي B-PERS', 'لافروف I-PERS',
    ].join('\r\n');
  const corpus = write('corpus.conll', CONLL);
  const body = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

  it('one entry per surface and type; MISC, a surface tagged LOC and ORG, and a one-letter surface left out', () => {
    const out = join(DIR, 'harvested.tsv');
    const r = cli(['dict', 'harvest', corpus, '-o', out]);
    expect(r.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(`# Harvested by \`kashf dict harvest\` from: ${corpus}`);
    // Sorted by type (LOC, ORG, PER), then surface; سيرجي لافروف is written twice, سيرجى لافروف once.
    expect(body(text)).toEqual([
      'harvest-loc-1\tLOC\tبكين\t\t',
      'harvest-loc-2\tLOC\tمصر\t\t',
      'harvest-org-1\tORG\tالأمم المتحدة\t\t',
      'harvest-per-1\tPER\tسيرجي لافروف\t\t',
    ]);
    expect(r.stderr).toBe(
      'kashf: harvested 4 entries (PER 1, ORG 1, LOC 2) from 10 mentions; surfaces left out: 1 tagged with two types, 1 of one or two letters, 0 common words, 0 starting with a symbol\n',
    );
  });

  it('--min-count keeps surfaces tagged often enough', () => {
    const r = cli(['dict', 'harvest', corpus, '--min-count', '2']);
    expect(body(r.stdout)).toEqual(['harvest-loc-1\tLOC\tمصر\t\t', 'harvest-per-1\tPER\tسيرجي لافروف\t\t']);
  });

  it('the harvested file is lint-clean and loads with --dict', () => {
    const out = join(DIR, 'harvested2.tsv');
    cli(['dict', 'harvest', corpus, '-o', out]);
    expect(cli(['dict', 'lint', '--no-builtin', out]).status).toBe(0);
    const r = cli(['--no-builtin', '--dict', out, '--format', 'json'], 'زار وفد الأمم المتحدة بكين ومصر');
    expect(r.status).toBe(0);
    const ids = JSON.parse(r.stdout).documents[0].entities.map((e: { text: string; id: string }) => [e.text, e.id]);
    expect(ids).toEqual([
      ['الأمم المتحدة', 'harvest-org-1'],
      ['بكين', 'harvest-loc-1'],
      ['مصر', 'harvest-loc-2'],
    ]);
  });

  it('the library skips common words and numbers ids per type', () => {
    const { sentences } = parseConll('الحكومة B-ORG\nفي O\nبغداد B-LOC\nو O\nالبصرة B-LOC', 'c.txt');
    const r = harvest([{ file: 'c.txt', sentences }], { idPrefix: 'x' });
    expect(body(r.text)).toEqual(['x-loc-1\tLOC\tالبصرة\t\t', 'x-loc-2\tLOC\tبغداد\t\t']);
    expect(r.skipped).toEqual({ conflicting: 0, short: 0, common: 1, symbol: 0, rare: 0 });
  });

  it('a malformed corpus is a usage error naming file:line', () => {
    const bad = write('bad.conll', 'قال O\nسيرجي X-PERS\n');
    const r = cli(['dict', 'harvest', bad]);
    expect(r.stderr).toBe(`kashf: ${bad}:2: tag "X-PERS" is not O, B-TYPE or I-TYPE\n`);
    expect(r.status).toBe(2);
  });
});

describe('the built-in dictionaries’ compiled cache (dist/builtin.json)', () => {
  it('is trusted when the sources only have other modification times (an installed package), and rebuilt when their contents change', () => {
    const dir = tempDir('kashf-cache-');
    const src = join(dir, 'dictionaries');
    cpSync(join(ROOT, 'dictionaries'), src, { recursive: true });
    const cache = join(dir, 'builtin.json');
    const compiled = compileBuiltin(src);
    // A cache that differs from what the sources compile to (no Lavrov), stamped for them: which one loads shows whether it was trusted.
    const gazetteer = new Gazetteer();
    gazetteer.add(compiled.entries.filter((e) => e.id !== 'sergey-lavrov'));
    writeFileSync(cache, serializeKnowledge({ gazetteer, lexicon: compiled.knowledge.lexicon }, compiled.fingerprint, src));
    expect(loadBuiltin(src, cache).gazetteer.byId('sergey-lavrov')).toBeUndefined();

    // npm pack gives every file one fixed date: the stamps differ, the contents do not.
    const files = readdirSync(src, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const f of files) utimesSync(join(f.parentPath, f.name), new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(loadBuiltin(src, cache).gazetteer.byId('sergey-lavrov')).toBeUndefined();

    // An edit: the cache no longer matches and the sources are compiled.
    const people = join(src, 'people-world.tsv');
    writeFileSync(people, readFileSync(people, 'utf8') + '\n');
    expect(loadBuiltin(src, cache).gazetteer.byId('sergey-lavrov')?.canonical).toBe('سيرغي لافروف');
  });
});
