import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldString, GAP_BREAK, GAP_NONE, GAP_SPACE, HashFilter, hashString, KIND_WORD, TokenBuffer, tokenize } from '../src/normalize/index.js';
import { cpSlice, table } from './helpers.js';
import { Kashf } from '../src/index.js';

describe('foldString', () => {
  table(
    [
      ['harakat, tanwin, shadda, sukun', 'مُحَمَّدٌ وَعَلِيٌّ', 'محمد وعلي'],
      ['superscript alef', 'هٰذا', 'هذا'],
      ['Quranic marks', 'الرَّحِيمِ ۝ ٱلْحَمْدُ ۖ', 'الرحيم الحمد'],
      ['tatweel', 'لافـــروف', 'لافروف'],
      ['hamza forms of alef', 'أحمد إبراهيم آمنة ٱلله', 'احمد ابراهيم امنه الله'],
      ['alef maqsura and teh marbuta', 'مصطفى منظمة', 'مصطفي منظمه'],
      ['hamza on waw and yeh', 'رؤساء هيئة', 'روساء هييه'],
      ['Persian and Urdu letters', 'کابل ایران', 'كابل ايران'],
      ['presentation forms', 'ﻟﻼﻓﺮﻭﻑ ﺑﻜﻴﻦ', 'للافروف بكين'],
      ['lam-alef ligature with hamza', 'ﻷ', 'لا'],
      ['bidi and zero-width controls', 'لاف\u200cروف \u200fبكين\u202c \u2066موسكو\u2069 \u061cقطر', 'لافروف بكين موسكو قطر'],
      ['white space runs and NBSP', 'سيرجي\u00a0\u00a0  \tلافروف', 'سيرجي لافروف'],
      ['Arabic-Indic digits', 'مجموعة الـ٢٠ و۲۰', 'مجموعه ال20 و20'],
      ['Latin case', 'APEC G20', 'apec g20'],
      ['decomposed hamza (alef + U+0654)', 'ا\u0654حمد', 'احمد'],
    ],
    (_name, input, expected) => expect(foldString(input)).toBe(expected),
  );
});

describe('tokenize', () => {
  it('keeps the original span of every token, marks included', () => {
    const text = 'قالَ «لافروفُ»، في\u00a0بكين';
    const t = tokenize(text);
    const bytes = Buffer.from(text);
    const spans = Array.from({ length: t.count }, (_, i) => [t.text[i], bytes.toString('utf8', t.start[i], t.end[i])]);
    // Code-point spans say the same.
    expect(Array.from({ length: t.count }, (_, i) => cpSlice(text, t.cpStart[i], t.cpEnd[i]))).toEqual(spans.map((x) => x[1]));
    expect(spans).toEqual([
      ['قال', 'قالَ'],
      ['«', '«'],
      ['لافروف', 'لافروفُ'],
      ['»', '»'],
      ['،', '،'],
      ['في', 'في'],
      ['بكين', 'بكين'],
    ]);
  });

  it('records what separates tokens: nothing, space, or a paragraph break', () => {
    const t = tokenize('أوبك+ الصين\nروسيا\n\nموسكو');
    expect(Array.from(t.gap.slice(0, t.count))).toEqual([GAP_BREAK, GAP_NONE, GAP_SPACE, GAP_SPACE, GAP_BREAK]);
  });

  it('treats CR LF as one line break', () => {
    const t = tokenize('الصين\r\nروسيا\r\n\r\nموسكو');
    expect(Array.from(t.gap.slice(0, t.count))).toEqual([GAP_BREAK, GAP_SPACE, GAP_BREAK]);
  });

  it('leaves controls outside the span of a word', () => {
    const text = '\u200fبكين\u200f';
    const t = tokenize(text);
    // U+200F is 3 bytes in UTF-8, each Arabic letter 2.
    expect([t.start[0], t.end[0], t.cpStart[0], t.cpEnd[0]]).toEqual([3, 11, 1, 5]);
  });

  it('counts code points past characters outside the BMP, each one token', () => {
    const text = 'a😀b𝐀c';
    const t = tokenize(text);
    expect(t.text).toEqual(['a', '😀', 'b', '𝐀', 'c']);
    expect(Array.from(t.cpStart.slice(0, t.count))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(t.start.slice(0, t.count))).toEqual([0, 1, 5, 6, 10]);
    expect(t.codePoints).toBe(5);
  });

  it('records where lines start, in bytes and code points (LF, CR LF and CR; not U+2028)', () => {
    const text = 'بكين\nموسكو\r\na\rb\u2028c';
    const t = tokenize(text);
    expect(Array.from(t.lineCp.slice(0, t.lines))).toEqual([5, 12, 14]);
    expect(Array.from(t.lineByte.slice(0, t.lines))).toEqual([9, 21, 23]);
  });
});

describe('very long words', () => {
  // One folded word of 300,000 letters used to overflow the stack (String.fromCharCode with one argument per letter).
  const word = 'أ' + 'ب'.repeat(300_000);
  it('tokenize folds a 300,000-letter word that needs folding', () => {
    const t = tokenize(word);
    expect(t.count).toBe(1);
    expect(t.text[0]).toBe('ا' + 'ب'.repeat(300_000));
  });
  it('foldString folds it too', () => {
    expect(foldString(word + ' ' + word)).toBe(('ا' + 'ب'.repeat(300_000) + ' ').repeat(2).trimEnd());
  });
});

describe('a reused token buffer', () => {
  // The buffer grows as it goes: a ligature folds to up to 18 letters (ﷺ),
  // so the folded text can be far longer than the input.
  const buffer = new TokenBuffer(4);
  table<[string, string]>(
    [
      ['ligatures that fold to many letters', 'ﷺ'.repeat(5000) + ' قال ﷺ'],
      ['a long word after a short text', 'أ'.repeat(100_000)],
      ['symbols and astral characters', '😀 «نعم» '.repeat(5000)],
      ['then a short text again', 'زار لافروف بكين'],
    ],
    (_, text) => {
      const t = tokenize(text, buffer);
      expect(t.count).toBeGreaterThan(0);
      for (let i = 0; i < t.count; i++) {
        const original = cpSlice(text, t.cpStart[i], t.cpEnd[i]);
        expect(t.word(i)).toBe(t.kind[i] === KIND_WORD ? foldString(original) : original);
      }
      expect(t.text).toEqual(Array.from({ length: t.count }, (_, i) => t.word(i)));
    },
  );
});

describe('HashFilter', () => {
  // The reporting verbs' forms (folded), from which the lexicon builds its filter.
  const verbs = [...Kashf.create().knowledge.lexicon.verbs.keys()];

  it('says yes to every hash added, and to few others', () => {
    const filter = new HashFilter(verbs.map(hashString));
    expect(verbs.length).toBeGreaterThan(100);
    expect(verbs.every((w) => filter.mayHave(hashString(w)))).toBe(true);
    // The words of the seed article that are not verb forms: about 1 in 16 may pass, as sized.
    const forms = new Set(verbs);
    const others = [...new Set(tokenize(readFileSync(new URL('../fixtures/lavrov-wang-yi.txt', import.meta.url), 'utf8')).text)].filter((w) => !forms.has(w));
    expect(others.length).toBeGreaterThan(200);
    const passed = others.filter((w) => filter.mayHave(hashString(w))).length;
    expect(passed / others.length).toBeLessThan(0.15);
  });

  it('an empty filter says no', () => {
    const filter = new HashFilter([]);
    expect(['قال', 'أكد', ''].some((w) => filter.mayHave(hashString(w)))).toBe(false);
  });
});
