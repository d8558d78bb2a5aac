// `kashf check`: the golden files of kashf's own fixtures pass; in a temp
// dir, an edited expected file fails with a readable diff, --update repairs
// it, broken JSON is an error. Plus the pure parts (src/check/) as tables.
// The CLI tests spawn bin/kashf.js, so they need a build (npx tsc -p .).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDocuments, expectedPathFor, formatDifferences, isFixture, parseExpected, serializeExpected, toExpected } from '../src/check/index.js';
import { Chalk } from 'chalk';
import type { DocumentResult, EntityRecord } from '../src/types.js';
import { kashf as library, ROOT, table, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'kashf.js');
const SEED = join(ROOT, 'fixtures', 'lavrov-wang-yi.txt');

function kashf(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lastLine = (s: string): string => s.trimEnd().split('\n').at(-1)!;

function tempFixture(): { dir: string; expected: string } {
  const dir = tempDir('kashf-check-');
  copyFileSync(SEED, join(dir, 'lavrov-wang-yi.txt'));
  return { dir, expected: join(dir, 'lavrov-wang-yi.expected.json') };
}

describe('kashf check on the project fixtures', () => {
  const fixtures = readdirSync(join(ROOT, 'fixtures'), { recursive: true })
    .map(String)
    .filter((f) => isFixture(f));
  // Fixtures still without an expected file (a folder being written) are skipped, not failed.
  const withExpected = fixtures.filter((f) => existsSync(expectedPathFor(join(ROOT, 'fixtures', f))));
  const skipped = fixtures.length - withExpected.length;

  it('the seed and the evaluation articles have expected files', () => {
    const required = fixtures.filter((f) => f === 'lavrov-wang-yi.txt' || f.startsWith('eval'));
    expect(required).toHaveLength(8);
    for (const f of required) expect(withExpected, f).toContain(f);
  });

  it('passes: exit 0 and the summary line', () => {
    const r = kashf(['check', 'fixtures']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toBe(`${withExpected.length} passed, 0 failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  });

  it('stores the seed with its base name, in document order, with no absolute paths', () => {
    const raw = readFileSync(join(ROOT, 'fixtures', 'lavrov-wang-yi.expected.json'), 'utf8');
    const v = JSON.parse(raw) as DocumentResult;
    expect(v.file).toBe('lavrov-wang-yi.txt');
    expect(raw).not.toContain(ROOT);
    expect(raw).toBe(JSON.stringify(v, null, 2) + '\n');
    expect(Object.keys(v)).toEqual(['file', 'entities', 'quotes']);
    expect(v.entities.map((e) => e.start)).toEqual([...v.entities.map((e) => e.start)].sort((a, b) => a - b));
  });
});

describe('kashf check in a temp dir', () => {
  it('creates a missing expected file with --update, then passes', () => {
    const { dir, expected } = tempFixture();
    const skipped = kashf(['check', dir]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('no expected file (run with --update)');
    expect(lastLine(skipped.stdout)).toBe('0 passed, 0 failed, 1 skipped');
    expect(kashf(['check', '--strict', dir]).code).toBe(1);

    const created = kashf(['check', '--update', dir]);
    expect(created.code).toBe(0);
    expect(lastLine(created.stdout)).toBe('0 passed, 0 failed, 1 created');
    expect(JSON.parse(readFileSync(expected, 'utf8')).file).toBe('lavrov-wang-yi.txt');
    const again = kashf(['check', dir]);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toBe('1 passed, 0 failed');
  });

  it('fails with exit 1 and a diff naming the missing and extra items with text and offsets; --update repairs it', () => {
    const { dir, expected } = tempFixture();
    expect(kashf(['check', '--update', dir]).code).toBe(0);
    const good = readFileSync(expected, 'utf8');
    const edited = JSON.parse(good) as DocumentResult;
    // Drop Lavrov (kashf still finds him: extra) and expect a Beijing that is not there (missing).
    const lavrov = edited.entities.findIndex((e) => e.id === 'sergey-lavrov');
    const [dropped] = edited.entities.splice(lavrov, 1);
    const beijing = edited.entities.find((e) => e.id === 'beijing')!;
    edited.entities.push({ ...beijing, start: beijing.start + 1000, end: beijing.end + 1000 });
    // A quotation whose speaker was not found.
    const zakharova = edited.quotes.find((q) => q.speaker?.id === 'maria-zakharova')!;
    zakharova.speaker = null;
    writeFileSync(expected, JSON.stringify(edited, null, 2) + '\n');

    const r = kashf(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL     ');
    expect(r.stdout).toContain(`+ extra entity    ${dropped.start}-${dropped.end}  PER  sergey-lavrov  "سيرجي لافروف"`);
    expect(r.stdout).toContain(`- missing entity  ${beijing.start + 1000}-${beijing.end + 1000}  LOC  beijing  "بكين"`);
    expect(r.stdout).toMatch(new RegExp(`~ changed quote   ${zakharova.start}-${zakharova.end} .*\\n      speaker: none → \\d+-\\d+ maria-zakharova "ماريا زاخاروفا"`));
    expect(lastLine(r.stdout)).toBe('0 passed, 1 failed');

    const updated = kashf(['check', '--update', dir]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('updated  ');
    expect(updated.stdout).toContain('(1 missing, 1 extra, 1 changed)');
    expect(lastLine(updated.stdout)).toBe('0 passed, 0 failed, 1 updated');
    expect(readFileSync(expected, 'utf8')).toBe(good);
    const passes = kashf(['check', join(dir, '*.txt')]);
    expect(passes.code).toBe(0);
    expect(lastLine(passes.stdout)).toBe('1 passed, 0 failed');
  });

  it('exits 2 on an expected file that is not JSON, naming the file', () => {
    const { dir, expected } = tempFixture();
    writeFileSync(expected, '{"file": "lavrov-wang-yi.txt", "entities": [\n');
    const r = kashf(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kashf: check: .*lavrov-wang-yi\.expected\.json: not valid JSON/);
    expect(lastLine(r.stdout)).toBe('0 passed, 0 failed, 1 error');
  });

  it('exits 2 on an expected file of the wrong shape, and on paths with no fixtures', () => {
    const { dir, expected } = tempFixture();
    writeFileSync(expected, '{"file": "lavrov-wang-yi.txt", "entities": {}}\n');
    const r = kashf(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"entities" is an object, not an array');
    expect(kashf(['check', join(dir, 'nothing-here')]).code).toBe(2);
    const only = kashf(['check', expected]);
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('no fixtures');
  });

  it('skips annotation sources and READMEs', () => {
    const { dir } = tempFixture();
    writeFileSync(join(dir, 'lavrov-wang-yi.ann.txt'), 'قال [PER لافروف]');
    writeFileSync(join(dir, 'README.txt'), 'not a fixture');
    kashf(['check', '--update', dir]);
    expect(existsSync(join(dir, 'lavrov-wang-yi.ann.expected.json'))).toBe(false);
    expect(existsSync(join(dir, 'README.expected.json'))).toBe(false);
    expect(lastLine(kashf(['check', dir]).stdout)).toBe('1 passed, 0 failed');
  });
});

describe('fixture naming', () => {
  table(
    [
      ['fixtures/a.txt', true, 'fixtures/a.expected.json'],
      ['fixtures/eval/iran-iaea.txt', true, 'fixtures/eval/iran-iaea.expected.json'],
      ['fixtures/eval/iran-iaea.ann.txt', false, null],
      ['fixtures/README.txt', false, null],
      ['fixtures/readme.md', false, null],
      ['fixtures/a.md', false, null],
      ['fixtures/a.expected.json', false, null],
    ] as const,
    (path, fixture, expected) => {
      expect(isFixture(path)).toBe(fixture);
      if (expected !== null) expect(expectedPathFor(path)).toBe(expected);
    },
  );
});

describe('the expected file', () => {
  const text = 'قال لافروف في بكين: «نحن مستعدون للحوار».';
  const actual: DocumentResult = { file: 'some/dir/x.txt', ...library().extract(text) };

  it('is the document with its base name, keys in a fixed order, two-space JSON and a final newline', () => {
    const shuffled = { quotes: actual.quotes, entities: [...actual.entities].reverse().map(({ source, ...rest }) => ({ source, ...rest })), file: actual.file };
    const s = serializeExpected(toExpected(shuffled, 'x.txt'));
    expect(s).toBe(serializeExpected(toExpected(actual, 'x.txt')));
    const v = JSON.parse(s);
    expect(v.file).toBe('x.txt');
    expect(Object.keys(v.entities[0])).toEqual(['text', 'type', 'id', 'canonical', 'start', 'end', 'line', 'column', 'source']);
    expect(Object.keys(v.quotes[0]).slice(0, 5)).toEqual(['text', 'start', 'end', 'line', 'column']);
    expect(s.endsWith('}\n')).toBe(true);
    expect(s.split('\n')[1]).toBe('  "file": "x.txt",');
  });

  const base = toExpected(actual, 'x.txt');
  const entity = (over: Partial<EntityRecord>): EntityRecord => ({ ...base.entities[0], ...over });
  const edit = (f: (d: DocumentResult) => void): DocumentResult => {
    const d = structuredClone(base);
    f(d);
    return d;
  };
  table(
    [
      ['identical', base, []],
      ['an entity not found any more', edit((d) => d.entities.push(entity({ start: 30, end: 34 }))), ['missing entity 30-34']],
      ['a new entity', edit((d) => d.entities.shift()), ['extra entity 4-10']],
      ['a quotation not found any more', edit((d) => d.quotes.push({ ...d.quotes[0], start: 40, end: 41 })), ['missing quote 40-41']],
      ['same span, other id', edit((d) => (d.entities[0] = entity({ id: 'someone-else' }))), ['changed entity 4-10 id']],
      ['a quotation with another speaker', edit((d) => (d.quotes[0].speaker = null)), [`changed quote ${base.quotes[0].start}-${base.quotes[0].end} speaker`]],
      ['a renamed file', edit((d) => (d.file = 'y.txt')), ['changed file']],
    ] as const,
    (_name, expected, summary) => {
      const diffs = diffDocuments(expected, base);
      expect(
        diffs.map((d) => (d.item === 'file' ? 'changed file' : `${d.change} ${d.item} ${d.record.start}-${d.record.end}${d.fields ? ' ' + d.fields.map((f) => f.field).join(',') : ''}`)),
      ).toEqual(summary);
      // Every difference gets at least one line of text.
      expect(formatDifferences(diffs, new Chalk({ level: 0 })).length).toBeGreaterThanOrEqual(diffs.length);
    },
  );

  it('ignores key order in a hand-edited file', () => {
    const reordered = JSON.parse(JSON.stringify(base), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(Object.keys(reordered)[0]).toBe('quotes');
    expect(diffDocuments(reordered, base)).toEqual([]);
  });

  table(
    [
      ['not JSON', '{"file":', /x\.expected\.json: not valid JSON/],
      ['an array', '[]', /top level is an array/],
      ['no file', '{"entities": [], "quotes": []}', /"file" is missing/],
      ['entities not a list', '{"file": "x.txt", "entities": 3, "quotes": []}', /"entities" is a number/],
      ['a record without offsets', '{"file": "x.txt", "entities": [{"text": "بكين"}], "quotes": []}', /"entities"\[0\]/],
    ] as const,
    (_name, json, message) => expect(() => parseExpected(json, 'x.expected.json')).toThrow(message),
  );
});
