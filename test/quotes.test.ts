// Quotation finding on real Arabic news sentences: marks, attribution, terms,
// indirect speech, and inputs that must never throw or take quadratic time.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldString } from '../src/index.js';
import type { EntityRecord, QuoteRecord } from '../src/types.js';
import { kashf, table } from './helpers.js';

const quotes = (text: string, mode: 'all' | 'direct' = 'all') => kashf().extract(text, { quotes: mode }).quotes;
const brief = (text: string, mode: 'all' | 'direct' = 'all') =>
  quotes(text, mode).map((q) => [q.kind, q.text, q.cue, q.speaker?.text ?? null, q.speaker?.id ?? null]);

describe('quotation marks', () => {
  table<[string, string, (string | null)[][]]>(
    [
      ['guillemets', 'قال لافروف: «نحن مستعدون للحوار».', [['direct', 'نحن مستعدون للحوار', 'قال', 'لافروف', 'sergey-lavrov']]],
      ['curly quotes', 'وقال لافروف: “نحن مستعدون للحوار”.', [['direct', 'نحن مستعدون للحوار', 'قال', 'لافروف', 'sergey-lavrov']]],
      ['curly quotes typed reversed', 'وقال لافروف: ”نحن مستعدون للحوار“.', [['direct', 'نحن مستعدون للحوار', 'قال', 'لافروف', 'sergey-lavrov']]],
      ['ASCII quotes', 'وقال لافروف: "نحن مستعدون للحوار".', [['direct', 'نحن مستعدون للحوار', 'قال', 'لافروف', 'sergey-lavrov']]],
      ['single guillemets', 'وقال لافروف: ‹نحن مستعدون للحوار›.', [['direct', 'نحن مستعدون للحوار', 'قال', 'لافروف', 'sergey-lavrov']]],
      ['marks glued to a clitic: a term', 'وصرح مسؤول لـ“تاس” بأن الاجتماع انتهى.', [['indirect', 'الاجتماع انتهى', 'صرح', 'مسؤول', null]]],
    ],
    (_name, text, expected) => expect(brief(text)).toEqual(expected),
  );

  it('reports a nested quotation inside the outer one, with its own speaker', () => {
    const [q] = quotes('وقال بيسكوف: «الرئيس بوتين قال لنا "نحن لا نريد الحرب" في الاجتماع».');
    expect(q.speaker?.text).toBe('بيسكوف');
    expect(q.nested?.map((n) => [n.text, n.speaker?.id])).toEqual([['نحن لا نريد الحرب', 'vladimir-putin']]);
  });

  it('continues a quotation re-opened at the head of the next paragraph', () => {
    const text = 'وقال غوتيريش: «إن الوضع في غزة كارثي\n\n«ولا يمكن للعالم أن يقف متفرجاً».';
    const [q] = quotes(text, 'direct');
    expect(q.text).toBe('إن الوضع في غزة كارثي\n\n«ولا يمكن للعالم أن يقف متفرجاً');
    expect(q.unclosed).toBeUndefined();
  });

  it('continues a quotation whose mark is dropped until it closes in the next paragraph', () => {
    const text = 'وقال غوتيريش: «إن الوضع في غزة كارثي\n\nولا يمكن للعالم أن يقف متفرجاً».';
    const [q] = quotes(text, 'direct');
    expect(q.text.endsWith('متفرجاً')).toBe(true);
    expect(q.unclosed).toBeUndefined();
  });

  it('caps an unclosed quotation at its paragraph and says so', () => {
    const text = 'وقال غوتيريش: «إن الوضع في غزة كارثي ولا يحتمل التأجيل\n\nوفي سياق آخر، زار لافروف بكين.';
    const [q] = quotes(text, 'direct');
    expect(q.text).toBe('إن الوضع في غزة كارثي ولا يحتمل التأجيل');
    expect(q.unclosed).toBe(true);
  });
});

