// The command line as users run it: spawns bin/kashf.js (built by `npm test`'s
// pretest step) on fixtures, stdin and bad inputs.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'kashf.js');

function kashf(args: string[], options: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SENTENCE = 'قال وزير الخارجية الروسي سيرغي لافروف في بكين: «نحن مستعدون للحوار».';

describe('kashf extract', () => {
  it('reports the seed article as JSON Lines, one document per line', () => {
    const r = kashf(['fixtures/lavrov-wang-yi.txt', '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const doc = JSON.parse(lines[0]);
    expect(doc.file).toBe('fixtures/lavrov-wang-yi.txt');
    expect(doc.entities[0]).toMatchObject({ text: 'وزارة الخارجية الروسية', type: 'ORG', id: 'russia-foreign-ministry', start: 5, end: 27 });
  });

  it('json wraps the same documents with a schema version', () => {
    const r = kashf(['fixtures/lavrov-wang-yi.txt', '--format', 'json']);
    const v = JSON.parse(r.stdout);
    expect(v.schema).toBe(1);
    expect(v.documents).toHaveLength(1);
    expect(v.documents[0].quotes.length).toBeGreaterThanOrEqual(5);
  });

  it('reads stdin when there is no path or "-", and defaults to json in a pipe', () => {
    for (const args of [[], ['-']]) {
      const r = kashf(args, { input: SENTENCE });
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout).documents[0];
      expect(doc.file).toBe('-');
      expect(doc.entities.map((e: { id: string }) => e.id)).toEqual(['sergey-lavrov', 'beijing']);
      expect(doc.quotes[0].speaker.id).toBe('sergey-lavrov');
    }
  });

  it('strips a BOM and counts offsets after it', () => {
    const r = kashf(['--format', 'jsonl'], { input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('زار لافروف بكين')]) });
    const doc = JSON.parse(r.stdout);
    expect(doc.entities[0]).toMatchObject({ text: 'لافروف', start: 4, end: 10 });
  });

  it('takes directories (recursively, sorted) and glob patterns', () => {
    const dir = tempDir('kashf-');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'b.txt'), 'زار لافروف بكين');
    writeFileSync(join(dir, 'sub', 'a.txt'), 'في موسكو');
    writeFileSync(join(dir, 'notes.json'), '{}');
    const byDir = kashf([dir, '--format', 'jsonl']);
    expect(byDir.stdout.trim().split('\n').map((l) => JSON.parse(l).file)).toEqual([`${dir}/b.txt`, `${dir}/sub/a.txt`]);
    const byGlob = kashf(['**/*.txt', '--format', 'jsonl'], { cwd: dir });
    expect(byGlob.stdout.trim().split('\n').map((l) => JSON.parse(l).file)).toEqual(['b.txt', 'sub/a.txt']);
  });

  it('adds a user dictionary with --dict, and names file:line for a malformed one', () => {
    const dir = tempDir('kashf-');
    writeFileSync(join(dir, 'mine.tsv'), '# mine\nadam-rijal\tPER\tآدم رجال\tAdam Rijal\t\n');
    const ok = kashf(['--dict', join(dir, 'mine.tsv'), '--format', 'jsonl'], { input: 'وقال آدم رجال إن الوضع خطير.' });
    expect(JSON.parse(ok.stdout).entities[0]).toMatchObject({ id: 'adam-rijal', text: 'آدم رجال' });
    writeFileSync(join(dir, 'bad.tsv'), '# bad\nx\tPER\tاسم\n');
    const bad = kashf(['--dict', join(dir, 'bad.tsv')], { input: 'نص' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`kashf: ${join(dir, 'bad.tsv')}:2: expected 5 TAB-separated columns`);
  });

  it('prints a table with Arabic shaped and reordered for terminals without bidi', () => {
    const r = kashf(['--format', 'table', '--bidi', 'app'], { input: SENTENCE });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sergey-lavrov');
    expect(r.stdout).toMatch(/[\uFE70-\uFEFF]/); // presentation forms
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
  });
});

