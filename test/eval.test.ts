// `kashf eval`: CoNLL/BIO gold scored per token range (conlleval), kashf's
// gold JSON per span with quotations. The CoNLL gold and its dictionary are
// written by hand here, so every expected count below is worked out from
// them, line by line. CLI cases spawn bin/kashf.js: build first.

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConll } from '../src/eval/conll.js';
import { conllDocument, evaluateConll, parseTypes, predictedTokenSpans, summarise } from '../src/eval/evaluate.js';
import { Kashf, parseDictionary } from '../src/index.js';
import type { EntityRecord } from '../src/types.js';
import { ROOT, SHARED, table, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'kashf.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const DIR = tempDir('kashf-eval-');
const write = (name: string, text: string): string => {
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
};

const DICT = [
  'sergey-lavrov\tPER\tسيرجي لافروف\tSergey Lavrov\tلافروف',
  'vladimir-putin\tPER\tفلاديمير بوتين\tVladimir Putin\t',
  'moscow\tLOC\tموسكو\tMoscow\t',
  'beijing\tLOC\tبكين\tBeijing\t',
  'russia\tLOC\tروسيا\tRussia\t',
  'egypt\tLOC\tمصر\tEgypt\t',
  'un\tORG\tالأمم المتحدة\tUnited Nations\t',
].join('\n');

// What the dictionary above makes kashf find, sentence by sentence:
//   1 سيرجي لافروف PER, موسكو LOC: both as gold                    PER tp, LOC tp
//   2 لافروف (gold O): a false PER; بكين is gold through an I- with
//     no B- (conlleval starts an entity there)                     PER fp, LOC tp
//   3 الأمم المتحدة ORG as gold; روسيا inside وروسيا covers that
//     token, as gold; كأس العالم is MISC (not scored); زيد is a
//     gold PER kashf does not know                                 ORG tp, LOC tp, PER fn
//   4 مصر: gold ORG, kashf LOC                                     LOC fp, ORG fn
//   5 الرئيس فلاديمير بوتين is gold PER; kashf finds two tokens     PER fp, PER fn
// Totals: PER 1/2/2, ORG 1/0/1, LOC 3/1/0 (tp/fp/fn); micro 5/3/3 → P = R = F1 = 5/8.
const GOLD = [
  'قال O', 'سيرجي B-PERS', 'لافروف I-PERS', 'في O', 'موسكو B-LOC', '. O', '',
  'التقى O', 'لافروف O', 'بنظيره O', 'الصيني O', 'في O', 'بكين I-LOC', '. O', '',
  'وصلت O', 'بعثة O', 'الأمم B-ORG', 'المتحدة I-ORG', 'إلى O', 'وروسيا B-LOC', 'قبل O', 'كأس B-MISC', 'العالم I-MISC', 'مع O', 'زيد B-PERS', '. O', '',
  'أعلنت O', 'مصر B-ORG', 'موقفها O', '. O', '',
  'وقال O', 'الرئيس B-PERS', 'فلاديمير I-PERS', 'بوتين I-PERS', '. O',
].join('\n');

const dictFile = write('gold-dict.tsv', DICT);
const goldFile = write('gold.conll', GOLD);

type Report = { types: string[]; byType: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }>; micro: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }; quotes?: { tp: number; fp: number; fn: number; f1: number } };
const evalJson = (...args: string[]) => {
  const r = cli(['eval', '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Report;
};
const counts = (r: Report) => Object.fromEntries(r.types.map((t) => [t, [r.byType[t].tp, r.byType[t].fp, r.byType[t].fn]]));

describe('eval on a hand-made CoNLL gold', () => {
  it('counts tp/fp/fn per type and micro-averages them', () => {
    const r = evalJson('--no-builtin', '--dict', dictFile, goldFile);
    expect(counts(r)).toEqual({ PER: [1, 2, 2], ORG: [1, 0, 1], LOC: [3, 1, 0] });
    expect([r.micro.tp, r.micro.fp, r.micro.fn]).toEqual([5, 3, 3]);
    expect(r.micro.precision).toBeCloseTo(5 / 8, 10);
    expect(r.micro.recall).toBeCloseTo(5 / 8, 10);
    expect(r.micro.f1).toBeCloseTo(5 / 8, 10);
    expect(r.byType.LOC.precision).toBeCloseTo(3 / 4, 10);
    expect(r.byType.PER.f1).toBeCloseTo(1 / 3, 10); // P = R = 1/3
  });

  it('MISC is left out by default; --types adds it (kashf never predicts it: all misses)', () => {
    const r = evalJson('--no-builtin', '--dict', dictFile, '--types', 'PER,ORG,LOC,MISC', goldFile);
    expect(counts(r).MISC).toEqual([0, 0, 1]);
    expect([r.micro.tp, r.micro.fp, r.micro.fn]).toEqual([5, 3, 4]);
  });

  it('--types limits the types scored (PERS is read as PER)', () => {
    const r = evalJson('--no-builtin', '--dict', dictFile, '--types', 'pers,LOC', goldFile);
    expect(counts(r)).toEqual({ PER: [1, 2, 2], LOC: [3, 1, 0] });
    expect([r.micro.tp, r.micro.fp, r.micro.fn]).toEqual([4, 3, 2]);
  });

  it('the table has one row per type, micro last', () => {
    const r = cli(['eval', '--no-builtin', '--dict', dictFile, goldFile]);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').map((l) => l.split(/\s+/));
    expect(rows[0].join(' ')).toBe('1 file, 5 sentences, 34 tokens, 8 gold entities (PER, ORG, LOC)');
    expect(rows.slice(1, 6)).toEqual([
      ['type', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1'],
      ['PER', '1', '2', '2', '33.33', '33.33', '33.33'],
      ['ORG', '1', '0', '1', '100.00', '50.00', '66.67'],
      ['LOC', '3', '1', '0', '75.00', '100.00', '85.71'],
      ['micro', '5', '3', '3', '62.50', '62.50', '62.50'],
    ]);
  });

  it('the library gives the same counts', () => {
    const { entries, problems } = parseDictionary(DICT, 'd.tsv');
    expect(problems).toEqual([]);
    const { sentences } = parseConll(GOLD, 'gold.conll');
    const report = summarise([evaluateConll(Kashf.create({ builtin: false, entries }), 'gold.conll', sentences)]);
    expect([report.micro.tp, report.micro.fp, report.micro.fn]).toEqual([5, 3, 3]);
  });
});

describe('mapping predictions back to tokens', () => {
  const { text, starts, ends } = conllDocument(parseConll('وروسيا B-LOC\nو O\nالصين B-LOC\n\nبكين B-LOC', 'x').sentences);
  const e = (start: number, end: number, type: 'PER' | 'ORG' | 'LOC' = 'LOC') => ({ start, end, type }) as EntityRecord;
  it('joins tokens with spaces and sentences with newlines', () => {
    expect(text).toBe('وروسيا و الصين\nبكين');
    expect([starts, ends]).toEqual([[0, 7, 9, 15], [6, 8, 14, 19]]);
  });
  table<[string, EntityRecord[], number[][]]>(
    [
      ['a prediction after a proclitic covers its token', [e(1, 6)], [[0, 1]]],
      ['a prediction over two tokens', [e(7, 14)], [[1, 3]]],
      ['two predictions in one token: the leftmost is kept', [e(1, 3), e(3, 6)], [[0, 1]]],
      ['a prediction in the next sentence', [e(15, 19)], [[3, 4]]],
    ],
    (_name, predicted, expected) => expect(predictedTokenSpans(predicted, starts, ends).map((p) => [p.start, p.end])).toEqual(expected),
  );
});

describe('--types parsing', () => {
  table<[string, string, string[] | null]>(
    [
      ['default-like list', 'PER,ORG,LOC', ['PER', 'ORG', 'LOC']],
      ['lower case and PERS', 'pers, loc', ['PER', 'LOC']],
      ['each once', 'PER,PERS', ['PER']],
      ['not a type', 'PER,B-LOC', null],
      ['empty', '', null],
    ],
    (_name, list, expected) => expect(parseTypes(list)).toEqual(expected),
  );
});

describe('eval on kashf gold JSON', () => {
  it('the seed article: entity F1 = 1, and the five quotations with their speakers', () => {
    const r = evalJson(join(ROOT, 'fixtures', 'lavrov-wang-yi.gold.json'));
    expect(r.micro.fp).toBe(0);
    expect(r.micro.fn).toBe(0);
    expect(r.micro.f1).toBe(1);
    expect(r.quotes?.tp).toBe(5);
    expect(r.quotes?.fn).toBe(0);
  });

  it('a gold JSON without its .txt is an error naming the missing file (exit 2)', () => {
    const g = write('lonely.gold.json', JSON.stringify({ entities: [], quotes: [] }));
    const r = cli(['eval', g]);
    expect(r.stderr).toBe(`kashf: ${join(DIR, 'lonely.txt')}: no such file or directory\n`);
    expect(r.status).toBe(2);
  });

  it('a JSON that is not kashf gold is an error (exit 2)', () => {
    const g = write('other.gold.json', '{"entities": 3}');
    write('other.txt', 'نص');
    const r = cli(['eval', g]);
    expect(r.stderr).toBe(`kashf: ${g}: expected kashf gold JSON: an object with "entities" and "quotes" arrays\n`);
    expect(r.status).toBe(2);
  });
});

describe('eval: errors in CoNLL gold', () => {
  it('a bad tag: kashf: file:line: message, exit 2', () => {
    const g = write('bad.conll', 'قال O\nسيرجي B-PERS\nلافروف I_PERS\n');
    const r = cli(['eval', g]);
    expect(r.stderr).toBe(`kashf: ${g}:3: tag "I_PERS" is not O, B-TYPE or I-TYPE\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('a bad --types is a usage error', () => {
    const r = cli(['eval', '--types', 'B-PER', goldFile]);
    expect(r.stderr).toBe('kashf: --types "B-PER" is not a comma-separated list of types such as PER,ORG,LOC\n');
    expect(r.status).toBe(2);
  });
});

const ANERCORP_TEST = join(SHARED, 'corpora', 'anercorp_camel', 'ANERCorp_CamelLab_test.txt');
describe('ANERcorp (CAMeL Lab test split), when ../shared is there', () => {
  it.skipIf(!existsSync(ANERCORP_TEST))('runs and gives scores between 0 and 1 over every gold entity', () => {
    const r = evalJson(ANERCORP_TEST);
    // shared/corpora/PROVENANCE.md counts 907 PERS, 459 ORG and 676 LOC entities in the test split.
    expect(r.micro.tp + r.micro.fn).toBe(907 + 459 + 676);
    expect(r.byType.PER.tp + r.byType.PER.fn).toBe(907);
    for (const s of [r.micro, ...Object.values(r.byType)]) {
      for (const x of [s.precision, s.recall, s.f1]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("kashf's own conll output", () => {
  it('reads back as gold: comment lines are skipped, and kashf agrees with itself (F1 = 100)', () => {
    const conll = spawnSync(process.execPath, [join(ROOT, 'bin', 'kashf.js'), join(ROOT, 'fixtures', 'lavrov-wang-yi.txt'), '--format', 'conll'], { encoding: 'utf8' }).stdout;
    expect(conll.startsWith('# file: ')).toBe(true);
    const dir = tempDir('kashf-conll-');
    writeFileSync(join(dir, 'seed.conll'), conll);
    const r = cli(['eval', '--format', 'json', join(dir, 'seed.conll')]);
    expect(r.status).toBe(0);
    // The seed's 45 required entities, each read back from kashf's own tags.
    expect(JSON.parse(r.stdout).micro).toEqual({ tp: 45, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  });
});