describe('names and terms in quotes are not quotations', () => {
  table(
    [
      ['agency', 'حسبما ذكرت وكالة “تاس” الروسية.'],
      ['newspaper', 'ونشرت صحيفة «الأهرام» تقريراً مطولاً.'],
      ['movement', 'وأعلنت حركة «حماس» موافقتها.'],
      ['a quoted known name', 'على هامش اجتماع “منظمة شنغهاي للتعاون” في بكين.'],
    ],
    (_name, text) => expect(quotes(text, 'direct')).toEqual([]),
  );
  it('a short quoted phrase after a reporting verb + أن is a partial quotation', () => {
    expect(brief('وأكد وزير الخارجية أن «الوضع تحت السيطرة».')).toEqual([['direct', 'الوضع تحت السيطرة', 'أكد', 'وزير الخارجية', null]]);
  });
});

describe('attribution', () => {
  table(
    [
      ['role before a name: the person', 'من جهة أخرى، قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا، إن “لافروف سيجري لقاءات”.', 'ماريا زاخاروفا'],
      ['verb after the quote', '«الباب لا يزال مفتوحاً أمام الدبلوماسية»، قال غروسي.', 'غروسي'],
      ['phrase after the quote', '«سنرد على أي اعتداء بحزم»، بحسب مصدر دبلوماسي.', 'مصدر دبلوماسي'],
      ['على لسان after the quote', '«لن نتراجع عن مواقفنا»، على لسان وزير الخارجية الإيراني عباس عراقجي.', 'عباس عراقجي'],
      ['على حد قوله: the speaker named before', 'وقال غروسي: «لا ضمانات». «سنواصل الضغط»، على حد قوله.', 'غروسي'],
      ['a name inside the quote is not the speaker', 'وقال بيسكوف: "الرئيس بوتين قال إن الحوار ممكن".', 'بيسكوف'],
      ['role with no name: the role phrase', 'وقالت المتحدثة باسم وزارة الخارجية الأمريكية: «ندعم جهود الوساطة».', 'المتحدثة باسم وزارة الخارجية الأمريكية'],
      ['relative clause: the antecedent', 'وشارك الأمين العام أنطونيو غوتيريش، الذي قال إن "الوقت قد حان لوقف دائم لإطلاق النار".', 'أنطونيو غوتيريش'],
      ['subject before the verb', 'وكانت الصين وروسيا قد أعلنتا عن شراكة “لا حدود لها” قبل أعوام.', 'الصين وروسيا'],
    ],
    (_name, text, speaker) => expect(quotes(text, 'direct').at(-1)?.speaker?.text).toBe(speaker),
  );

  it('a continuation takes the previous speaker', () => {
    const q = quotes('وقال غروسي: «لا يمكننا تقديم أي ضمانات». وأضاف: «الباب لا يزال مفتوحاً».', 'direct');
    expect(q.map((x) => [x.cue, x.speaker?.text])).toEqual([
      ['قال', 'غروسي'],
      ['أضاف', 'غروسي'],
    ]);
  });

  it('نقلت وكالة … عن X قوله: the speaker is X, the agency is via', () => {
    const [q] = quotes('ونقلت وكالة تاس عن دميتري بيسكوف قوله: «لا توجد خطط لعقد قمة».', 'direct');
    expect(q.speaker).toMatchObject({ text: 'دميتري بيسكوف', id: 'dmitry-peskov' });
    expect(q.via).toMatchObject({ text: 'تاس', id: 'tass' });
  });

  it('a role with no name is linked to its organisation', () => {
    const [q] = quotes('وقالت المتحدثة باسم وزارة الخارجية الأمريكية: «ندعم جهود الوساطة».', 'direct');
    expect(q.speaker?.org).toEqual({ id: 'united-states-foreign-ministry', canonical: 'وزارة الخارجية الأمريكية' });
  });
});

