// Printers (src/print/): every format on a small real Arabic document, the
// machine formats' promise of logical text only, the table's width in both
// bidi modes, colour rules, --stats, and the progress line's decision.

import { Chalk } from 'chalk';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { Progress, shouldShowProgress } from '../src/cli/progress.js';
import { resolveColorLevel, type Environment } from '../src/cli/options.js';
import {
  conllSentences,
  createPrinter,
  createStatsPrinter,
  displayParts,
  displayText,
  ENTITY_COLUMNS,
  FORMATS,
  JsonlPrinter,
  StatsCollector,
  StringSink,
  TablePrinter,
  TsvPrinter,
  type BidiMode,
  type Format,
} from '../src/print/index.js';
import { BatchedWriter } from '../src/cli/batch.js';
import { searchFor } from '../src/cli/jobs.js';
import { JsonBytes } from '../src/print/bytes.js';
import { ConllSentences } from '../src/print/conll.js';
import { csvField, tsvField } from '../src/print/delimited.js';
import type { DocumentResult } from '../src/types.js';
import { cpSlice, fixtureTexts, kashf, table } from './helpers.js';

// From the seed article: a multi-word name (سيرجي لافروف), a name behind the
// proclitic و (وروسيا), a quotation with a speaker, two paragraphs.
const TEXT =
  'ذكرت وزارة الخارجية الروسية في بيان، الأحد، أن وزير الخارجية الروسي سيرجي لافروف ونظيره الصيني وانج يي بحثا العلاقات مع الولايات المتحدة.\n\n' +
  'وكانت الصين وروسيا قد أعلنتا عن شراكة “لا حدود لها” في فبراير 2022، عندما زار بوتين بكين.\n';

// Long, fully diacritised quotations (written for this test) to push the table past 80 columns.
const DIACRITISED =
  'قالَ وزيرُ الخارجيةِ الروسيُّ سيرجي لافروف: «إنَّ العلاقاتَ الروسيةَ الصينيةَ بلغتْ مستوىً غيرَ مسبوقٍ في تاريخِها الطويلِ، ولا حدودَ للتعاونِ بينَ البلدينِ في المجالاتِ كلِّها، سياسيًّا واقتصاديًّا وثقافيًّا».\n\n' +
  'وقالتِ المتحدثةُ باسمِ وزارةِ الخارجيةِ الروسيةِ ماريا زاخاروفا: «سيُجري الوزيرُ لقاءاتٍ ثنائيةً عديدةً على هامشِ اجتماعِ مجلسِ وزراءِ خارجيةِ منظمةِ شنغهاي للتعاونِ في بكين».\n';

const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;
const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;
const DIACRITICS = /[\u064B-\u0652\u0670]/;
const ANSI = /\x1b\[/;
const FSI = '\u2068';
const PDI = '\u2069';

function doc(text: string, file = 'doc.txt', context = 0): DocumentResult {
  return { file, ...kashf().extract(text, { context }) };
}

const noColour = new Chalk({ level: 0 });

function print(format: Format, docs: [DocumentResult, string][], bidi: BidiMode = 'app', width = 80, chalk = noColour): string {
  const sink = new StringSink();
  const p = createPrinter(format, sink, { bidi, chalk, width });
  p.begin();
  for (const [d, text] of docs) p.document(d, text);
  p.end();
  return sink.toString();
}

describe('the test document', () => {
  it('has the entities the format tests rely on', () => {
    const d = doc(TEXT);
    expect(d.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['sergey-lavrov', 'russia', 'china', 'vladimir-putin']));
    for (const e of d.entities) expect(cpSlice(TEXT, e.start, e.end)).toBe(e.text);
    expect(d.quotes.length).toBeGreaterThan(0);
  });
});

