// `kashf [extract] [paths...]`: the default command. Inputs become documents
// (whole files, --split parts, or --input jsonl records), documents are
// searched (inline, or on --jobs worker threads with results put back in input
// order), and a printer writes them to stdout or --output.

import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { KashfError } from '../../errors.js';
import { Kashf, newCarry } from '../../index.js';
import type { Printer } from '../../print/index.js';
import type { EntityRecord, QuoteRecord } from '../../types.js';
import type { SearchResult } from '../../search/index.js';
import { documentRecord, documents, INPUT_FORMATS, SPLITS, type SourceDocument } from '../documents.js';
import { expandInputs, type Input } from '../inputs.js';
import { collect, environment, EXIT_INPUT_FAILED, EXIT_OK, readStdin, warn, type Run } from '../io.js';
import { COLOR_SETTINGS, QUOTE_MODES, resolveExtract, type ExtractOptions, type RawExtractFlags } from '../options.js';
import { openOutput } from '../output.js';
import type { Done } from '../pool.js';
import { Progress } from '../progress.js';
import { chunksOf, fileSpill } from '../stream.js';

/** With --jobs given: below this much input, starting worker threads costs more than it saves. */
const POOL_MIN_BYTES = 2 * 1024 * 1024;
/**
 * With --jobs left to its default (the number of cores): a worker thread
 * compiles kashf's hot code all over again, which one thread gets done on an
 * idle core for free, so on two cores two threads only pay from about 40 MB of
 * input on (node bench/jobs.mjs); below this, kashf runs on one thread.
 */
const DEFAULT_POOL_MIN_BYTES = 64 * 1024 * 1024;

function inputBytes(inputs: Input[]): number {
  let total = 0;
  for (const i of inputs) {
    if (i.path === null) return Infinity;
    try {
      total += statSync(i.path).size;
    } catch {
      // Reported when it is read.
    }
  }
  return total;
}

async function createPrinterFor(o: ExtractOptions, sink: { write(s: string): void }): Promise<Printer> {
  // Each format loads only its own printer: the table's dependencies
  // (string-width, bidi-js, arabic-reshaper, chalk) load only for a table.
  if (!o.stats) {
    if (o.format === 'json' || o.format === 'jsonl') {
      const { JsonPrinter, JsonlPrinter } = await import('../../print/json.js');
      return o.format === 'json' ? new JsonPrinter(sink) : new JsonlPrinter(sink);
    }
    if (o.format === 'tsv' || o.format === 'csv') {
      const { TsvPrinter, CsvPrinter } = await import('../../print/delimited.js');
      return o.format === 'tsv' ? new TsvPrinter(sink) : new CsvPrinter(sink);
    }
    if (o.format === 'conll') return new (await import('../../print/conll.js')).ConllPrinter(sink);
  }
  const print = await import('../../print/index.js');
  const table = { bidi: o.bidi, chalk: await o.chalk(), width: o.width };
  return o.stats ? print.createStatsPrinter(o.format, sink, table) : print.createPrinter(o.format, sink, table);
}

async function runExtract(o: ExtractOptions): Promise<number> {
  const { inputs, problems } = expandInputs(o.paths);
  let failed = problems.length > 0;
  const progress = Progress.forProcess(inputs.length);
  const report = (message: string) => {
    progress.clear();
    warn(message);
  };
  for (const p of problems) report(`${p.name}: ${p.error.message}`);

  const search = { quotes: o.quotes, overlap: o.overlap, context: o.context };
  const usePool = o.jobs > 1 && (inputs.length > 1 || o.split !== 'none' || o.input === 'jsonl') && inputBytes(inputs) >= (o.jobsGiven ? POOL_MIN_BYTES : DEFAULT_POOL_MIN_BYTES);
  // With N jobs the main thread is one of them: it reads the inputs, writes the
  // output and hands documents to N - 1 worker threads, and searches one itself
  // only while every worker has enough queued to stay busy (Pool.takeLocally).
  // A fixed share (every N-th document) starved the workers: the main thread
  // also reads and writes everything, and sees their answers only when it waits.
  const kashf = Kashf.create({ builtin: o.builtin, dictionaries: o.dictionaries });
  const lineFormat = !o.stats && (o.format === 'jsonl' || o.format === 'tsv' || o.format === 'csv' || o.format === 'conll') ? o.format : null;
  // node:worker_threads takes milliseconds to load: only when there is a pool.
  const pool = usePool ? new (await import('../pool.js')).Pool(o.jobs - 1, { builtin: o.builtin, dictionaries: o.dictionaries, search: { ...search }, format: lineFormat }) : null;

  const out = openOutput(o.output);
  const printer = await createPrinterFor(o, out);
  printer.begin();
  const emitDone = (doc: SourceDocument, done: Done) => {
    if ('printed' in done) out.write(done.printed);
    else emit(doc, done.result);
  };
  const emit = (doc: SourceDocument, r: SearchResult) => printer.document(documentRecord(doc, r), doc.text);

  // Results are printed in input order; at most WINDOW documents are in flight.
  const WINDOW = Math.max(4, o.jobs * 16);
  const inFlight: { doc: SourceDocument; result: Promise<Done> }[] = [];
  let seq = 0;
  let lastFile: string | null = null;
  try {
    for await (const event of documents(inputs, o, readStdin)) {
      if ('problem' in event) {
        report(`${event.problem.name}: ${event.problem.message}`);
        failed = true;
        continue;
      }
      if ('stream' in event) {
        // Earlier documents first, then this one chunk by chunk on this thread.
        for (const next of inFlight.splice(0)) emitDone(next.doc, await next.result);
        if (event.stream.file !== lastFile) {
          if (lastFile !== null) progress.tick();
          lastFile = event.stream.file;
        }
        try {
          streamDocument(kashf, event.stream.file, event.stream.path, o, printer);
        } catch (e) {
          if (!(e instanceof KashfError)) throw e;
          report(`${event.stream.file}: ${e.message}`);
          failed = true;
        }
        continue;
      }
      const { doc } = event;
      if (doc.file !== lastFile) {
        if (lastFile !== null) progress.tick();
        lastFile = doc.file;
      }
      if (pool === null) {
        emit(doc, kashf.extract(doc.text, search));
        continue;
      }
      const mine = pool.takeLocally(doc.text.length);
      const result = mine ? Promise.resolve<Done>({ result: kashf.extract(doc.text, search) }) : pool.run({ seq, file: doc.file, text: doc.text, id: doc.id, document: doc.document });
      seq++;
      inFlight.push({ doc, result });
      while (inFlight.length >= WINDOW) {
        const next = inFlight.shift()!;
        emitDone(next.doc, await next.result);
      }
    }
    for (const next of inFlight) emitDone(next.doc, await next.result);
    if (lastFile !== null) progress.tick();
    printer.end();
    out.commit();
  } catch (e) {
    out.release();
    throw e;
  } finally {
    progress.clear();
    await pool?.close();
  }
  return failed ? EXIT_INPUT_FAILED : EXIT_OK;
}

