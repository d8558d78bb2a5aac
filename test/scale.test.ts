// Many documents: --split, --input jsonl, --jobs (byte-identical to one
// thread), --output (written whole or not at all). Speed is measured by
// `npm run bench`, never here.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank, segmentCut, segments } from '../src/cli/bytes.js';
import { JobRunner, type BatchResult, type Job, type JobEvent } from '../src/cli/jobs.js';
import { OutputSlots } from '../src/cli/slots.js';
import { Cutter } from '../src/cli/stream.js';
import { Kashf } from '../src/index.js';
import { JsonlPrinter } from '../src/print/json.js';
import type { Printer } from '../src/print/index.js';
import type { DocumentResult } from '../src/types.js';
import { BytesSink } from '../src/print/sink.js';
import { DEFAULT_SEARCH } from '../src/search/index.js';
import { ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'kashf.js');
const run = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });

describe('--split', () => {
  const text = 'زار لافروف بكين.\n\nوفي موسكو قال بوتين: «نحن مستعدون».\nسطر ثان عن الصين.\n';
  it('paragraph: one document per paragraph, offsets from the paragraph', () => {
    const docs = run(['--split', 'paragraph', '--format', 'jsonl'], text).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => [d.document, d.entities.map((e: { text: string; start: number }) => [e.text, e.start])])).toEqual([
      [0, [['لافروف', 4], ['بكين', 11]]],
      [1, [['موسكو', 4], ['بوتين', 14], ['الصين', 47]]],
    ]);
  });
  it('line: one document per non-empty line', () => {
    const docs = run(['--split', 'line', '--format', 'jsonl'], text).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => [d.document, d.entities.map((e: { id: string }) => e.id)])).toEqual([
      [0, ['sergey-lavrov', 'beijing']],
      [1, ['moscow', 'vladimir-putin']],
      [2, ['china']],
    ]);
    expect(docs[1].quotes[0]).toMatchObject({ text: 'نحن مستعدون', start: 22, speaker: { id: 'vladimir-putin' } });
  });
});

