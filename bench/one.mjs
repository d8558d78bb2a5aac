// One measurement in a process of its own, so that peak RSS (maxRSS) belongs to
// that measurement alone and one run's heap or JIT state cannot help the next.
// run.mjs spawns this file and reads the single JSON line it prints.
//
//   node bench/one.mjs kashf   TEXT DICT [OUT]   end to end: read, check UTF-8, split into articles, extract, JSONL out
//   node bench/one.mjs regexp  TEXT ALIASES      one RegExp alternation ('gu'), matchAll over the whole text
//   node bench/one.mjs floor   TEXT              read, decode, one charCodeAt pass
//   node bench/one.mjs builtin REPS              Kashf.create() with the built-in dictionaries, REPS times

import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ARTICLE_SEPARATOR } from './gen.mjs';

// The command line's own code, as the build bundles it (see lib.mjs).
const { BatchedWriter, JsonlPrinter, Kashf, parseDictionary, searchFor } = createRequire(import.meta.url)('../dist/cli/bundle-bench.cjs');

const now = () => performance.now();
const [mode, ...args] = process.argv.slice(2);

function report(o) {
  process.stdout.write(JSON.stringify({ mode, ...o, maxRSSKB: process.resourceUsage().maxRSS }) + '\n');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function kashf(textPath, dictPath, outPath = '/dev/null') {
  const t0 = now();
  const parsed = parseDictionary(readFileSync(dictPath, 'utf8'), dictPath);
  if (parsed.problems.length > 0) throw new Error(`${dictPath}:${parsed.problems[0].line}: ${parsed.problems[0].message}`);
  const t1 = now();
  const k = Kashf.create({ builtin: false, entries: parsed.entries });
  const t2 = now();

  // Written as the CLI writes --output or a pipe: kashf's JSONL printer into
  // megabyte batches, written synchronously.
  const fd = openSync(outPath, 'w');
  const batch = BatchedWriter.toFd(() => fd);
  const printer = new JsonlPrinter(batch);
  const start = now();
  // As the command line reads a file: UTF-8 bytes, checked but never decoded.
  const bytes = readFileSync(textPath);
  if (!isUtf8(bytes)) throw new Error(`${textPath}: not valid UTF-8`);
  const separator = Buffer.from(ARTICLE_SEPARATOR);
  let docs = 0;
  let entities = 0;
  let quotes = 0;
  let outBytes = 0;
  let from = 0;
  while (from < bytes.length) {
    let to = bytes.indexOf(separator, from);
    if (to < 0) to = bytes.length;
    const body = bytes.subarray(from, to);
    from = to + separator.length;
    // As the command line searches a document for its JSONL printer (record text left in the bytes).
    const r = searchFor(k, body, { quotes: 'all' }, printer);
    printer.document({ file: `bench:${docs}`, entities: r.entities, quotes: r.quotes }, body);
    docs++;
    entities += r.entities.length;
    quotes += r.quotes.length;
  }
  batch.flush();
  outBytes = batch.written;
  closeSync(fd);
  const seconds = (now() - start) / 1000;
  report({
    bytes: bytes.length,
    seconds,
    docs,
    entities,
    quotes,
    outBytes,
    dictEntries: parsed.entries.length,
    parseMs: t1 - t0,
    createMs: t2 - t1,
  });
}

function regexp(textPath, aliasesPath) {
  const aliases = readFileSync(aliasesPath, 'utf8').split('\n').filter((s) => s !== '');
  const t0 = now();
  aliases.sort((a, b) => b.length - a.length);
  const re = new RegExp(aliases.map((a) => a.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'gu');
  // V8 compiles a RegExp on first use, for one- and two-byte subjects apart: warm it on Arabic.
  re.exec('تجربة قصيرة');
  re.lastIndex = 0;
  const buildMs = now() - t0;
  const start = now();
  const text = new TextDecoder('utf-8').decode(readFileSync(textPath));
  let matches = 0;
  for (const _ of text.matchAll(re)) matches++;
  const seconds = (now() - start) / 1000;
  report({ bytes: Buffer.byteLength(text, 'utf8'), seconds, matches, aliases: aliases.length, buildMs });
}

function floor(textPath) {
  const start = now();
  const text = new TextDecoder('utf-8').decode(readFileSync(textPath));
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  const seconds = (now() - start) / 1000;
  report({ bytes: Buffer.byteLength(text, 'utf8'), seconds, sum });
}

function builtin(reps) {
  const ms = [];
  let entries = 0;
  for (let i = 0; i < reps; i++) {
    const t = now();
    const k = Kashf.create();
    ms.push(now() - t);
    entries = k.knowledge.gazetteer.entries.length;
  }
  // For reference: what Kashf.create({ builtin: false }) costs with no entries (it still reads the built-in lexicon).
  const empty = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    Kashf.create({ builtin: false });
    empty.push(now() - t);
  }
  report({ ms, medianMs: median(ms), entries, emptyMs: empty, emptyMedianMs: median(empty) });
}

switch (mode) {
  case 'kashf':
    await kashf(args[0], args[1], args[2]);
    break;
  case 'regexp':
    regexp(args[0], args[1]);
    break;
  case 'floor':
    floor(args[0]);
    break;
  case 'builtin':
    builtin(Number(args[0] ?? 5));
    break;
  default:
    process.stderr.write(`bench/one.mjs: unknown mode "${mode}" (kashf, regexp, floor, builtin)\n`);
    process.exit(2);
}