describe('a speaker named by a short form of an earlier entity', () => {
  const speaker = (text: string) => {
    const q = quotes(text).at(-1)!;
    return [q.speaker?.text ?? null, q.speaker?.id ?? null];
  };
  table<[string, string, (string | null)[]]>(
    [
      ['a person by surname', 'التقى ماجد الأنصاري بالوفد. وقال الأنصاري: «الحوار مستمر».', ['الأنصاري', 'majed-al-ansari']],
      ['the full name written with harakat and tatweel', 'التقى ماجِدُ الأنصـــاري بالوفد. وقال الأنصاري: «الحوار مستمر».', ['الأنصاري', 'majed-al-ansari']],
      ['an organisation by the head of its name', 'وأعلنت وزارة الخارجية الروسية البيان. وقالت الخارجية: «الحوار مستمر».', ['الخارجية', 'russia-foreign-ministry']],
      ['the full name after a proclitic', 'ونقل البيان لوزارة الخارجية الروسية. وقالت وزارة الخارجية: «الحوار مستمر».', ['وزارة الخارجية', 'russia-foreign-ministry']],
      [
        'the nearest earlier mention wins',
        'التقى وزير الخارجية الروسي بوزارة الخارجية الأمريكية، ثم بوزارة الخارجية الصينية. وقالت الخارجية: «الحوار مستمر».',
        ['الخارجية', 'china-foreign-ministry'],
      ],
      ['a mention after the speaker does not count', 'وقال الأنصاري: «الحوار مستمر». والتقى ماجد الأنصاري بالوفد.', ['الأنصاري', null]],
      ['a speaker sharing no word with any mention stays unnamed', 'التقى ماجد الأنصاري بالوفد. وقال المتحدث: «الحوار مستمر».', ['المتحدث', null]],
      ['the whole name is not a short form of itself', 'وقالت الخارجية: «الحوار مستمر».', ['الخارجية', null]],
    ],
    (_name, text, expected) => expect(speaker(text)).toEqual(expected),
  );
});

describe('short-form speakers: the shortcut by token hashes gives what the rule gives', () => {
  // The rule, from the records alone: a speaker that is not itself a found
  // name and names no organisation takes the id of the last person or
  // organisation (in document order) ended before it that has the speaker's
  // folded text as a short form.
  const shortForms = (e: EntityRecord): string[] => {
    const words = foldString(e.text).split(' ');
    const out: string[] = [];
    if (e.type === 'PER') for (let i = 1; i < words.length; i++) out.push(words.slice(i).join(' '));
    else if (e.type === 'ORG') {
      for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) if (i > 0 || j < words.length) out.push(words.slice(i, j).join(' '));
    }
    return out;
  };
  const expectedId = (sp: NonNullable<QuoteRecord['speaker']>, entities: EntityRecord[]): string | undefined => {
    const key = foldString(sp.text);
    if (key.length < 3) return undefined;
    let found: EntityRecord | undefined;
    for (const e of entities) if (e.end <= sp.start && shortForms(e).includes(key)) found = e;
    return found?.id;
  };
  const flat = (qs: QuoteRecord[]): QuoteRecord[] => qs.flatMap((q) => [q, ...flat(q.nested ?? [])]);

  // Real names and their short forms, written as news text writes them.
  const names = ['ماجد الأنصاري', 'وزارة الخارجية الروسية', 'وزارة الخارجية الصينية', 'منظمة شنغهاي للتعاون', 'جامعة الدول العربية', 'أوبك+', 'سيرغي لافروف', 'محمد بن سلمان'];
  const shorts = ['الأنصاري', 'الخارجية', 'وزارة الخارجية', 'الخارجية الروسية', 'شنغهاي', 'الدول العربية', 'الجامعة', 'أوبك', 'لافروف', 'بن سلمان', 'المتحدث', 'مصدر دبلوماسي'];
  // Harakat, tatweel and a zero-width non-joiner inside words; proclitics before them.
  const noise = fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u064E', '\u064F', '\u0650', '\u0651', '\u0640', '\u200C')), { maxLength: 3 });
  const noisy = (base: fc.Arbitrary<string>) =>
    fc.tuple(base, noise).map(([w, marks]) => {
      let out = w;
      for (const [at, mark] of marks) {
        const i = 1 + (at % Math.max(1, out.length - 1));
        if (out[i - 1] !== ' ' && out[i] !== ' ' && out[i] !== '+') out = out.slice(0, i) + mark + out.slice(i);
      }
      return out;
    });
  const sentence = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', 'و', 'ب', 'ل'), noisy(fc.constantFrom(...names))).map(([c, n]) => `والتقى الوفد ${c}${n} أمس.`) },
    { weight: 3, arbitrary: noisy(fc.constantFrom(...shorts)).map((sp) => `وقال ${sp}: «الحوار مستمر».`) },
    { weight: 2, arbitrary: noisy(fc.constantFrom(...shorts)).map((sp) => `وأكد ${sp} أن المحادثات كانت مثمرة.`) },
    { weight: 1, arbitrary: noisy(fc.constantFrom(...names)).map((n) => `وقالت ${n}: «نحن مستعدون».`) },
    { weight: 1, arbitrary: fc.constant('وفي سياق آخر، ناقش المجلس الميزانية.') },
  );
  const text = fc.array(fc.tuple(sentence, fc.constantFrom(' ', '\n', '\n\n')), { minLength: 1, maxLength: 10 }).map((xs) => xs.map(([t, sep]) => t + sep).join(''));

  it('on generated articles', () => {
    let linked = 0;
    let checked = 0;
    fc.assert(
      fc.property(text, (t) => {
        const r = kashf().extract(t);
        for (const q of flat(r.quotes)) {
          const sp = q.speaker;
          if (sp === null || sp.org !== undefined || r.entities.some((e) => e.start === sp.start && e.end === sp.end)) continue;
          const id = expectedId(sp, r.entities);
          expect(sp.id).toBe(id);
          checked++;
          if (id !== undefined) linked++;
        }
      }),
      { numRuns: 300 },
    );
    // The texts do exercise the linking, both ways (about 60 linked of 600 checked).
    expect(linked).toBeGreaterThan(25);
    expect(checked - linked).toBeGreaterThan(200);
  });
});