describe('formats', () => {
  it('FORMATS lists every format and createPrinter makes each one', () => {
    expect([...FORMATS].sort()).toEqual(['conll', 'csv', 'json', 'jsonl', 'table', 'tsv']);
    for (const f of FORMATS) expect(print(f, [[doc(TEXT), TEXT]]).length).toBeGreaterThan(0);
  });

  it('json parses back to the documents under a schema version', () => {
    const a = doc(TEXT, 'a.txt');
    const b = doc(DIACRITISED, 'b.txt');
    const v = JSON.parse(print('json', [[a, TEXT], [b, DIACRITISED]]));
    expect(v).toEqual({ schema: 1, documents: [a, b] });
  });

  it('jsonl parses back, one document per line', () => {
    const a = doc(TEXT, 'a.txt');
    const b = doc(DIACRITISED, 'b.txt');
    const lines = print('jsonl', [[a, TEXT], [b, DIACRITISED]]).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([a, b]);
  });

  it('tsv: header row, then one row per entity mention with the Arabic as written', () => {
    const d = doc(TEXT);
    const rows = print('tsv', [[d, TEXT]]).split('\n');
    expect(rows[0]).toBe('file\ttype\ttext\tcanonical\tid\tstart\tend\tline\tcolumn');
    expect(rows[0].split('\t')).toEqual([...ENTITY_COLUMNS]);
    expect(rows.at(-1)).toBe('');
    expect(rows).toHaveLength(d.entities.length + 2);
    const lavrov = d.entities.find((e) => e.id === 'sergey-lavrov')!;
    const row = rows.find((r) => r.includes('sergey-lavrov'))!.split('\t');
    expect(row).toEqual(['doc.txt', 'PER', 'سيرجي لافروف', lavrov.canonical, 'sergey-lavrov', `${lavrov.start}`, `${lavrov.end}`, '1', `${lavrov.column}`]);
    expect(cpSlice(TEXT, Number(row[5]), Number(row[6]))).toBe('سيرجي لافروف');
  });

  it('csv: the same columns, CRLF records, RFC 4180 quoting', () => {
    const d = doc(TEXT, 'news, Moscow "final".txt');
    const out = print('csv', [[d, TEXT]]);
    const records = out.split('\r\n');
    expect(records[0]).toBe(ENTITY_COLUMNS.join(','));
    expect(records.at(-1)).toBe('');
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const russia = d.entities.find((e) => e.id === 'russia')!;
    expect(records).toContain(`"news, Moscow ""final"".txt",LOC,روسيا,روسيا,russia,${russia.start},${russia.end},3,${russia.column}`);
  });

  describe('tsv escaping', () => {
    table(
      [
        ['plain Arabic', 'وزارة الخارجية', 'وزارة الخارجية'],
        ['tab', 'a\tb', 'a\\tb'],
        ['newline', 'a\nb', 'a\\nb'],
        ['carriage return', 'a\r\nb', 'a\\r\\nb'],
        ['backslash first, so escapes stay unambiguous', 'a\\tb', 'a\\\\tb'],
      ],
      (_name, input, expected) => expect(tsvField(input)).toBe(expected),
    );
  });

  describe('csv quoting (RFC 4180)', () => {
    table(
      [
        ['plain Arabic with the Arabic comma', 'بكين، موسكو', 'بكين، موسكو'],
        ['comma', 'a,b', '"a,b"'],
        ['double quote', 'say "hi"', '"say ""hi"""'],
        ['newline', 'a\nb', '"a\nb"'],
        ['carriage return', 'a\rb', '"a\rb"'],
      ],
      (_name, input, expected) => expect(csvField(input)).toBe(expected),
    );
  });

  describe('conll', () => {
    const d = doc(TEXT);
    const sentences = conllSentences(TEXT, d.entities);
    const flat = sentences.flat();
    const tagOf = (token: string): string => flat.find((t) => t.text === token)!.tag;

    it('tags a multi-word name B-… I-…', () => {
      const i = flat.findIndex((t) => t.text === 'سيرجي');
      expect(flat.slice(i - 1, i + 3).map((t) => `${t.text} ${t.tag}`)).toEqual(['الروسي O', 'سيرجي B-PER', 'لافروف I-PER', 'ونظيره O']);
    });

    it('tags a token with a proclitic (وروسيا) as the entity, and two adjacent names as two entities', () => {
      expect(tagOf('الصين')).toBe('B-LOC');
      expect(tagOf('وروسيا')).toBe('B-LOC');
      expect(tagOf('وكانت')).toBe('O');
    });

    it('splits punctuation off and keeps every token as written', () => {
      expect(flat.map((t) => t.text)).toEqual(expect.arrayContaining(['بيان', '،', '“', 'لا', 'لها', '”', '2022', '.']));
      for (const t of flat) expect(cpSlice(TEXT, t.start, t.end)).toBe(t.text);
    });

    it('ends sentences at a full stop and at paragraph breaks', () => {
      expect(sentences).toHaveLength(2);
      expect(sentences[0].at(-1)!.text).toBe('.');
      expect(sentences[1][0].text).toBe('وكانت');
    });

    it('writes TOKEN<TAB>TAG lines, a blank line after each sentence, and # file: before each document', () => {
      const out = print('conll', [[d, TEXT], [doc('زار لافروف بكين', 'b.txt'), 'زار لافروف بكين']]);
      expect(out).toBe(
        '# file: doc.txt\n' +
          sentences.map((s) => s.map((t) => `${t.text}\t${t.tag}\n`).join('') + '\n').join('') +
          '# file: b.txt\nزار\tO\nلافروف\tB-PER\nبكين\tB-LOC\n\n',
      );
    });

    it('a document read in pieces cut between tokens (as a large file is) has the sentences and tags it has whole', () => {
      // Every fixture as one document: sentences that end in quotation marks, paragraphs, names split by line breaks.
      const text = fixtureTexts().join('\n\n');
      const { entities } = kashf().extract(text);
      const whole = conllSentences(text, entities);
      const bytes = Buffer.from(text);
      // After a space or a line break, and never inside a name: the search, seeing one chunk at a time, finds none across a cut.
      const inName = new Uint8Array([...text].length);
      for (const e of entities) inName.fill(1, e.start + 1, e.end);
      const cuts: number[] = [];
      for (let i = 0, cp = 0; i < bytes.length; i++) {
        if ((bytes[i] & 0xc0) !== 0x80) cp++; // a character starts at byte i: cp is now where the one after it starts
        if ((bytes[i] === 0x20 || bytes[i] === 0x0a) && inName[cp] === 0) cuts.push(i + 1);
      }
      fc.assert(
        fc.property(fc.subarray(cuts, { maxLength: 40 }), (chosen) => {
          const pieces = new ConllSentences();
          const out = [];
          let from = 0;
          let cp = 0;
          for (const to of [...chosen, bytes.length]) {
            const piece = bytes.subarray(from, to);
            const cps = [...piece.toString('utf8')].length;
            // As the chunked search hands them on: the piece's entities, their offsets from the document's start.
            out.push(...pieces.push(piece, entities.filter((e) => e.start >= cp && e.start < cp + cps)));
            cp += cps;
            from = to;
          }
          out.push(...pieces.end());
          expect(out).toEqual(whole);
        }),
        { numRuns: 100 },
      );
    });
  });

  it('json, jsonl, tsv, csv and conll carry logical text: no presentation forms, no bidi controls', () => {
    const docs: [DocumentResult, string][] = [
      [doc(TEXT), TEXT],
      [doc(DIACRITISED, 'b.txt', 20), DIACRITISED],
    ];
    for (const f of ['json', 'jsonl', 'tsv', 'csv', 'conll'] as const) {
      const out = print(f, docs, 'app');
      expect(out, f).toContain('لافروف');
      expect(out, f).not.toMatch(PRESENTATION_FORMS);
      expect(out, f).not.toMatch(BIDI_CONTROLS);
      expect(out, f).not.toMatch(ANSI);
    }
  });
});

