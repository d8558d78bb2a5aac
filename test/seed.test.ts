// The article kashf was made for: every required gold entity and quotation,
// nothing outside the gold, and the code-point contract on every span of
// every fixture.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareEntities, compareQuotes, type Gold } from '../src/eval/score.js';
import { cpSlice, fixtureTexts, kashf, ROOT } from './helpers.js';

const FIXTURES = join(ROOT, 'fixtures');
const read = (p: string) => readFileSync(p, 'utf8');

describe('seed article: lavrov-wang-yi', () => {
  const text = read(join(FIXTURES, 'lavrov-wang-yi.txt'));
  const gold = JSON.parse(read(join(FIXTURES, 'lavrov-wang-yi.gold.json'))) as Gold;
  const result = kashf().extract(text);

  it('finds every required gold entity with its exact span and type, and nothing else', () => {
    const c = compareEntities(gold.entities, result.entities);
    expect(c.missing).toEqual([]);
    expect(c.extra).toEqual([]);
    expect(Object.values(c.byType).reduce((a, x) => a + x.tp, 0)).toBe(gold.entities.filter((e) => !e.optional).length);
  });

  it('finds the five required quotations with an accepted speaker', () => {
    const direct = result.quotes.filter((q) => q.kind === 'direct');
    const c = compareQuotes(gold.quotes, direct);
    expect(c.missing).toEqual([]);
    expect(c.wrongSpeaker).toEqual([]);
    expect(c.tp).toBe(5);
  });

  it('links speakers that are dictionary entities', () => {
    const zakharova = result.quotes.find((q) => q.start === 1680);
    expect(zakharova?.speaker).toMatchObject({ text: 'ماريا زاخاروفا', id: 'maria-zakharova', start: 1660, end: 1674 });
    expect(zakharova?.cue).toBe('قالت');
  });

  it('does not take quoted names (“تاس”, “منظمة شنغهاي للتعاون”) for quotations', () => {
    const texts = result.quotes.map((q) => q.text);
    expect(texts).not.toContain('تاس');
    expect(texts).not.toContain('منظمة شنغهاي للتعاون');
  });
});

describe('code-point offsets on every fixture', () => {
  const files = readdirSync(FIXTURES, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.txt') && !f.endsWith('.ann.txt'));
  it('has fixtures', () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(f, () => {
      const text = read(join(FIXTURES, f)).replace(/^\uFEFF/, '');
      const r = kashf().extract(text);
      const spans = [...r.entities, ...r.quotes, ...r.quotes.flatMap((q) => (q.speaker ? [q.speaker] : []))];
      for (const s of spans) expect(cpSlice(text, s.start, s.end)).toBe(s.text);
    });
  }
});

describe('extract on UTF-8 bytes (how the command line searches files)', () => {
  const texts = fixtureTexts();
  // Characters outside the BMP, CR LF and a lone CR move code-point, line and column counts.
  texts.push('😀 قال 𝐀 لافروف:\r\n«نحن 😀 مستعدون للحوار مع الصين»\r\rوزار بكين.');

  it('gives the same records as on the decoded text, context included', () => {
    for (const text of texts) {
      const options = { context: 6 };
      expect(kashf().extract(Buffer.from('\ufeff' + text), options)).toEqual(kashf().extract(text, options));
    }
  });

  it('counts code points, lines and columns past astral characters and CR LF', () => {
    const text = texts.at(-1)!;
    const lines = text.split(/\r\n|\n|\r/);
    const { entities, quotes } = kashf().extract(Buffer.from(text));
    expect(entities.map((e) => e.text)).toEqual(['لافروف', 'الصين', 'بكين']);
    for (const r of [...entities, ...quotes]) {
      expect(cpSlice(text, r.start, r.end)).toBe(r.text);
      expect(cpSlice(lines[r.line - 1], r.column - 1, r.column - 1 + [...r.text].length)).toBe(r.text);
    }
    // The figures the UTF-16 implementation gave before bytes were searched directly.
    expect(entities.map((e) => [e.start, e.end, e.line, e.column])).toEqual([
      [8, 14, 1, 9],
      [42, 47, 2, 26],
      [55, 59, 4, 6],
    ]);
    expect(quotes.map((q) => [q.text, q.start, q.end, q.line, q.column])).toEqual([['نحن 😀 مستعدون للحوار مع الصين', 18, 47, 2, 2]]);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => kashf().extract(Buffer.from([0x61, 0xc3]))).toThrow(expect.objectContaining({ code: 'INPUT_ENCODING' }));
  });
});
