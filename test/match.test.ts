import { describe, expect, it } from 'vitest';
import { Kashf, parseDictionary } from '../src/index.js';
import { proclitics } from '../src/match/clitics.js';
import { kashf, table } from './helpers.js';

/** A kashf with only the entries of a small dictionary written inline. */
function withDict(tsv: string): Kashf {
  const { entries, problems } = parseDictionary(tsv, 'test.tsv');
  expect(problems).toEqual([]);
  return Kashf.create({ builtin: false, entries });
}

const names = (k: Kashf, text: string) => k.extract(text).entities.map((e) => [e.text, e.id]);

describe('proclitics', () => {
  table(
    [
      ['وروسيا', ['وروسيا', 'روسيا']],
      ['بالصين', ['بالصين', 'الصين']],
      ['للصين', ['للصين', 'لصين', 'الصين', 'اللصين']],
      ['وللصين', ['وللصين', 'للصين', 'لصين', 'الصين', 'اللصين']],
      ['فبكين', ['فبكين', 'بكين', 'كين']],
      ['يي', ['يي']],
    ],
    (word, stems) => {
      const s: string[] = [];
      const p: number[] = [];
      const n = proclitics(word, s, p);
      expect(s.slice(0, n)).toEqual(stems);
    },
  );
});

describe('gazetteer matching: whole words after proclitics', () => {
  const k = withDict(
    [
      'china\tLOC\tالصين\tChina\t',
      'russia\tLOC\tروسيا\tRussia\t',
      'beijing\tLOC\tبكين\tBeijing\t',
      'sergey-lavrov\tPER\tسيرغي لافروف\tSergey Lavrov\tسيرجي لافروف|لافروف',
      'mali\tLOC\tمالي\tMali\t',
    ].join('\n'),
  );
  table(
    [
      ['و + name', 'زار وروسيا', [['روسيا', 'russia']]],
      ['ب + ال name', 'في اجتماع بالصين', [['الصين', 'china']]],
      ['ل + ال written لل (span keeps the article lam)', 'زيارة للصين', [['لصين', 'china']]],
      ['و + person', 'ولافروف قال', [['لافروف', 'sergey-lavrov']]],
      ['و + ب + name', 'وببكين', [['بكين', 'beijing']]],
      ['ف + ل + ال', 'فللصين', [['لصين', 'china']]],
      ['adjective is not the country', 'الصينية الروسي', []],
      ['no suffix stripping', 'بكينية', []],
      ['no article stripping: المالي is not Mali', 'الدعم المالي', []],
      ['variant spelling', 'سيرجي لافروف وسيرغي لافروف', [['سيرجي لافروف', 'sergey-lavrov'], ['سيرغي لافروف', 'sergey-lavrov']]],
      ['diacritics and tatweel inside the span', 'سيرْجي لافـروفُ', [['سيرْجي لافـروفُ', 'sergey-lavrov']]],
      ['any white space between words of a name', 'سيرجي\u00a0 \nلافروف', [['سيرجي\u00a0 \nلافروف', 'sergey-lavrov']]],
      ['never across punctuation', 'سيرجي، لافروف', [['لافروف', 'sergey-lavrov']]],
      ['never across a paragraph break', 'سيرجي\n\nلافروف', [['لافروف', 'sergey-lavrov']]],
      ['hamza-less and ى/ة variants', 'موسكو والصين', [['الصين', 'china']]],
    ],
    (_name, text, expected) => expect(names(k, text)).toEqual(expected),
  );
});

describe('overlap policy', () => {
  const k = withDict(
    [
      'sco\tORG\tمنظمة شنغهاي للتعاون\tSCO\t',
      'shanghai\tLOC\tشنغهاي\tShanghai\t',
      'asia\tLOC\tآسيا\tAsia\t',
      'apec\tORG\tمنتدى التعاون الاقتصادي لدول آسيا والمحيط الهادئ\tAPEC\t',
    ].join('\n'),
  );
  it('leftmost-longest: the SCO inside a longer unknown phrase', () => {
    expect(names(k, 'اجتماع مجلس وزراء خارجية منظمة شنغهاي للتعاون')).toEqual([['منظمة شنغهاي للتعاون', 'sco']]);
  });
  it('leftmost-longest: آسيا inside the APEC name is not reported; الهادي matches الهادئ', () => {
    expect(names(k, 'ومنتدى التعاون الاقتصادي لدول آسيا والمحيط الهادي')).toEqual([['منتدى التعاون الاقتصادي لدول آسيا والمحيط الهادي', 'apec']]);
  });
  it('all: nested names too', () => {
    const ids = k.extract('منظمة شنغهاي للتعاون', { overlap: 'all' }).entities.map((e) => e.id);
    expect(ids).toEqual(['sco', 'shanghai']);
  });
});

describe('ambiguous aliases', () => {
  const k = withDict(['wang-yi\tPER\tوانغ يي\tWang Yi\tوانج يي|~يي', 'lula\tPER\tلولا دا سيلفا\tLula da Silva\t~لولا'].join('\n'));
  it('do not match before the entry is mentioned unambiguously', () => {
    expect(names(k, 'لولا الدعم لما نجحت الخطة')).toEqual([]);
  });
  it('match after an unambiguous mention in the same document', () => {
    expect(names(k, 'قال لولا دا سيلفا إن البرازيل مستعدة. وأضاف لولا أن')).toEqual([
      ['لولا دا سيلفا', 'lula'],
      ['لولا', 'lula'],
    ]);
  });
  it('activation does not leak between documents', () => {
    k.extract('التقى وانغ يي نظيره');
    expect(names(k, 'قال يي')).toEqual([]);
  });
});

describe('built-in dictionaries', () => {
  table(
    [
      ['Lavrov, both spellings and the surname', 'سيرجي لافروف وسيرغي لافروف ولافروف', ['sergey-lavrov', 'sergey-lavrov', 'sergey-lavrov']],
      ['Wang Yi, both spellings', 'وانج يي ووانغ يي', ['wang-yi', 'wang-yi']],
      ['APEC with الهادئ and الهادي', 'منتدى التعاون الاقتصادي لدول آسيا والمحيط الهادئ ومنتدى التعاون الاقتصادي لدول آسيا والمحيط الهادي', ['apec', 'apec']],
      ['BRICS long and short', 'مجموعة بريكس وبريكس', ['brics', 'brics']],
      ['generated ministry', 'وزارة الخارجية الروسية والخارجية الصينية', ['russia-foreign-ministry', 'china-foreign-ministry']],
    ],
    (_name, text, ids) => expect(kashf().extract(text).entities.map((e) => e.id)).toEqual(ids),
  );
});