/**
 * One large file, read in chunks cut at paragraph breaks with the document's
 * state carried between them (offsets, lines, activated names, the previous
 * speaker). Printers that can write a document piece by piece (jsonl, tsv,
 * csv) do so, and memory stays bounded by the chunk size and the quotations;
 * the others are handed the whole document at the end.
 */
function streamDocument(kashf: Kashf, file: string, path: string, o: ExtractOptions, printer: Printer): void {
  const search = { quotes: o.quotes, overlap: o.overlap, context: o.context };
  const carry = newCarry();
  const stream = printer.open?.(file, fileSpill());
  const entities: EntityRecord[] = [];
  const quotes: QuoteRecord[] = [];
  const texts: string[] = [];
  for (const chunk of chunksOf(path, o.chunkBytes)) {
    const r = kashf.extract(chunk, search, carry);
    if (stream !== undefined) stream.add(r.entities, r.quotes);
    else {
      entities.push(...r.entities);
      quotes.push(...r.quotes);
      texts.push(chunk);
    }
  }
  if (stream !== undefined) stream.close();
  else printer.document({ file, entities, quotes }, texts.join(''));
}

export function registerExtract(program: Command, run: Run): void {
  program
    .command('extract', { isDefault: true })
    .description('find entities and quotations in files, directories, globs or stdin')
    .argument('[paths...]', 'files, directories or glob patterns; none or "-" reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, json otherwise)').choices(['json', 'jsonl', 'table', 'tsv', 'csv', 'conll']))
    .option('-d, --dict <file>', 'add a dictionary (repeatable)', collect, [] as string[])
    .option('--no-builtin', 'do not load the built-in dictionaries')
    .addOption(new Option('--quotes <mode>', 'which quotations to report (default: all)').choices([...QUOTE_MODES]))
    .addOption(new Option('--overlap <policy>', 'overlapping names: leftmost-longest keeps the longest, all keeps every one').choices(['leftmost-longest', 'all']))
    .option('-C, --context <n>', 'N characters of original text either side of each mention')
    .option('--stats', 'print counts per type and the most frequent entities instead of the documents')
    .option('-o, --output <file>', 'write to FILE (replaced only when kashf finishes)')
    .option('-j, --jobs <n>', `threads to spread files and documents over (default: the number of cores, ${availableParallelism()}, for inputs over 64 MiB; one thread below)`)
    .addOption(new Option('--split <unit>', 'treat each file as many documents').choices([...SPLITS]))
    .addOption(new Option('--input <format>', 'input format: text, or jsonl records with an id and a text').choices([...INPUT_FORMATS]))
    .option('--id-field <name>', 'with --input jsonl: the id field (default: id)')
    .option('--text-field <name>', 'with --input jsonl: the text field (default: text)')
    .option('--chunk-size <bytes>', 'read files larger than this in chunks of this size (default: files over 32 MiB, in 2 MiB chunks)')
    .addOption(new Option('--bidi <mode>', 'Arabic in the table: auto, terminal (it does bidi), app (kashf shapes and reorders), off (env: KASHF_BIDI)').choices(['auto', 'terminal', 'app', 'off']))
    .addOption(new Option('--color <when>', 'colour in the table (NO_COLOR and FORCE_COLOR are honoured)').choices([...COLOR_SETTINGS]))
    .action((paths: string[], flags: RawExtractFlags) => {
      run(runExtract(resolveExtract(paths, flags, environment())));
    });
}
