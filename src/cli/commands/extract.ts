// `kashf [extract] [paths...]`: the default command. Inputs become documents
// (whole files, --split parts, or --input jsonl records), documents are
// searched (inline, or on --jobs worker threads with results put back in input
// order), and a printer writes them to stdout or --output.

import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { KashfError } from '../../errors.js';
import { Kashf, newCarry } from '../../index.js';
import type { Printer, Sink } from '../../print/index.js';
import type { EntityRecord, QuoteRecord } from '../../types.js';
import type { SearchOptions, SearchResult } from '../../search/index.js';
import { BytesSink } from '../../print/sink.js';
import { documentColumns, documentRecord, documents, INPUT_FORMATS, sizeOf, SPLITS, type DocumentEvent, type DocumentSource, type SourceDocument } from '../documents.js';
import { expandInputs, type Input } from '../inputs.js';
import { jobWeight, JobRunner, searchFor, type BatchResult, type Job } from '../jobs.js';
import { collect, environment, EXIT_INPUT_FAILED, EXIT_OK, readStdin, warn, type Run } from '../io.js';
import { COLOR_SETTINGS, QUOTE_MODES, resolveExtract, type ExtractOptions, type RawExtractFlags } from '../options.js';
import { openOutput, type Output } from '../output.js';
import type { Pool, PoolSetup } from '../pool.js';
import { Progress } from '../progress.js';
import { OutputSlots } from '../slots.js';
import { Cutter, cutPoint, fileChunks, fileSpill, streamChunks } from '../stream.js';

/** With --jobs given: below this much input, starting worker threads costs more than it saves. */
const POOL_MIN_BYTES = 2 * 1024 * 1024;
/**
 * With --jobs left to its default (the number of cores): every thread warms
 * V8 up again (see pool.ts), so on two cores two threads only pay from about
 * 100 MB of input on (node bench/jobs.mjs on 10 kB files: 0.83× at 20 MB,
 * 0.90× at 40 MB, 1.14× at 100 MB, 1.40× at 200 MB, 1.61× at 400 MB, 1.74×
 * at 1 GB); below this, kashf runs on one thread.
 */
const DEFAULT_POOL_MIN_BYTES = 128 * 1024 * 1024;