describe('cutting UTF-8 bytes into lines and paragraphs (src/cli/bytes.ts)', () => {
  // What --split did on decoded text, with the CR LF fix: a lone CR LF is one line break, not a paragraph break.
  const LINE = /\r\n|\n|\r(?!\n)/;
  const NL = '(?:\\r\\n|\\n|\\r(?!\\n))';
  const PARAGRAPH = new RegExp(`${NL}(?:[^\\S\\r\\n]*${NL})+`);
  const decode = (parts: Uint8Array[]) => parts.map((p) => Buffer.from(p).toString('utf8'));
  const alphabet = ['ب', 'a', ' ', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', '\n', '\r', '\r\n', '«', '😀'];
  const texts = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((a) => a.join(''));

  it('line and paragraph cuts equal splitting the decoded text, and blank parts are what trim() empties', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const bytes = Buffer.from(text);
        expect(decode(segments(bytes, 'line'))).toEqual(text.split(LINE));
        expect(decode(segments(bytes, 'paragraph'))).toEqual(text.split(PARAGRAPH));
        expect(isBlank(bytes)).toBe(text.trim() === '');
      }),
      { numRuns: 2000 },
    );
  });

  it('read in pieces of any size and cut where segmentCut says, an input has the lines and paragraphs it has whole', () => {
    const longer = fc.array(fc.constantFrom(...alphabet, 'ب', 'ب', '\n\n', ' \n'), { maxLength: 120 }).map((a) => a.join(''));
    fc.assert(
      fc.property(longer, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), fc.integer({ min: 2, max: 40 }), (text, sizes, chunkBytes) => {
        const bytes = Buffer.from(text);
        // As documents.ts gets an input read whole: its BOM dropped.
        const input = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
        for (const unit of ['line', 'paragraph'] as const) {
          const kept = (b: Uint8Array) => decode(segments(b, unit).filter((p) => !isBlank(p)));
          const cutter = new Cutter((b, from) => segmentCut(b, unit, from), chunkBytes);
          const chunks: Buffer[] = [];
          for (let at = 0, k = 0; at < bytes.length; at += sizes[k++ % sizes.length]) {
            cutter.push(bytes.subarray(at, at + sizes[k % sizes.length]));
            for (let c = cutter.take(); c !== null; c = cutter.take()) chunks.push(c);
          }
          const last = cutter.rest();
          if (last !== null) chunks.push(last);
          expect(chunks.flatMap(kept)).toEqual(kept(input));
          // Every chunk but the last ends after a line feed.
          for (const c of chunks.slice(0, -1)) expect(c.at(-1)).toBe(0x0a);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('a line longer than the cutter may hold is refused; the lines before it were handed on', () => {
    const cutter = new Cutter((b, from) => segmentCut(b, 'line', from), 16, 64);
    cutter.push(Buffer.from('زار لافروف بكين.\n'));
    expect(cutter.take()?.toString()).toBe('زار لافروف بكين.\n');
    cutter.push(Buffer.from('ب'.repeat(40)));
    expect(() => cutter.take()).toThrow(/no place to cut it in/);
  });

  it('a file with CR LF line endings is split into paragraphs at blank lines only', () => {
    const docs = run(['--split', 'paragraph', '--format', 'jsonl'], 'زار لافروف بكين.\r\nثم عاد.\r\n\r\nوفي موسكو قال بوتين.\r\n').stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => [d.document, d.entities.map((e: { id: string }) => e.id)])).toEqual([
      [0, ['sergey-lavrov', 'beijing']],
      [1, ['moscow', 'vladimir-putin']],
    ]);
  });
});

describe('--input jsonl', () => {
  it('one result per record, carrying its id; a bad record is reported and the rest go on', () => {
    const input = ['{"id": "a1", "text": "زار لافروف بكين"}', 'not json', '{"id": 2, "body": "في موسكو"}', '{"id": 3, "text": "في موسكو"}'].join('\n');
    const r = run(['--input', 'jsonl', '--format', 'jsonl'], input);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n').map((l) => { const d = JSON.parse(l); return [d.id, d.document, d.entities.length]; })).toEqual([
      ['a1', 0, 2],
      [3, 1, 1],
    ]);
    expect(r.stderr).toBe('kashf: -:2: not a JSON object\nkashf: -:3: field "text" is missing or not a string\n');
  });
  it('field names are configurable', () => {
    const r = run(['--input', 'jsonl', '--id-field', 'url', '--text-field', 'content', '--format', 'jsonl'], '{"url": "u", "content": "في بكين"}\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'u', entities: [{ id: 'beijing' }] });
  });

  // Offsets count from each record, so a row that did not say which record it is from could not be placed.
  const records = ['{"id": "a\\t1", "text": "زار لافروف بكين"}', '{"text": "في موسكو"}', '{"id": {"n": 7}, "text": "قال وانغ يي: «نعم»."}'].join('\n');
  it('tsv and csv rows end with the document index and the record id (a string as it is, other values as JSON, none when absent)', () => {
    const tsv = run(['--input', 'jsonl', '--format', 'tsv'], records);
    expect(tsv.status).toBe(0);
    expect(tsv.stdout.split('\n').map((l) => l.split('\t').slice(-4))).toEqual([
      ['line', 'column', 'document', 'record'],
      ['1', '5', '0', 'a\\t1'],
      ['1', '12', '0', 'a\\t1'],
      ['1', '4', '1', ''],
      ['1', '5', '2', '{"n":7}'],
      [''],
    ]);
    const csv = run(['--input', 'jsonl', '--format', 'csv'], records).stdout.split('\r\n');
    expect(csv[0]).toBe('file,type,text,canonical,id,start,end,line,column,document,record');
    expect(csv[4]).toBe('-,PER,وانغ يي,وانغ يي,wang-yi,4,11,1,5,2,"{""n"":7}"');
  });
  it('conll opens each record with its index and id, and the table heads it with them', () => {
    const conll = run(['--input', 'jsonl', '--format', 'conll'], records).stdout;
    expect(conll.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# file: -', '# document: 0', '# record: a\t1',
      '# file: -', '# document: 1',
      '# file: -', '# document: 2', '# record: {"n":7}',
    ]);
    const table = run(['--input', 'jsonl', '--format', 'table', '--bidi', 'off'], records).stdout;
    expect(table).toContain('- document 2 record {"n":7}\n');
  });
  it('with --split, tsv rows end with the document index only; a whole file has neither column', () => {
    const split = run(['--split', 'line', '--format', 'tsv'], 'زار لافروف بكين.\nفي موسكو.\n').stdout.split('\n');
    expect(split[0].split('\t').slice(-2)).toEqual(['column', 'document']);
    expect(split.slice(1, -1).map((l) => l.split('\t').at(-1))).toEqual(['0', '0', '1']);
    const whole = run(['--format', 'tsv'], 'زار لافروف بكين.\nفي موسكو.\n').stdout.split('\n');
    expect(whole[0]).toBe('file\ttype\ttext\tcanonical\tid\tstart\tend\tline\tcolumn');
  });
});