describe('bad input', () => {
  const dir = tempDir('kashf-bad-');
  writeFileSync(join(dir, 'good.txt'), 'زار لافروف بكين');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]));
  mkdirSync(join(dir, 'nothing-here'));
  writeFileSync(join(dir, 'nothing-here', 'image.png'), 'x');
  const unreadable = join(dir, 'secret.txt');
  writeFileSync(unreadable, 'سري');
  chmodSync(unreadable, 0o000);
  const isRoot = process.getuid?.() === 0;

  it('reports each bad input on one line, runs the others, exits 1', () => {
    const args = ['good.txt', 'missing.txt', 'binary.txt', 'latin1.txt', 'nothing-here', 'none-*.txt', 'empty.txt', '--format', 'jsonl'];
    const r = kashf(args, { cwd: dir });
    expect(r.code).toBe(1);
    const files = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(files.map((d) => d.file)).toEqual(['good.txt', 'empty.txt']);
    expect(files[1]).toEqual({ file: 'empty.txt', entities: [], quotes: [] });
    const errors = r.stderr.trim().split('\n');
    expect(errors).toEqual([
      'kashf: missing.txt: no such file or directory',
      'kashf: nothing-here: directory has no text files (*.txt, *.text, *.md)',
      'kashf: none-*.txt: glob pattern matched no files',
      'kashf: binary.txt: binary file (contains NUL bytes), skipped',
      'kashf: latin1.txt: not valid UTF-8 (first bad byte at offset 3)',
    ]);
  });

  it.skipIf(isRoot)('an unreadable file is reported, not thrown', () => {
    const r = kashf(['secret.txt', 'good.txt', '--format', 'jsonl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kashf: secret.txt: cannot read (EACCES)');
  });

  it('a file over 256 MiB split into lines is read in chunks, not refused for its size (this one, all NUL, is refused as binary)', () => {
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 257 * 1024 * 1024); // sparse: takes no disk
    const r = kashf(['huge.txt', 'good.txt', '--format', 'jsonl', '--split', 'line'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('kashf: huge.txt: binary file (contains NUL bytes), skipped\n');
    expect(JSON.parse(r.stdout).file).toBe('good.txt');
  });

  it('a large file is read in chunks, and still checked for binary content', () => {
    const huge = join(dir, 'zeros.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 40 * 1024 * 1024); // over the 32 MiB streaming threshold, all NUL
    const r = kashf(['zeros.txt', '--format', 'jsonl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('kashf: zeros.txt: binary file (contains NUL bytes), skipped\n');
  });

  it('a file read in chunks is refused if a later chunk is not valid UTF-8', () => {
    const bad = join(dir, 'late-bad.txt');
    const para = 'قال لافروف في بكين إن العلاقات جيدة.\n\n';
    writeFileSync(bad, Buffer.concat([Buffer.from(para.repeat(3000)), Buffer.from([0xd9, 0x20]), Buffer.from(para.repeat(10))]));
    const r = kashf(['late-bad.txt', '--format', 'jsonl', '--chunk-size', '65536'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('kashf: late-bad.txt: not valid UTF-8\n');
  });

  it('stdin is searched as bytes too: its BOM dropped, bad UTF-8 refused', () => {
    const ok = kashf(['--format', 'jsonl'], { input: '\ufeffزار لافروف بكين' });
    expect(JSON.parse(ok.stdout).entities.map((e: { start: number }) => e.start)).toEqual([4, 11]);
    const bad = kashf(['--format', 'jsonl'], { input: Buffer.from([0x61, 0xff, 0x62]) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('kashf: -: not valid UTF-8 (first bad byte at offset 1)\n');
  });

  it('an empty input is an empty result with status 0', () => {
    const r = kashf(['empty.txt', '--format', 'jsonl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: 'empty.txt', entities: [], quotes: [] });
  });

  it('a bad option value is a usage error (exit 2)', () => {
    const r = kashf(['--format', 'xml'], { input: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid");
  });
});

describe('pipes', () => {
  it('a closed pipe (kashf … | head) ends quietly with status 0', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `سطر ${i}: زار لافروف بكين وموسكو.`).join('\n');
    const dir = tempDir('kashf-pipe-');
    const files = Array.from({ length: 40 }, (_, i) => join(dir, `f${String(i).padStart(2, '0')}.txt`));
    for (const f of files) writeFileSync(f, big);
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" "${dir}" --format jsonl | head -c 100 > /dev/null`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
