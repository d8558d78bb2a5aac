// Ambiguous aliases in the built-in dictionaries (issue 3): a surface that is
// also an ordinary word or another name matches only after an unambiguous
// mention of its entity in the same document.

import { describe, expect, it } from 'vitest';
import { kashf, table } from './helpers.js';

const ids = (text: string) => kashf().extract(text).entities.map((e) => [e.text, e.id]);

describe('ordinary words are not names', () => {
  table<[string, string, string[]]>(
    [
      ['لولا ("were it not for")', 'ولولا تدخل الوسطاء لانهارت الهدنة.', []],
      ['حماس ("enthusiasm")', 'استقبل الجمهور الفريق بحماس كبير.', []],
      ['أمل ("hope")', 'أعرب الوزير عن أمل بلاده في التوصل إلى اتفاق.', []],
      ['عباس (a common first name)', 'وقال المواطن عباس علي إن الأسعار ارتفعت.', []],
      ['عمان alone: Oman or Amman?', 'وصل الوفد إلى عمان صباح اليوم.', []],
      ['يي alone', 'قال يي إن الاجتماع كان مثمراً.', []],
    ],
    (_name, text, expected) => expect(ids(text)).toEqual(expected),
  );
});

describe('after an unambiguous mention, the short form is the entity', () => {
  it('لولا after Lula da Silva', () => {
    expect(ids('التقى الرئيس البرازيلي لويس إيناسيو لولا دا سيلفا نظيره الصيني. وقال لولا إن البلدين شريكان.').map((x) => x[1])).toEqual([
      'lula-da-silva',
      'lula-da-silva',
    ]);
  });
  it('حماس after حركة حماس', () => {
    expect(ids('وأعلنت حركة حماس موافقتها على المقترح. وقالت حماس في بيان إن الكرة في ملعب إسرائيل.').map((x) => x[1])).toEqual([
      'hamas',
      'hamas',
      'israel',
    ]);
  });
  it('عمان after سلطنة عمان is Oman, not Amman', () => {
    expect(ids('استضافت سلطنة عمان جولة المحادثات. وقالت عمان إن الجولة المقبلة ستعقد قريباً.').map((x) => x[1])).toEqual(['oman', 'oman']);
  });
  it('عباس after محمود عباس', () => {
    expect(ids('واستقبل الرئيس الفلسطيني محمود عباس الوفد. وأكد عباس تمسكه بحل الدولتين.').map((x) => x[1])).toEqual(['mahmoud-abbas', 'mahmoud-abbas']);
  });
});