describe('a batch of --jobs work (JobRunner.runAll)', () => {
  const kashf = Kashf.create();
  const source = { split: 'none', input: 'text', idField: 'id', textField: 'text', streamAbove: 1 << 30, chunkBytes: 1 << 21 } as const;
  const dir = tempDir('kashf-batch-');
  writeFileSync(join(dir, 'bad.txt'), Buffer.from([0x66, 0xff]));
  const doc = (file: string, text: string): Job => ({ doc: { file, text: Buffer.from(text) } });
  const batch: Job[] = [
    doc('a', 'زار لافروف بكين.'),
    { file: 'bad.txt', path: join(dir, 'bad.txt'), bytes: 2 },
    doc('b', 'قال بوتين: «نحن مستعدون».'),
    doc('c', 'وصل وانغ يي إلى موسكو.'),
  ];
  const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');
  /** The JSONL printer, failing half-way through the document of file `fail`, after writing part of it. */
  const failing = (sink: BytesSink, fail: string): Printer => {
    const jsonl = new JsonlPrinter(sink);
    return {
      begin: () => jsonl.begin(),
      end: () => jsonl.end(),
      textFromBytes: true,
      document(d: DocumentResult, text: string | Uint8Array) {
        if (d.file !== fail) return jsonl.document(d, text);
        sink.write('{"file":"');
        throw new Error(`cannot print ${fail}`);
      },
    };
  };

  /** The text of a printed event of `r`. */
  const text = (r: BatchResult, ev: JobEvent) => utf8(r.printed!.subarray(...(ev as { printed: [number, number] }).printed));
  const kinds = (r: BatchResult) => r.events.map((e) => Object.keys(e)[0]);
  const jsonl = (slots: OutputSlots | null = null) => {
    const sink = new BytesSink();
    return new JobRunner(kashf, DEFAULT_SEARCH, source, new JsonlPrinter(sink), sink, slots);
  };

  it('prints the batch into one buffer, in stretches cut where a problem falls between documents', () => {
    const r = jsonl().runAll(batch);
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual(['printed', 'problem', 'printed']);
    const [first, problem, rest] = r.events;
    expect(JSON.parse(text(r, first)).entities.map((e: { id: string }) => e.id)).toEqual(['sergey-lavrov', 'beijing']);
    expect((problem as { problem: unknown }).problem).toEqual({ name: 'bad.txt', message: 'not valid UTF-8 (first bad byte at offset 1)' });
    expect(text(r, rest).trimEnd().split('\n').map((l) => JSON.parse(l).file)).toEqual(['b', 'c']);
    // The stretches are the whole of what was printed.
    expect(text(r, first) + text(r, rest)).toBe(utf8(r.printed!));
    // Without slots, a copy of the sink's own buffer, with nothing to free.
    expect(r.slot).toBeUndefined();
    expect(r.written).toBeUndefined();
  });

  it('a job that throws ends the batch: the jobs before it are kept, nothing of it is printed', () => {
    const sink = new BytesSink();
    const r = new JobRunner(kashf, DEFAULT_SEARCH, source, failing(sink, 'c'), sink).runAll(batch);
    expect(r.error).toBe('cannot print c');
    // What was thrown, for the thread that ran the batch to throw again.
    expect(r.thrown).toBeInstanceOf(Error);
    expect(kinds(r)).toEqual(['printed', 'problem', 'printed']);
    expect(text(r, r.events[2])).toMatch(/^\{"file":"b"[^\n]*\n$/);
    // The sink is empty for the next batch.
    expect(sink.size).toBe(0);
  });

  it('with slots, a batch prints into a free slot, taken until its output is written', () => {
    const want = utf8(jsonl().runAll(batch).printed!);
    const slots = OutputSlots.create(2, 1 << 16, false);
    const runner = jsonl(slots);
    const [a, b, c] = [runner.runAll(batch), runner.runAll(batch), runner.runAll(batch)];
    expect([a.slot, b.slot, c.slot]).toEqual([0, 1, undefined]);
    // a and b are views of the slots' memory; c, finding none free, is a copy of the sink's own.
    expect(a.printed!.buffer).toBe(slots.memory.bytes);
    expect(b.printed!.byteOffset).toBe(slots.size);
    expect(c.printed!.buffer).not.toBe(slots.memory.bytes);
    for (const r of [a, b, c]) expect(utf8(r.printed!)).toBe(want);
    a.written!();
    expect(runner.runAll(batch).slot).toBe(0);
  });

  it('a batch that outgrows its slot is printed whole in the sink\'s own buffer, and the slot is free again', () => {
    const want = utf8(jsonl().runAll(batch).printed!);
    const slots = OutputSlots.create(1, 256, false);
    const r = jsonl(slots).runAll(batch);
    expect(want.length).toBeGreaterThan(256);
    expect(r.slot).toBeUndefined();
    expect(utf8(r.printed!)).toBe(want);
    expect(slots.take()).toBe(0);
  });

  it('a worker\'s slots are shared memory, seen by the main thread as they are written', () => {
    const slots = OutputSlots.create(2, 1024, true);
    expect(slots.memory.bytes).toBeInstanceOf(SharedArrayBuffer);
    // What a worker gets in its setup: the same memory under another object.
    const theirs = new OutputSlots(slots.memory);
    const i = theirs.take();
    theirs.view(i).write('«نعم»');
    expect(slots.view(i, Buffer.byteLength('«نعم»')).toString()).toBe('«نعم»');
    expect(slots.take()).toBe(1 - i);
    expect(theirs.take()).toBe(-1);
    slots.free(i);
    expect(theirs.take()).toBe(i);
  });

  it('a batch of files not sized beforehand stops at one too large to read whole, or once it has read its limit', () => {
    for (const [name, text] of [['a.txt', 'زار لافروف بكين.'], ['b.txt', 'قال بوتين: «نحن مستعدون».'.repeat(20)], ['c.txt', 'وصل وانغ يي إلى موسكو.']]) writeFileSync(join(dir, name), text);
    const unsized = (name: string): Job => ({ file: name, path: join(dir, name), bytes: 10, sized: false });
    const files = [unsized('a.txt'), unsized('b.txt'), unsized('c.txt')];
    const runner = (streamAbove: number) => {
      const sink = new BytesSink();
      return new JobRunner(kashf, DEFAULT_SEARCH, { ...source, streamAbove }, new JsonlPrinter(sink), sink);
    };
    // b.txt is over 100 bytes: a stream, left with what follows it.
    const stopped = runner(100).runAll(files);
    expect(stopped.rest).toBe(1);
    expect(utf8(stopped.printed!).trimEnd().split('\n').map((l) => JSON.parse(l).file)).toEqual(['a.txt']);
    expect(stopped.read).toBe(Buffer.byteLength('زار لافروف بكين.'));
    // A limit of 1 byte: the first job always runs, then the batch stops.
    expect(runner(1 << 30).runAll(files, 1).rest).toBe(1);
    // Within the limit, all run; a file sized beforehand is read whole whatever its size.
    const all = runner(100).runAll([unsized('a.txt'), { file: 'b.txt', path: join(dir, 'b.txt'), bytes: 600 }, unsized('c.txt')], 1 << 20);
    expect(all.rest).toBeUndefined();
    expect(utf8(all.printed!).trimEnd().split('\n').map((l) => JSON.parse(l).file)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('records come back instead of printed bytes for the formats the main thread prints', () => {
    const { events } = new JobRunner(kashf, DEFAULT_SEARCH, source, null, null).runAll(batch);
    expect(events.map((e) => ('doc' in e ? e.doc.file : Object.keys(e)[0]))).toEqual(['a', 'problem', 'b', 'c']);
    const c = events[3] as { result: { entities: { id: string }[] } };
    expect(c.result.entities.map((e) => e.id)).toEqual(['wang-yi', 'moscow']);
  });
});

describe('--jobs', () => {
  const dir = tempDir('kashf-jobs-');
  const seed = readFileSync(join(ROOT, 'fixtures', 'lavrov-wang-yi.txt'), 'utf8');
  const evals = readdirSync(join(ROOT, 'fixtures', 'eval')).filter((f) => /^[a-z-]+\.txt$/.test(f)).map((f) => readFileSync(join(ROOT, 'fixtures', 'eval', f), 'utf8'));
  // Enough input (over 2 MB) that the worker threads are really used.
  for (let i = 0; i < 40; i++) writeFileSync(join(dir, `a${String(i).padStart(2, '0')}.txt`), [seed, ...evals].join('\n\n').repeat(6));
  for (const format of ['jsonl', 'json', 'tsv', 'conll']) {
    it(`output is byte-identical with --jobs 1 and --jobs 2 (${format})`, () => {
      const one = run([dir, '--format', format, '--jobs', '1']);
      const two = run([dir, '--format', format, '--jobs', '2']);
      expect(one.status).toBe(0);
      expect(two.stdout.length).toBeGreaterThan(1_000_000);
      expect(two.stdout === one.stdout).toBe(true);
    });
  }

  it('stdout a regular file (written to directly): the same bytes as through a pipe, with --jobs 1 and 2', () => {
    const piped = run([dir, '--format', 'jsonl', '--jobs', '1']).stdout;
    const out = tempDir('kashf-jobs-out-');
    for (const jobs of ['1', '2']) {
      const path = join(out, `jobs-${jobs}.jsonl`);
      const fd = openSync(path, 'w');
      const r = spawnSync(process.execPath, [BIN, dir, '--format', 'jsonl', '--jobs', jobs], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'] });
      closeSync(fd);
      expect(r.status).toBe(0);
      expect(readFileSync(path, 'utf8') === piped).toBe(true);
    }
  });

  it('a file that cannot be read is reported in its place, the others still printed in order (files read by the workers)', () => {
    const mixed = tempDir('kashf-jobs-bad-');
    // Over 2 MB, so that the workers are used; the small files around a09b.txt
    // go in one batch with it, so its problem falls between two documents of
    // the batch's printed output.
    for (let i = 0; i < 16; i++) writeFileSync(join(mixed, `a${String(i).padStart(2, '0')}.txt`), [seed, ...evals].join('\n\n').repeat(6));
    writeFileSync(join(mixed, 'a05.txt'), Buffer.from([0x66, 0xff, 0xfe, 0x20, 0xd9]));
    writeFileSync(join(mixed, 'a09a.txt'), seed);
    writeFileSync(join(mixed, 'a09b.txt'), Buffer.from([0x66, 0x00, 0x67]));
    writeFileSync(join(mixed, 'a09c.txt'), evals[0]);
    const one = run([mixed, '--format', 'jsonl', '--jobs', '1']);
    const two = run([mixed, '--format', 'jsonl', '--jobs', '2']);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stderr).toMatch(/a05\.txt: not valid UTF-8[^]*a09b\.txt: binary file/);
    expect(two.stdout === one.stdout).toBe(true);
    expect(two.stdout.trim().split('\n').map((l) => JSON.parse(l).file.replace(/.*\//, ''))).toEqual([
      ...['a00', 'a01', 'a02', 'a03', 'a04', 'a06', 'a07', 'a08', 'a09', 'a09a', 'a09c'],
      ...['a10', 'a11', 'a12', 'a13', 'a14', 'a15'],
    ].map((f) => `${f}.txt`));
  });

  it('one large --split line file is spread document by document, byte-identical', () => {
    const one = tempDir('kashf-jobs-split-');
    const lines = [seed, ...evals].join('\n\n').split('\n').filter((l) => l.trim() !== '');
    // Over 8 MiB, so the main thread reads it and sends its lines out one by one.
    const body = Array.from({ length: 400 }, () => lines.join('\n')).join('\n') + '\n';
    expect(Buffer.byteLength(body)).toBeGreaterThan(8 * 1024 * 1024);
    writeFileSync(join(one, 'big.txt'), body);
    const a = run([join(one, 'big.txt'), '--split', 'line', '--format', 'jsonl', '--jobs', '1']);
    const b = run([join(one, 'big.txt'), '--split', 'line', '--format', 'jsonl', '--jobs', '2']);
    expect(a.status).toBe(0);
    expect(b.stdout === a.stdout).toBe(true);
    const last = JSON.parse(b.stdout.trimEnd().split('\n').at(-1)!);
    expect(last.document).toBe(lines.length * 400 - 1);
    // Read in chunks of whole lines (past --chunk-size) and spread as it is read: the same bytes.
    const chunked = run([join(one, 'big.txt'), '--split', 'line', '--format', 'jsonl', '--jobs', '2', '--chunk-size', '65536']);
    expect(chunked.stdout === a.stdout).toBe(true);
    // A format the main thread prints: the workers send records back.
    const c = run([join(one, 'big.txt'), '--split', 'line', '--format', 'json', '--jobs', '1']);
    const d = run([join(one, 'big.txt'), '--split', 'line', '--format', 'json', '--jobs', '2']);
    expect(c.status).toBe(0);
    expect(d.stdout === c.stdout).toBe(true);
    // TSV rows printed by the workers carry the document column too.
    const e = run([join(one, 'big.txt'), '--split', 'line', '--format', 'tsv', '--jobs', '1']);
    const f = run([join(one, 'big.txt'), '--split', 'line', '--format', 'tsv', '--jobs', '2']);
    expect(e.status).toBe(0);
    expect(f.stdout === e.stdout).toBe(true);
    const rows = f.stdout.trimEnd().split('\n');
    expect(rows[0].endsWith('\tcolumn\tdocument')).toBe(true);
    const lastWithEntities = [...lines.keys()].reverse().find((i) => JSON.parse(b.stdout.split('\n')[i]).entities.length > 0)!;
    expect(Number(rows.at(-1)!.split('\t').at(-1))).toBe((lines.length * 400 - lines.length) + lastWithEntities);
  });

  it('files that print more than an output slot holds (4 MiB) come back whole and in order', () => {
    const big = tempDir('kashf-jobs-big-');
    const article = [seed, ...evals].join('\n\n');
    for (let i = 0; i < 4; i++) {
      writeFileSync(join(big, `big${i}.txt`), article.repeat(Math.ceil((1.5 * 1024 * 1024) / Buffer.byteLength(article))));
      writeFileSync(join(big, `small${i}.txt`), article);
    }
    const one = run([big, '--format', 'jsonl', '--context', '60', '--jobs', '1']);
    const two = run([big, '--format', 'jsonl', '--context', '60', '--jobs', '2']);
    expect(one.status).toBe(0);
    const lines = one.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).file.replace(/.*\//, ''))).toEqual(['big0.txt', 'big1.txt', 'big2.txt', 'big3.txt', 'small0.txt', 'small1.txt', 'small2.txt', 'small3.txt']);
    // Each large file's record is larger than a slot.
    for (const l of lines.slice(0, 4)) expect(Buffer.byteLength(l)).toBeGreaterThan(4 * 1024 * 1024);
    expect(two.stdout === one.stdout).toBe(true);
  });

  it('files the main thread did not size: large ones are streamed in their place, a batch that reads past its limit is finished by the main thread', () => {
    const mixed = tempDir('kashf-jobs-mixed-');
    const article = [seed, ...evals].join('\n\n');
    /** About `bytes` of the articles, cut after a whole character. */
    const sized = (bytes: number) => Buffer.from(article.repeat(Math.ceil(bytes / Buffer.byteLength(article)))).subarray(0, bytes).toString('utf8').replace(/\uFFFD$/, '');
    // 110 files of 20 kB: enough (2 MB) to start the pool, and a sample that makes the rest look small.
    for (let i = 0; i < 110; i++) writeFileSync(join(mixed, `a${String(i).padStart(3, '0')}.txt`), sized(20_000));
    // Files ten times as large: a batch of four reads past its limit (4 × 64 kB) after two.
    for (let i = 0; i < 6; i++) writeFileSync(join(mixed, `b${i}.txt`), sized(200_000));
    // Two over --chunk-size, to be streamed, with small ones between and after.
    writeFileSync(join(mixed, 'c0.txt'), sized(600_000));
    writeFileSync(join(mixed, 'c1.txt'), article);
    writeFileSync(join(mixed, 'c2.txt'), sized(600_000));
    writeFileSync(join(mixed, 'd.txt'), article);
    const args = [mixed, '--format', 'jsonl', '--chunk-size', String(256 * 1024)];
    const one = run([...args, '--jobs', '1']);
    const two = run([...args, '--jobs', '2']);
    expect(one.status).toBe(0);
    expect(one.stdout.trimEnd().split('\n')).toHaveLength(120);
    expect(two.stdout === one.stdout).toBe(true);
    expect(two.stderr).toBe(one.stderr);
  });

  it('--input jsonl over many files and stdin gives the same records with --jobs 2', () => {
    const many = tempDir('kashf-jobs-jsonl-');
    const records = [seed, ...evals].flatMap((t, k) => t.split('\n\n').map((text, n) => JSON.stringify({ id: `${k}-${n}`, text })));
    for (let i = 0; i < 30; i++) writeFileSync(join(many, `r${String(i).padStart(2, '0')}.txt`), (records.join('\n') + '\n').repeat(2));
    const a = run([many, '--input', 'jsonl', '--format', 'tsv', '--jobs', '1']);
    const b = run([many, '--input', 'jsonl', '--format', 'tsv', '--jobs', '2']);
    expect(a.status).toBe(0);
    expect(b.stdout === a.stdout).toBe(true);
    const stdin = records.join('\n') + '\n';
    const c = run(['-', '--input', 'jsonl', '--format', 'jsonl', '--jobs', '2'], stdin.repeat(200));
    const d = run(['-', '--input', 'jsonl', '--format', 'jsonl', '--jobs', '1'], stdin.repeat(200));
    expect(c.status).toBe(0);
    expect(c.stdout === d.stdout).toBe(true);
  });
});

describe('kashf as the map step of a distributing engine (README: Many documents)', () => {
  const hasParallel = spawnSync('parallel', ['--version'], { stdio: 'ignore' }).status === 0;
  // The README's GNU parallel line, on this machine's cores (Debian package `parallel`).
  it.skipIf(!hasParallel)('GNU parallel --pipe --keep-order gives the records kashf gives alone, in input order', () => {
    const seed = readFileSync(join(ROOT, 'fixtures', 'lavrov-wang-yi.txt'), 'utf8');
    const records = seed.split('\n\n').map((text, n) => JSON.stringify({ id: `seed-${n}`, text }));
    const input = Array.from({ length: 20 }, (_, r) => records.map((l) => l.replace('"id":"seed-', `"id":"${r}-`)).join('\n')).join('\n') + '\n';
    const alone = run(['-', '--input', 'jsonl', '--format', 'jsonl', '--jobs', '1'], input);
    const cmd = [process.execPath, BIN, '--input', 'jsonl', '--format', 'jsonl', '--jobs', '1'];
    const piped = spawnSync('parallel', ['--will-cite', '--pipe', '--block', '8k', '--keep-order', ...cmd], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(alone.status).toBe(0);
    expect(piped.status).toBe(0);
    const parse = (out: string) => out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; document: number; entities: unknown[] });
    const a = parse(alone.stdout);
    const b = parse(piped.stdout);
    expect(a.filter((r) => r.entities.length > 0).length).toBeGreaterThan(40);
    expect(a.map((r) => r.id)).toEqual(input.trimEnd().split('\n').map((l) => JSON.parse(l).id));
    // Several kashf processes ran: `document` counts within each one's block, the id ties a result to its record.
    expect(b.filter((r) => r.document === 0).length).toBeGreaterThan(2);
    const withoutDocument = (rs: { document: number }[]) => rs.map(({ document: _, ...r }) => r);
    expect(withoutDocument(b)).toEqual(withoutDocument(a));
  });
});

describe('--output', () => {
  it('writes the file only when the run finishes', () => {
    const dir = tempDir('kashf-out-');
    const out = join(dir, 'result.jsonl');
    const r = run(['--format', 'jsonl', '--output', out], 'زار لافروف بكين');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).entities).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(['result.jsonl']);
  });
  it('a usage error leaves no file behind', () => {
    const dir = tempDir('kashf-out-');
    mkdirSync(join(dir, 'x'));
    const out = join(dir, 'result.jsonl');
    const r = run(['--format', 'jsonl', '--output', out, '--dict', join(dir, 'missing.tsv')], 'نص');
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--context', () => {
  it('adds N characters of original text either side', () => {
    const doc = JSON.parse(run(['--format', 'jsonl', '--context', '5'], 'وقد زار لافروف بكين أمس').stdout);
    expect(doc.entities[0]).toMatchObject({ text: 'لافروف', context: { before: ' زار ', after: ' بكين' } });
  });
});

describe('large files read in chunks', () => {
  const dir = tempDir('kashf-stream-');
  const seed = readFileSync(join(ROOT, 'fixtures', 'lavrov-wang-yi.txt'), 'utf8');
  const evals = readdirSync(join(ROOT, 'fixtures', 'eval')).filter((f) => /^[a-z-]+\.txt$/.test(f)).map((f) => readFileSync(join(ROOT, 'fixtures', 'eval', f), 'utf8'));
  const quotes = readdirSync(join(ROOT, 'fixtures', 'quotes')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(ROOT, 'fixtures', 'quotes', f), 'utf8'));
  const big = join(dir, 'archive.txt');
  // ~1 MB: every chunk boundary falls between paragraphs of real articles.
  writeFileSync(big, '\uFEFF' + Array.from({ length: 40 }, () => [seed, ...evals, ...quotes].join('\n\n')).join('\n\n'));
  for (const format of ['jsonl', 'json', 'tsv', 'csv', 'conll']) {
    it(`output is byte-identical streamed in 64 KB chunks and read whole (${format})`, () => {
      const whole = run([big, '--format', format]);
      const streamed = run([big, '--format', format, '--chunk-size', '65536']);
      expect(whole.status).toBe(0);
      expect(streamed.status).toBe(0);
      expect(streamed.stdout.length).toBeGreaterThan(100_000);
      expect(streamed.stdout === whole.stdout).toBe(true);
    });
  }
  it('--stats counts a document read in chunks as it counts it read whole', () => {
    const whole = run([big, '--stats', '--format', 'json']);
    const streamed = run([big, '--stats', '--format', 'json', '--chunk-size', '65536']);
    expect(JSON.parse(whole.stdout).quotes.direct).toBeGreaterThan(100);
    expect(streamed.stdout).toBe(whole.stdout);
  });

  it('a document whose quotations outgrow memory spills them to a temporary file and writes them back byte for byte', () => {
    const bigger = join(dir, 'archive-4x.txt');
    writeFileSync(bigger, Array.from({ length: 160 }, () => [seed, ...evals, ...quotes].join('\n\n')).join('\n\n'));
    const whole = run([bigger, '--format', 'jsonl']);
    const streamed = run([bigger, '--format', 'jsonl', '--chunk-size', '65536']);
    // Over a megabyte of quotations: more than the spill holds before it writes to disk.
    expect(JSON.stringify(JSON.parse(whole.stdout).quotes).length).toBeGreaterThan(1 << 20);
    expect(streamed.stdout === whole.stdout).toBe(true);
  });

  it('output to a pipe whose reader is slow arrives whole and in order (kashf waits for the reader)', () => {
    const out = join(dir, 'slow-reader.jsonl');
    // The pipe (64 KB) fills while the reader sleeps: kashf's writes fail with EAGAIN and are tried again.
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" "${big}" --format jsonl --chunk-size 65536 | (sleep 1; cat) > "${out}"`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const whole = run([big, '--format', 'jsonl']).stdout;
    expect(whole.length).toBeGreaterThan(1 << 20);
    expect(readFileSync(out, 'utf8') === whole).toBe(true);
  });

  it('stdin past the threshold is read in chunks too: the same bytes as the file streamed and read whole', () => {
    const body = readFileSync(big);
    for (const format of ['jsonl', 'tsv']) {
      const whole = run([big, '--format', format]).stdout.replaceAll(big, '-');
      const piped = spawnSync(process.execPath, [BIN, '--format', format, '--chunk-size', '65536'], { cwd: ROOT, input: body, encoding: 'utf8', maxBuffer: 1 << 30 });
      expect(piped.status).toBe(0);
      expect(piped.stdout === whole).toBe(true);
    }
  });

  it('--split and --input jsonl past the threshold (files and stdin) are read in chunks of whole lines, paragraphs and records: the same documents, numbers and problems as read whole', () => {
    const articles = [seed, ...evals, ...quotes];
    // CR LF lines, paragraphs of several lines and runs of blank lines; records with and without ids, and bad lines, so that problems name their lines.
    const text = Array.from({ length: 12 }, (_, k) => articles.map((a) => a.replaceAll('\n\n', k % 2 === 0 ? '\n\n' : '\r\n \r\n\r\n')).join('\n\n')).join('\n\n\n');
    const lines = text.split('\n\n').map((t, i) => (i % 41 === 3 ? 'not json' : JSON.stringify(i % 3 === 0 ? { text: t } : { id: `r${i}`, text: t })));
    const textFile = join(dir, 'paragraphs.txt');
    const jsonlFile = join(dir, 'records.jsonl');
    writeFileSync(textFile, text);
    writeFileSync(jsonlFile, lines.join('\n') + '\n');
    for (const [file, args] of [[textFile, ['--split', 'paragraph']], [textFile, ['--split', 'line']], [jsonlFile, ['--input', 'jsonl']]] as const) {
      const whole = run([file, ...args, '--format', 'jsonl']);
      const streamed = run([file, ...args, '--format', 'jsonl', '--chunk-size', '4096']);
      const piped = spawnSync(process.execPath, [BIN, ...args, '--format', 'jsonl', '--chunk-size', '4096'], { cwd: ROOT, input: readFileSync(file), encoding: 'utf8', maxBuffer: 1 << 30 });
      expect(whole.stdout.split('\n').length).toBeGreaterThan(100);
      expect(streamed.stdout === whole.stdout).toBe(true);
      expect(streamed.stderr).toBe(whole.stderr);
      expect(piped.stdout === whole.stdout.replaceAll(JSON.stringify(file), '"-"')).toBe(true);
      expect(piped.stderr).toBe(whole.stderr.replaceAll(file, '-'));
    }
    expect(run([jsonlFile, '--input', 'jsonl', '--format', 'jsonl', '--chunk-size', '4096']).stderr).toMatch(/^kashf: .*records\.jsonl:4: not a JSON object\n/);
  });

  it('leaves no temporary file behind', () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('kashf-') && existsSync(join(tmpdir(), f, 'spill'))).length;
    run([big, '--format', 'jsonl', '--chunk-size', '65536']);
    const after = readdirSync(tmpdir()).filter((f) => f.startsWith('kashf-') && existsSync(join(tmpdir(), f, 'spill'))).length;
    expect(after).toBe(before);
  });
});
