import { describe, expect, it } from 'vitest';
import { Kashf, parseDictionary } from '../src/index.js';
import { proclitics } from '../src/match/clitics.js';
import fc from 'fast-check';
import { Trie } from '../src/match/trie.js';
import { foldString, hashDropFront, hashPrepend, hashString, tokenize } from '../src/normalize/index.js';
import { cpSlice, kashf, table } from './helpers.js';

/** A kashf with only the entries of a small dictionary written inline. */
function withDict(tsv: string): Kashf {
  const { entries, problems } = parseDictionary(tsv, 'test.tsv');
  expect(problems).toEqual([]);
  return Kashf.create({ builtin: false, entries });
}

const names = (k: Kashf, text: string) => k.extract(text).entities.map((e) => [e.text, e.id]);

describe('proclitics', () => {
  table<[string, string[]]>(
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
  table<[string, string, string[][]]>(
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
  table<[string, string, string[]]>(
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

describe('the trie’s hash tables', () => {
  // Arabic-letter words from a counter: distinct, and many enough to make both tables grow several times.
  const wordOf = (n: number): string => {
    let s = '';
    do {
      s += String.fromCharCode(0x0628 + (n % 20));
      n = Math.floor(n / 20);
    } while (n > 0);
    return s;
  };
  const words = Array.from({ length: 6000 }, (_, i) => wordOf(i));
  const build = (t: Trie, from: number, to: number) => {
    for (let i = from; i < to; i++) t.insert([{ text: words[i], glued: false }, { text: words[(i * 7) % words.length], glued: i % 2 === 1 }], i, i % 3 === 0);
  };
  const check = (t: Trie, to: number) => {
    for (let i = 0; i < to; i++) {
      const first = t.child(0, t.word(words[i]), false);
      expect(first).toBeGreaterThan(0);
      const node = t.child(first, t.word(words[(i * 7) % words.length]), i % 2 === 1);
      expect(t.ends(node)).toContain(i);
      // The other gap never matches.
      expect(t.child(first, t.word(words[(i * 7) % words.length]), i % 2 === 0)).toBe(-1);
    }
  };

  it('finds every word and edge after growing, and after a round trip through the build’s form', () => {
    const t = new Trie();
    build(t, 0, 3000);
    check(t, 3000);
    expect(t.word('كشف')).toBe(-1);
    const back = Trie.deserialize(JSON.parse(JSON.stringify(t.serialize())) as ReturnType<Trie['serialize']>);
    check(back, 3000);
    // User entries added on top of the compiled built-ins.
    build(back, 3000, 6000);
    check(back, 6000);
  });

  it('goes on from a node as its edges say, whether it has one child or several, before and after a round trip', () => {
    // As the compiler inserts aliases: folded (الخارجية → الخارجيه), as the tokens are.
    const t = new Trie();
    const alias = (...words: [string, boolean][]) => words.map(([w, glued]) => ({ text: foldString(w), glued }));
    t.insert(alias(['مجلس', false], ['الأمن', false]), 0, false);
    t.insert(alias(['مجلس', false], ['النواب', false]), 1, false);
    t.insert(alias(['أوبك', false], ['+', true]), 2, false);
    t.insert(alias(['وزير', false], ['الخارجية', false], ['الروسي', false]), 3, false);
    const back = Trie.deserialize(JSON.parse(JSON.stringify(t.serialize())) as ReturnType<Trie['serialize']>);
    for (const trie of [t, back]) {
      const go = (node: number, word: string, glued: boolean): number => {
        const tk = tokenize(word);
        return trie.next(node, tk.hash[0], tk.codes, tk.codeStart[0], tk.codeStart[1], glued);
      };
      const root = (word: string) => trie.child(0, trie.word(foldString(word)), false);
      // Two children (the edge table), one child (kept with the node), glued or not.
      for (const [first, second, glued] of [['مجلس', 'الأمن', false], ['مجلس', 'النواب', false], ['أوبك', '+', true], ['وزير', 'الخارجية', false]] as const) {
        const node = go(root(first), second, glued);
        expect(node).toBeGreaterThan(0);
        expect(node).toBe(trie.child(root(first), trie.word(foldString(second)), glued));
        expect(go(root(first), second, !glued)).toBe(-1);
      }
      expect(trie.ends(go(go(root('وزير'), 'الخارجية', false), 'الروسي', false))).toEqual([3, 0]);
      // A word the only child does not have, one it has as a prefix, one longer: no edge.
      for (const w of ['الدفاع', 'الخارجي', 'الخارجيةه']) expect(go(root('وزير'), w, false)).toBe(-1);
      expect(go(root('مجلس'), 'الشيوخ', false)).toBe(-1);
      // A node with no children.
      expect(go(go(root('مجلس'), 'الأمن', false), 'الدولي', false)).toBe(-1);
    }
  });

  it('hashes a reading without its proclitics as the stem itself', () => {
    const t = new Trie();
    t.insert([{ text: 'الصين', glued: false }], 0, false);
    const tokens = tokenize('للصين وللصين');
    const { codes, codeStart, hash } = tokens;
    // للصين: from 1, with the ا the second lam swallowed put back.
    const stem = hashPrepend(hashDropFront(hash[0], codes, codeStart[0], 1), 0x0627);
    expect(stem).toBe(hashString('الصين'));
    expect(t.find(stem, codes, codeStart[0] + 1, codeStart[1], 'ا')).toBe(t.word('الصين'));
    expect(t.find(hashDropFront(hash[1], codes, codeStart[1], 1), codes, codeStart[1] + 1, codeStart[2])).toBe(-1);
  });

  it('the tokenizer hashes each token as hashString hashes its folded text, and dropping letters in front hashes the rest', () => {
    const arabic = fc.string({ unit: fc.constantFrom(...'وفبكلالصينأإآىةؤئـًٌٍَُِّْ ﻻ«»،.'), maxLength: 40 });
    fc.assert(
      fc.property(arabic, (text) => {
        const t = tokenize(text);
        for (let i = 0; i < t.count; i++) {
          const w = t.word(i);
          if (t.kind[i] === 1) expect(w).toBe(foldString(cpSlice(text, t.cpStart[i], t.cpEnd[i])));
          expect(t.hash[i]).toBe(hashString(w));
          for (let k = 1; k <= Math.min(3, w.length); k++) expect(hashDropFront(t.hash[i], t.codes, t.codeStart[i], k)).toBe(hashString(w.slice(k)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
