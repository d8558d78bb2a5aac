// The article kashf was made for: every required gold entity and quotation,
// nothing outside the gold, and the code-point contract on every span of
// every fixture.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareEntities, compareQuotes, type Gold } from '../src/eval/score.js';
import { cpSlice, kashf, ROOT } from './helpers.js';

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