describe('table', () => {
  const MODES: BidiMode[] = ['app', 'terminal'];

  for (const mode of MODES) {
    for (const context of [0, 30]) {
      it(`--bidi ${mode}${context ? ' --context 30' : ''}: every line of long diacritised quotes fits 80 columns`, () => {
        const d = doc(DIACRITISED, 'fixtures/long-diacritised-quotes.txt', context);
        expect(d.quotes.length).toBe(2);
        const out = print('table', [[d, DIACRITISED]], mode, 80, new Chalk({ level: 1 }));
        const lines = out.split('\n');
        for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
        // The quotations really were too long and were cut.
        expect(lines.filter((l) => l.includes('…')).length).toBeGreaterThanOrEqual(2);
      });
    }
  }

  it('fits narrower terminals too', () => {
    for (const width of [40, 60, 100]) {
      for (const mode of MODES) {
        const out = print('table', [[doc(DIACRITISED, 'x.txt', 10), DIACRITISED]], mode, width);
        for (const line of out.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('app mode shapes (presentation forms) and drops diacritics; no isolates', () => {
    const out = print('table', [[doc(DIACRITISED), DIACRITISED]], 'app');
    expect(out).toMatch(PRESENTATION_FORMS);
    expect(out).not.toMatch(DIACRITICS);
    expect(out).not.toContain(FSI);
  });

  it('terminal mode keeps logical text and wraps each Arabic cell in FSI…PDI', () => {
    const d = doc(TEXT);
    const out = print('table', [[d, TEXT]], 'terminal');
    expect(out).not.toMatch(PRESENTATION_FORMS);
    expect(out).toContain(`${FSI}سيرجي لافروف${PDI}`);
    // Every run of Arabic is inside an isolate, and isolates are balanced on every line.
    for (const line of out.split('\n')) {
      expect(line.split(FSI).length, line).toBe(line.split(PDI).length);
      const outside = line.replace(/\u2068[^\u2069]*\u2069/g, '');
      expect(outside, line).not.toMatch(/[\u0600-\u06FF]/);
    }
    const diacritised = print('table', [[doc(DIACRITISED), DIACRITISED]], 'terminal', 200);
    expect(diacritised).toMatch(DIACRITICS);
  });

  it('off mode prints the logical text unchanged', () => {
    const out = print('table', [[doc(TEXT), TEXT]], 'off', 200);
    expect(out).toContain('سيرجي لافروف');
    expect(out).not.toMatch(PRESENTATION_FORMS);
    expect(out).not.toMatch(BIDI_CONTROLS);
  });

  it('shows the context around each mention: dimmed with colour, the mention in [brackets] without', () => {
    const d = doc(TEXT, 'doc.txt', 12);
    const lavrov = d.entities.find((e) => e.id === 'sergey-lavrov')!;
    expect(lavrov.context).toBeDefined();
    const plain = print('table', [[d, TEXT]], 'off', 200);
    expect(plain).toContain('TEXT IN CONTEXT');
    expect(plain).toContain(`${lavrov.context!.before}[سيرجي لافروف]${lavrov.context!.after}`.replace(/\s+/g, ' '));
    const coloured = print('table', [[d, TEXT]], 'off', 200, new Chalk({ level: 1 }));
    expect(coloured).toContain(`\x1b[2m${lavrov.context!.before}\x1b[22m`);
    expect(coloured).not.toContain('[سيرجي لافروف]');
  });

  it('cuts context before the mention when the column is narrow', () => {
    const d = doc(TEXT, 'doc.txt', 40);
    for (const mode of ['off', 'app', 'terminal'] as const) {
      const out = print('table', [[d, TEXT]], mode, 70);
      for (const line of out.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(70);
      const row = out.split('\n').find((l) => l.includes('sergey-lavrov'))!;
      expect(row, mode).toContain(displayText('[سيرجي لافروف]', mode === 'terminal' ? 'off' : mode));
    }
  });

  describe('colour', () => {
    const env = (vars: Record<string, string>, tty = true): Environment => ({ env: vars, stdoutIsTTY: tty, columns: 80 });
    table(
      [
        ['NO_COLOR on a terminal', 'auto', env({ NO_COLOR: '1' }), 0],
        ['--color never even with FORCE_COLOR', 'never', env({ FORCE_COLOR: '1' }), 0],
        ['FORCE_COLOR=0', 'auto', env({ FORCE_COLOR: '0' }), 0],
        ['a pipe', 'auto', env({}, false), 0],
        ['TERM=dumb', 'auto', env({ TERM: 'dumb' }), 0],
        ['a terminal', 'auto', env({ TERM: 'xterm-256color' }), 1],
        ['--color always in a pipe', 'always', env({}, false), 1],
        ['FORCE_COLOR beats NO_COLOR', 'auto', env({ NO_COLOR: '1', FORCE_COLOR: '1' }), 1],
      ] as const,
      (_name, setting, e, level) => expect(resolveColorLevel(setting, e)).toBe(level),
    );

    it('level 0 (NO_COLOR, --color never) writes no escape sequences in any mode; level 1 does', () => {
      const d = doc(TEXT, 'doc.txt', 10);
      for (const mode of ['app', 'terminal', 'off'] as const) {
        const none = new Chalk({ level: resolveColorLevel('never', env({})) });
        expect(print('table', [[d, TEXT]], mode, 80, none)).not.toMatch(ANSI);
        expect(print('table', [[d, TEXT]], mode, 80, new Chalk({ level: 1 }))).toMatch(ANSI);
      }
    });
  });

  describe('displayParts', () => {
    // Styling parts must not change what is laid out: without the escapes, the
    // result is the whole text's layout, including lam-alef ligatures that
    // join across a part boundary.
    const dim = (s: string) => `<${s}>`;
    table<[string, string[]]>(
      [
        ['mention inside context', ['قال الوزير ', 'سيرجي لافروف', ' إن الأمم']],
        ['lam at the end of one part, alef at the start of the next', ['ل', 'ا حدود لها', '']],
        ['diacritics dropped in every part', ['قالَ ', 'لافروفُ', ' إنَّ']],
        ['Latin and digits inside Arabic', ['في فبراير ', '2022', ' (G20)']],
      ],
      (_name, parts) => {
        for (const mode of ['app', 'terminal', 'off'] as const) {
          const styled = displayParts(
            parts.map((text, i) => ({ text, style: i === 1 ? undefined : dim })),
            mode,
          );
          expect(styled.replace(/[<>]/g, ''), mode).toBe(displayText(parts.join(''), mode));
          // …and the styled parts really were painted.
          const painted = parts.filter((p, i) => i !== 1 && p !== '').length;
          expect(styled.split('<').length - 1, mode).toBeGreaterThanOrEqual(painted);
        }
      },
    );
  });
});

describe('--stats', () => {
  const a = doc(TEXT, 'a.txt');
  const b = doc(DIACRITISED, 'b.txt');

  it('counts documents, mentions per type, quotations per kind, and ranks entities', () => {
    const s = new StatsCollector();
    s.add(a);
    s.add(b);
    const r = s.result();
    expect(r.documents).toBe(2);
    const all = [...a.entities, ...b.entities];
    expect(r.entities).toEqual({
      PER: all.filter((e) => e.type === 'PER').length,
      ORG: all.filter((e) => e.type === 'ORG').length,
      LOC: all.filter((e) => e.type === 'LOC').length,
    });
    const quotes = [...a.quotes, ...b.quotes];
    expect(r.quotes).toEqual({ direct: quotes.filter((q) => q.kind === 'direct').length, indirect: quotes.filter((q) => q.kind === 'indirect').length });
    // Beijing and Lavrov are each named once in each document: a tie, broken by canonical name (بكين before سيرغي).
    expect(r.top.slice(0, 2)).toEqual([
      { id: 'beijing', canonical: 'بكين', type: 'LOC', count: 2 },
      { id: 'sergey-lavrov', canonical: 'سيرغي لافروف', type: 'PER', count: 2 },
    ]);
    for (const e of r.top) expect(e.count).toBe(all.filter((x) => x.id === e.id).length);
    for (let i = 1; i < r.top.length; i++) {
      const [p, q] = [r.top[i - 1], r.top[i]];
      expect(p.count > q.count || (p.count === q.count && p.canonical <= q.canonical), `${p.canonical} before ${q.canonical}`).toBe(true);
    }
    expect(r.top.reduce((n, e) => n + e.count, 0)).toBe(all.length);
  });

  it('keeps the top 20, ties broken by canonical name', () => {
    const entity = (id: string, canonical: string) => ({ text: canonical, type: 'LOC' as const, id, canonical, start: 0, end: 1, line: 1, column: 1, source: 'gazetteer' as const });
    const s = new StatsCollector();
    const names = Array.from({ length: 25 }, (_, i) => `ب${String.fromCharCode(0x0628 + (24 - i))}`);
    s.add({ file: 'x', entities: names.map((n, i) => entity(`e${i}`, n)), quotes: [] });
    const top = s.result().top;
    expect(top).toHaveLength(20);
    expect(top.map((e) => e.canonical)).toEqual([...names].sort().slice(0, 20));
  });

  it('prints JSON with the documented keys, and a table that fits', () => {
    const sink = new StringSink();
    const p = createStatsPrinter('json', sink, { bidi: 'app', chalk: noColour, width: 80 });
    p.begin();
    p.document(a, TEXT);
    p.document(b, DIACRITISED);
    p.end();
    const v = JSON.parse(sink.toString());
    expect(Object.keys(v)).toEqual(['documents', 'entities', 'quotes', 'top']);
    expect(Object.keys(v.top[0])).toEqual(['id', 'canonical', 'type', 'count']);
    expect(sink.toString()).not.toMatch(PRESENTATION_FORMS);

    const t = new StringSink();
    const tp = createStatsPrinter('table', t, { bidi: 'app', chalk: noColour, width: 80 });
    tp.document(a, TEXT);
    tp.end();
    expect(t.toString()).toMatch(/^1 document\n/);
    for (const line of t.toString().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(() => createStatsPrinter('tsv', new StringSink(), { bidi: 'app', chalk: noColour, width: 80 })).toThrow(/--stats.*"tsv"/);
  });
});

describe('progress (src/cli/progress.ts)', () => {
  table(
    [
      ['several files on a terminal', 3, true, {}, true],
      ['one file', 1, true, {}, false],
      ['a pipe or redirect', 3, false, {}, false],
      ['CI', 3, true, { CI: 'true' }, false],
      ['CI=1', 3, true, { CI: '1' }, false],
      ['CI=false is not CI', 3, true, { CI: 'false' }, true],
      ['TERM=dumb', 3, true, { TERM: 'dumb' }, false],
    ] as const,
    (_name, files, stderrIsTTY, env, show) => expect(shouldShowProgress({ files, stderrIsTTY, env })).toBe(show),
  );

  it('draws N/M files with a bar, clears itself, and draws nothing when disabled', () => {
    const written: string[] = [];
    const p = new Progress(4, { write: (s: string) => written.push(s), columns: 80 });
    p.tick();
    expect(written.at(-1)).toBe('\r\x1b[2K[#####---------------] 1/4 files');
    p.clear();
    expect(written.at(-1)).toBe('\r\x1b[2K');
    p.clear();
    expect(written).toHaveLength(2);
    p.tick();
    p.tick();
    p.tick();
    expect(written.at(-1)).toContain('[####################] 4/4 files');
    p.end();
    expect(written.at(-1)).toBe('\r\x1b[2K');

    const off = new Progress(4, null);
    off.tick();
    off.end();
    expect(off.enabled).toBe(false);
  });
});

describe('TablePrinter', () => {
  it('is the table format', () => {
    expect(createPrinter('table', new StringSink(), { bidi: 'off', chalk: noColour, width: 80 })).toBeInstanceOf(TablePrinter);
  });
});

describe('JSON written as bytes (jsonl)', () => {
  const bytesOf = (v: unknown): Buffer => {
    const w = new JsonBytes(8); // small, so growing is exercised too
    w.value(v);
    return Buffer.from(w.view());
  };
  const expected = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), 'utf8');

  table<[string, unknown]>(
    [
      ['Arabic with marks and tatweel', 'وَزِيرُ الخارجـــية'],
      ['quotes and backslashes', 'قال: "نعم" \\ لا'],
      ['control characters and line breaks', 'a\u0000b\u0001\u0008\u0009\n\u000b\u000c\r\u001f'],
      ['a lone high and a lone low surrogate', 'x\ud83dy\udc00z'],
      ['an emoji (a surrogate pair)', 'مرحبا 😀'],
      ['bidi controls and U+2028', '\u200f\u2066ع\u2069\u2028'],
      ['the empty string', ''],
      // Past 64 units strings take Buffer's encoder instead of the JS loop.
      ['a long string with a quote mark at its end', 'قال وزير الخارجية الروسي سيرغي لافروف في مؤتمر صحفي مشترك مع نظيره "'],
      ['a long string with a lone surrogate at its end', 'قال وزير الخارجية الروسي سيرغي لافروف في مؤتمر صحفي مشترك مع نظيره \ud800'],
      ['a string of 64 units ending in a line break', 'ع'.repeat(63) + '\n'],
      ['numbers', [0, 9, 10, -1, -0, 1.5, 1e21, 1e-7, 2 ** 53, NaN, Infinity, -Infinity]],
      ['undefined, functions and symbols in arrays', [undefined, () => 1, Symbol('s'), null, true, false]],
      ['undefined fields are left out', { a: undefined, b: 1, c: () => 1, d: { e: undefined } }],
      ['empty containers', { a: [], b: {}, c: [[], [{}]] }],
      ['keys that need escaping, integer keys first', { 'a"b': 1, 'ب': 2, 2: 'x', 1: 'y' }],
      // A key is written a unit at a time until one is not plain ASCII; then it is written as any string.
      ['keys with a backslash, a control character, DEL, a lone surrogate, the empty key, a long key', { 'a\\b': 1, 'c\u0001': 2, 'd\u007f': 3, 'e\ud800': 4, '': 5, ['مفتاح'.repeat(20)]: 6, plain: 7 }],
    ],
    (_, v) => expect(bytesOf(v).equals(expected(v))).toBe(true),
  );

  it('leaves out inherited fields, as JSON.stringify does', () => {
    const o = Object.create({ inherited: 1 }) as Record<string, number>;
    o.own = 2;
    expect(bytesOf(o).toString()).toBe('{"own":2}');
  });

  it('equals JSON.stringify on any JSON value, any string included', () => {
    const anyString = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(fc.jsonValue(), (v) => bytesOf(v).equals(expected(v))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(anyString, fc.oneof(anyString, fc.integer(), fc.double())), (v) => bytesOf(v).equals(expected(v))),
      { numRuns: 300 },
    );
    // Short and long, as records have them.
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 150 })), (v) => bytesOf(v).equals(expected(v))),
      { numRuns: 300 },
    );
  });

  it('the jsonl printer writes what JSON.stringify writes, for real documents with ids, indexes and context', () => {
    const docs: [DocumentResult, string][] = [
      [doc(TEXT, 'a.txt', 5), TEXT],
      [{ file: 'b.jsonl', id: { source: 'وكالة', n: 7 }, document: 3, ...kashf().extract(DIACRITISED) }, DIACRITISED],
    ];
    expect(docs[0][0].quotes.length + docs[1][0].quotes.length).toBeGreaterThan(1);
    const want = docs.map(([d]) => JSON.stringify(d) + '\n').join('');
    expect(print('jsonl', docs)).toBe(want);
  });

  it('the jsonl printer writes what JSON.stringify writes for every fixture, and the fixtures hold every optional field', () => {
    const texts = fixtureTexts();
    // A quotation with no cue at all, and a name with a quote mark and a backslash to escape.
    texts.push('«العلاقات بين البلدين تمر بمرحلة جديدة من التعاون الوثيق».\n\nزار "لافروف" بكين \\ أمس.');
    const docs: [DocumentResult, string][] = texts.flatMap((t, n) => [
      [doc(t, `f${n}.txt`), t],
      [{ file: `f${n}.jsonl`, id: n % 2 === 0 ? `رقم-${n}` : { n, tags: ['أ', null, true] }, document: n, ...kashf().extract(t, { context: 4 }) }, t],
    ]);
    expect(print('jsonl', docs)).toBe(docs.map(([d]) => JSON.stringify(d) + '\n').join(''));
    // What the records hold, so the comparison above covers every field the printer writes.
    const json = docs.map(([d]) => JSON.stringify(d)).join('\n');
    for (const field of ['"context":', '"via":', '"unclosed":true', '"nested":', '"org":', '"canonical":', '"cue":null', '"speaker":null', '"id":{']) expect(json).toContain(field);
  });
});