async function createPrinterFor(o: ExtractOptions, sink: Sink): Promise<Printer> {
  // Each format loads only its own printer: the table's dependencies
  // (string-width, bidi-js, arabic-reshaper, chalk) load only for a table.
  if (!o.stats) {
    if (o.format === 'json' || o.format === 'jsonl') {
      const { JsonPrinter, JsonlPrinter } = await import('../../print/json.js');
      return o.format === 'json' ? new JsonPrinter(sink) : new JsonlPrinter(sink);
    }
    if (o.format === 'tsv' || o.format === 'csv') {
      const { TsvPrinter, CsvPrinter } = await import('../../print/delimited.js');
      const columns = documentColumns(o);
      return o.format === 'tsv' ? new TsvPrinter(sink, columns) : new CsvPrinter(sink, columns);
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
  const lineFormat = !o.stats && (o.format === 'jsonl' || o.format === 'tsv' || o.format === 'csv' || o.format === 'conll') ? o.format : null;
  const source: DocumentSource = { split: o.split, input: o.input, idField: o.idField, textField: o.textField, streamAbove: o.streamAbove, chunkBytes: o.chunkBytes };
  // Workers start as soon as the inputs are known to weigh enough: each
  // takes a while to load kashf and the dictionaries, which this thread
  // meanwhile does too. The inputs not sized by then are sized as they are
  // sent out, or (whole files) by the thread that reads them (runPooled),
  // so that the workers get their first batches sooner (1 GB in 10 kB
  // files: 7.29 against 7.45 s, four alternating pairs). node:worker_threads
  // takes milliseconds to load: only when there is a pool. One thread needs
  // no sizes (a file is sized when it is read).
  let pool: Pool | null = null;
  const sizes: number[] = [];
  if (o.jobs > 1 && (inputs.length > 1 || o.split !== 'none' || o.input === 'jsonl')) {
    const least = o.jobsGiven ? POOL_MIN_BYTES : DEFAULT_POOL_MIN_BYTES;
    let total = 0;
    for (const input of inputs) {
      sizes.push(input.path === null ? Infinity : sizeOf(input.path));
      total += sizes[sizes.length - 1];
      if (total >= least) {
        pool = new (await import('../pool.js')).Pool(o.jobs - 1, { builtin: o.builtin, dictionaries: o.dictionaries, search: { ...search }, source, format: lineFormat }, { count: SLOTS.PER_THREAD, size: SLOTS.BYTES });
        break;
      }
    }
  }
  try {
    return await extractWith(o, inputs, sizes, pool, search, source, lineFormat, progress, report, failed);
  } finally {
    await pool?.close();
  }
}

async function extractWith(o: ExtractOptions, inputs: Input[], sizes: number[], pool: Pool | null, search: SearchOptions, source: DocumentSource, lineFormat: PoolSetup['format'], progress: Progress, report: (message: string) => void, failedBefore: boolean): Promise<number> {
  let failed = failedBefore;
  const kashf = Kashf.create({ builtin: o.builtin, dictionaries: o.dictionaries });

  const out = openOutput(o.output);
  const printer = await createPrinterFor(o, out);
  printer.begin();
  const emit = (doc: SourceDocument, r: SearchResult) => printer.document(documentRecord(doc, r), doc.text);
  let lastFile: string | null = null;
  const tickOn = (file: string) => {
    if (file !== lastFile && lastFile !== null) progress.tick();
    lastFile = file;
  };
  /** A large document (a file's, or stdin's), read in chunks on this thread; a problem reading it is reported. */
  const stream = async (s: Streamed) => {
    try {
      await streamDocument(kashf, s, o, printer);
    } catch (e) {
      if (!(e instanceof KashfError)) throw e;
      report(`${s.file}: ${e.message}`);
      failed = true;
    }
  };
  try {
    if (pool !== null) failed = (await runPooled(o, inputs, sizes, pool, kashf, search, source, lineFormat, { out, printer, report, tickOn, stream })) || failed;
    else {
      for await (const event of documents(inputs, o, readStdin)) {
        if ('problem' in event) {
          report(`${event.problem.name}: ${event.problem.message}`);
          failed = true;
        } else if ('stream' in event) {
          tickOn(event.stream.file);
          await stream(event.stream);
        } else {
          tickOn(event.doc.file);
          emit(event.doc, searchFor(kashf, event.doc.text, search, printer));
        }
      }
    }
    if (lastFile !== null) progress.tick();
    printer.end();
    out.commit();
  } catch (e) {
    out.release();
    throw e;
  } finally {
    progress.clear();
  }
  return failed ? EXIT_INPUT_FAILED : EXIT_OK;
}

/** A file of --split parts or --input jsonl records larger than this is read on the main thread and its documents sent out one by one, so that one big file still spreads over the threads. */
const FILE_JOB_MAX_BYTES = 8 * 1024 * 1024;

interface Emitter {
  out: Output;
  printer: Printer;
  report: (message: string) => void;
  tickOn: (file: string) => void;
  stream: (s: Streamed) => Promise<void>;
}

/**
 * The batches --jobs sends out weigh about this much (see jobs.ts), less when
 * the whole input is small, so that every thread gets several. A batch whose
 * files were not sized beforehand stops once it has read LIMIT times its
 * weight (see runPooled).
 */
const BATCH = { MAX: 1024 * 1024, MIN: 64 * 1024, PER_THREAD: 32, LIMIT: 4 };

/** At most this many batches are in flight with N threads: memory stays bounded by the window, not the input. */
const windowOf = (threads: number) => Math.max(4, threads * 4);

/**
 * Each thread prints a batch into a slot of SLOTS.BYTES (see slots.ts). A
 * megabyte of news prints about half a megabyte of JSON Lines with the
 * built-in dictionaries, 1.6 MB with 100 000 entries; a batch that prints
 * more, or finds no slot free, is sent in a message. A thread has slots for
 * the whole window with two threads (4 × 2 batches), and for twice its
 * share of it with more (the window grows with the threads, 4 × N, and N
 * threads each with slots for all of it would hold 4N² slots). The slots'
 * memory is reserved, and used only as far as batches print.
 */
const SLOTS = { BYTES: 4 * 1024 * 1024, PER_THREAD: 8 };

/**
 * --jobs N: the main thread is one of N threads. Each file (up to a size) is
 * one job, read and searched by whichever thread takes it; stdin and files
 * too large for one job are read here and their documents sent out one by
 * one; files too large to hold are streamed here. Jobs go out in batches.
 * The main thread runs a batch itself only while every worker has enough
 * queued to stay busy (Pool.takeLocally): it also writes everything, and
 * sees the workers' answers only when it waits. Results go out in input
 * order. `sizes` holds the sizes of the first inputs (those sized to decide
 * on the pool); the others are sized as they are sent out, or, whole files,
 * by the thread that reads them. Returns whether any input failed.
 */
async function runPooled(o: ExtractOptions, inputs: Input[], sizes: number[], pool: Pool, kashf: Kashf, search: SearchOptions, source: DocumentSource, lineFormat: PoolSetup['format'], e: Emitter): Promise<boolean> {
  // This thread's batches are printed as the workers print theirs: into bytes, written in order.
  const sink = lineFormat === null ? null : new BytesSink();
  const WINDOW = windowOf(o.jobs);
  const local = new JobRunner(kashf, search, source, sink === null ? null : await createPrinterFor(o, sink), sink, OutputSlots.create(SLOTS.PER_THREAD, SLOTS.BYTES, false));
  let failed = false;

  // The inputs sized so far (enough to start the pool), as a sample of the rest.
  const sampled = sizes.filter((n) => Number.isFinite(n));
  const total = (sizes.reduce((a, b) => a + b, 0) / sizes.length) * inputs.length;
  const batchBytes = Math.min(BATCH.MAX, Math.max(BATCH.MIN, Math.floor(total / (o.jobs * BATCH.PER_THREAD))));
  // Whole files after the sample are not sized here: the thread that reads
  // one sizes it as it opens it (a stat of each file here was 225–250 ms of
  // this thread's time over 100 000 files; 1 GB ran 60 ms faster without
  // it, the median of six alternating pairs). Their weight is a guess, the mean size of the files read so
  // far; a batch stops at a file too large to read whole, and once it has
  // read LIMIT × the batch's weight, and this thread runs the rest of it.
  const whole = o.input === 'text' && o.split === 'none';
  const read = { bytes: sampled.reduce((a, b) => a + b, 0), files: sampled.length };
  const guess = () => (read.files > 0 ? Math.max(1, Math.round(read.bytes / read.files)) : batchBytes);
  const limit = BATCH.LIMIT * batchBytes;
  const inFlight: { files: string[]; jobs: Job[]; guessed: boolean; result: Promise<BatchResult> }[] = [];
  const writeOut = (r: BatchResult) => {
    for (const ev of r.events) {
      if ('printed' in ev) e.out.write(r.printed!.subarray(ev.printed[0], ev.printed[1]));
      else if ('problem' in ev) {
        e.report(`${ev.problem.name}: ${ev.problem.message}`);
        failed = true;
      } else e.printer.document(documentRecord(ev.doc, ev.result), '');
    }
    r.written?.();
    // A batch run here throws what it threw; a worker's, its message.
    if (r.error !== undefined) throw r.thrown ?? new Error(r.error);
  };
  const drain = async (keep: number) => {
    while (inFlight.length > keep) {
      const next = inFlight.shift()!;
      const r = await next.result;
      const ran = r.rest ?? next.files.length;
      for (let k = 0; k < ran; k++) e.tickOn(next.files[k]);
      if (next.guessed) {
        read.bytes += r.read ?? 0;
        read.files += ran;
      }
      writeOut(r);
      // What the batch left: run here, one job at a time, in order; a file too large to read whole is streamed.
      for (let k = ran; k < next.jobs.length; k++) {
        const job = next.jobs[k];
        e.tickOn(next.files[k]);
        const one = local.runAll([job]);
        writeOut(one);
        if (one.rest === 0 && 'path' in job) await e.stream({ file: job.file, path: job.path });
      }
    }
  };
  let batch: Job[] = [];
  let files: string[] = [];
  let weight = 0;
  let guessed = false;
  const dispatch = async () => {
    if (batch.length === 0) return;
    const result = pool.takeLocally(weight) ? Promise.resolve(local.runAll(batch, limit)) : pool.run(batch, limit);
    inFlight.push({ files, jobs: batch, guessed, result });
    batch = [];
    files = [];
    weight = 0;
    guessed = false;
    await drain(WINDOW - 1);
  };
  const submit = async (file: string, job: Job) => {
    batch.push(job);
    files.push(file);
    weight += jobWeight(job);
    if ('sized' in job) guessed = true;
    if (weight >= batchBytes) await dispatch();
  };

  for (let i = 0; i < inputs.length; i++) {
    const { name, path } = inputs[i];
    if (path !== null && whole && i >= sizes.length) {
      await submit(name, { file: name, path, bytes: guess(), sized: false });
      continue;
    }
    const size = i < sizes.length ? sizes[i] : path === null ? Infinity : sizeOf(path);
    if (path !== null && (whole ? size <= o.streamAbove : size <= FILE_JOB_MAX_BYTES)) {
      await submit(name, { file: name, path, bytes: size });
      continue;
    }
    for await (const event of documents([inputs[i]], source, readStdin)) {
      if ('problem' in event) {
        await dispatch();
        inFlight.push({ files: [name], jobs: [], guessed: false, result: Promise.resolve({ events: [event] }) });
      } else if ('stream' in event) {
        // Earlier results first, then this file chunk by chunk on this thread.
        await dispatch();
        await drain(0);
        e.tickOn(name);
        await e.stream(event.stream);
      } else await submit(name, { doc: event.doc });
    }
  }
  await dispatch();
  await drain(0);
  return failed;
}

/** A document too large to hold whole: a file's, or stdin's. */
type Streamed = Extract<DocumentEvent, { stream: unknown }>['stream'];

/**
 * One large document, read in chunks cut at paragraph breaks with the document's
 * state carried between them (offsets, lines, activated names, the previous
 * speaker). Printers that can write a document piece by piece (all but the
 * table) do so, and memory stays bounded by the chunk size; the table is
 * handed the whole document at the end.
 */
async function streamDocument(kashf: Kashf, s: Streamed, o: ExtractOptions, printer: Printer): Promise<void> {
  const { file } = s;
  const search = { quotes: o.quotes, overlap: o.overlap, context: o.context };
  const carry = newCarry();
  const stream = printer.open?.(file, fileSpill());
  const entities: EntityRecord[] = [];
  const quotes: QuoteRecord[] = [];
  const texts: Buffer[] = [];
  const cutter = new Cutter(cutPoint, o.chunkBytes);
  const chunks = 'path' in s ? fileChunks(s.path, cutter) : streamChunks(s.pieces, cutter);
  for await (const chunk of chunks) {
    const r = kashf.extract(chunk, search, carry);
    if (stream !== undefined) stream.add(r.entities, r.quotes, chunk);
    else {
      entities.push(...r.entities);
      quotes.push(...r.quotes);
      texts.push(chunk);
    }
  }
  if (stream !== undefined) stream.close();
  else printer.document({ file, entities, quotes }, Buffer.concat(texts));
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
    .option('-j, --jobs <n>', `threads to spread files and documents over (default: the number of cores, ${availableParallelism()}, for inputs over 128 MiB; one thread below)`)
    .addOption(new Option('--split <unit>', 'treat each file as many documents').choices([...SPLITS]))
    .addOption(new Option('--input <format>', 'input format: text, or jsonl records with an id and a text').choices([...INPUT_FORMATS]))
    .option('--id-field <name>', 'with --input jsonl: the id field (default: id)')
    .option('--text-field <name>', 'with --input jsonl: the text field (default: text)')
    .option('--chunk-size <bytes>', 'read inputs (files, stdin) larger than this in chunks of this size (default: over 32 MiB, in 2 MiB chunks)')
    .addOption(new Option('--bidi <mode>', 'Arabic in the table: auto, terminal (it does bidi), app (kashf shapes and reorders), off (env: KASHF_BIDI)').choices(['auto', 'terminal', 'app', 'off']))
    .addOption(new Option('--color <when>', 'colour in the table (NO_COLOR and FORCE_COLOR are honoured)').choices([...COLOR_SETTINGS]))
    .action((paths: string[], flags: RawExtractFlags) => {
      run(runExtract(resolveExtract(paths, flags, environment())));
    });
}