describe('indirect speech', () => {
  it('reports the clause after إن with the speaker, up to a new attribution', () => {
    expect(brief('وقالت وزارة الخارجية الروسية إن الجانبين ناقشا العلاقات مع الولايات المتحدة، حسبما ذكرت وكالة “تاس” الروسية.')).toEqual([
      ['indirect', 'الجانبين ناقشا العلاقات مع الولايات المتحدة', 'قالت', 'وزارة الخارجية الروسية', 'russia-foreign-ministry'],
    ]);
  });
  it('أشار إلى أن', () => {
    expect(brief('وأشار لافروف إلى أن المفاوضات ستستمر.')).toEqual([['indirect', 'المفاوضات ستستمر', 'أشار', 'لافروف', 'sergey-lavrov']]);
  });
  it('impersonal يُذكر أن reports no one', () => {
    expect(quotes('يُذكر أن الاجتماع المقبل سيعقد في موسكو.')).toEqual([]);
  });
  it('--quotes direct leaves indirect speech out', () => {
    expect(quotes('وأشار لافروف إلى أن المفاوضات ستستمر.', 'direct')).toEqual([]);
  });
});

describe('hostile input never throws and stays linear', () => {
  const runs = (text: string) => () => kashf().extract(text);
  table(
    [
      ['only quote marks', '«»“”"‹›‘’«««»»»""""'],
      ['unbalanced marks', '»«“ قال: « ” " ‘ ›'],
      ['random symbols and Arabic', 'قال: «ـــ ،،، ؟؟ »» ««  " ﻻ ٰ ّ \u200f\u202e'],
    ],
    (_name, text) => expect(runs(text)).not.toThrow(),
  );

  it('a 1 MB line of marks', () => {
    const text = '«“"‹‘'.repeat(200_000);
    const t0 = performance.now();
    const r = kashf().extract(text);
    const ms = performance.now() - t0;
    expect(r.quotes.length).toBeLessThan(100);
    // Generous bound: linear time is milliseconds per MB; quadratic would be hours.
    expect(ms).toBeLessThan(20_000);
  });

  it('doubling the input roughly doubles the work (no quadratic blow-up)', () => {
    const unit = 'وقال لافروف: «نحن مستعدون» «وأضاف “ ';
    const time = (n: number) => {
      const text = unit.repeat(n);
      const t0 = performance.now();
      kashf().extract(text);
      return performance.now() - t0;
    };
    time(2000);
    const a = time(20_000);
    const b = time(40_000);
    expect(b / a).toBeLessThan(4);
  });
});