describe('record text left in the bytes (deferred, as the command line does for jsonl)', () => {
  /** The JSONL printer's output for `text` searched as the command line searches it for that printer. */
  const deferredJsonl = (texts: string[], context = 0): string => {
    const sink = new StringSink();
    const p = new JsonlPrinter(sink);
    texts.forEach((t, n) => {
      const bytes = Buffer.from(t);
      const r = searchFor(kashf(), bytes, { context }, p);
      p.document({ file: `f${n}.txt`, ...r }, bytes);
    });
    return sink.toString();
  };
  const stringified = (texts: string[], context = 0): string => texts.map((t, n) => JSON.stringify({ file: `f${n}.txt`, ...kashf().extract(t, { context }) }) + '\n').join('');

  it('the command line leaves the text in the bytes for the jsonl printer only', () => {
    const bytes = Buffer.from(TEXT);
    const deferred = searchFor(kashf(), bytes, {}, new JsonlPrinter(new StringSink()));
    expect(deferred.entities.length).toBeGreaterThan(3);
    expect(deferred.entities.every((e) => e.text === '')).toBe(true);
    expect(deferred.quotes.every((q) => q.text === '' && (q.speaker === null || q.speaker.text === ''))).toBe(true);
    // Any other printer, or a string, gets the text.
    for (const r of [searchFor(kashf(), bytes, {}, new TsvPrinter(new StringSink())), searchFor(kashf(), TEXT, {}, new JsonlPrinter(new StringSink()))]) {
      expect(r).toEqual(kashf().extract(TEXT));
      expect(r.entities.every((e) => e.text !== '')).toBe(true);
    }
  });

  it('prints byte for byte what JSON.stringify prints of the decoded records, for every fixture', () => {
    const texts = fixtureTexts();
    // Text to escape inside records: a quotation over a line break, quote marks and a backslash in it, a name after a tab.
    texts.push('قال لافروف: «العلاقات بين "البلدين"\nتمر \\ بمرحلة جديدة من التعاون».\n\tزار لافروف بكين.');
    expect(deferredJsonl(texts)).toBe(stringified(texts));
    expect(deferredJsonl(texts, 5)).toBe(stringified(texts, 5));
  });

  it('prints what JSON.stringify prints on any mix of names, quotation marks, controls and escapes', () => {
    const pieces = ['لافروف', 'وانغ يي', 'روسيا', 'الصين', 'قال', 'وأضاف', '«', '»', '"', '\\', '\n', '\t', '\r\n', '\u0001', ' ', ':', '،', 'كشف', 'ـ', 'َ', '😀', '\u2028'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join('')), { minLength: 1, maxLength: 4 }), (texts) => deferredJsonl(texts) === stringified(texts)),
      { numRuns: 200 },
    );
  });

  it('a document that starts with a BOM (a --split part can) is searched as the library searches it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    const r = searchFor(kashf(), bytes, {}, new JsonlPrinter(new StringSink()));
    expect(r).toEqual(kashf().extract(bytes));
    expect(r.entities[0].text).not.toBe('');
  });

  it('a record with deferred text cannot be printed without its bytes', () => {
    const r = searchFor(kashf(), Buffer.from(TEXT), {}, new JsonlPrinter(new StringSink()));
    expect(() => new JsonlPrinter(new StringSink()).document({ file: 'x', ...r }, TEXT)).toThrow(/deferred text/);
    // Nor do deferred spans show anywhere a script could see them.
    expect(Object.keys(r.entities[0])).toEqual(Object.keys(kashf().extract(TEXT).entities[0]));
  });
});

describe('BatchedWriter', () => {
  it('hands on text and bytes in order, in batches, a chunk larger than a batch on its own', () => {
    const batches: Uint8Array[] = [];
    const w = new BatchedWriter((b) => batches.push(b));
    const parts: (string | Uint8Array)[] = [];
    for (let i = 0; i < 3000; i++) parts.push(i % 2 === 0 ? `سطر ${i} «اقتباس»\n` : Buffer.from(`{"n":${i},"نص":"كشف"}\n`));
    parts.push('ع'.repeat(600_000)); // 1.2 MB of UTF-8: more than one batch
    parts.push(Buffer.from('النهاية\n'));
    for (const p of parts) w.write(p);
    w.flush();
    const want = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    expect(Buffer.concat(batches).equals(want)).toBe(true);
    expect(w.written).toBe(want.length);
    expect(batches.length).toBeGreaterThanOrEqual(2);
  });

  it('hands on large bytes as they are when emit is done with them on return (a file), after what it held', () => {
    const batches: Uint8Array[] = [];
    const w = new BatchedWriter((b) => batches.push(Buffer.from(b)), true);
    const large = Buffer.from('«نعم»\n'.repeat(10_000));
    w.write('قال:\n');
    const seen: Uint8Array[] = [];
    const spy = new BatchedWriter((b) => seen.push(b), true);
    spy.write(large);
    expect(seen[0]).toBe(large);
    w.write(large);
    w.write('النهاية\n');
    w.flush();
    expect(Buffer.concat(batches).toString()).toBe(`قال:\n${large.toString()}النهاية\n`);
    expect(batches.map((b) => b.length)).toEqual([Buffer.byteLength('قال:\n'), large.length, Buffer.byteLength('النهاية\n')]);
  });

  it('gives back what it holds as text while nothing has been handed on', () => {
    const batches: Uint8Array[] = [];
    const w = new BatchedWriter((b) => batches.push(b));
    w.write('«نعم»');
    w.write(Buffer.from('، قال'));
    expect(Buffer.from(w.takeHeld()).toString()).toBe('«نعم»، قال');
    w.flush();
    expect(batches).toEqual([]);
  });
});
