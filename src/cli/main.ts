// The command line: the only module that touches process, stdout, stderr and
// exit codes. Exit codes: 0 success, 1 some input failed (the others were
// still processed), 2 usage error (bad option, unusable dictionary).

import { Command, CommanderError, Option } from 'commander';
import { KashfError } from '../errors.js';
import { Kashf } from '../index.js';
import { JsonlPrinter, JsonPrinter, TablePrinter, type Printer, type Sink } from '../print/index.js';
import type { DocumentResult } from '../types.js';
import { expandInputs, readInput, decode } from './inputs.js';
import { COLOR_SETTINGS, QUOTE_MODES, resolveExtract, type Environment, type ExtractOptions, type RawExtractFlags } from './options.js';

export const EXIT_OK = 0;
export const EXIT_INPUT_FAILED = 1;
export const EXIT_USAGE = 2;

const VERSION = '0.1.0';

function environment(): Environment {
  return { env: process.env, stdoutIsTTY: process.stdout.isTTY === true, columns: process.stdout.columns };
}

function warn(message: string): void {
  process.stderr.write(`kashf: ${message}\n`);
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => {
      try {
        resolve(decode(Buffer.concat(chunks)));
      } catch (e) {
        reject(e);
      }
    });
    process.stdin.on('error', reject);
  });
}

const stdoutSink: Sink = { write: (s) => void process.stdout.write(s) };

async function runExtract(o: ExtractOptions): Promise<number> {
  const kashf = Kashf.create({ builtin: o.builtin, dictionaries: o.dictionaries });
  const { inputs, problems } = expandInputs(o.paths);
  let failed = problems.length > 0;
  for (const p of problems) warn(`${p.name}: ${p.error.message}`);

  const printer: Printer =
    o.format === 'jsonl'
      ? new JsonlPrinter(stdoutSink)
      : o.format === 'json'
        ? new JsonPrinter(stdoutSink)
        : new TablePrinter(stdoutSink, { bidi: o.bidi, chalk: o.chalk, width: o.width });
  printer.begin();
  for (const input of inputs) {
    let text: string;
    try {
      text = input.path === null ? await readStdin() : readInput(input.path);
    } catch (e) {
      if (!(e instanceof KashfError)) throw e;
      warn(`${input.name}: ${e.message}`);
      failed = true;
      continue;
    }
    const { entities, quotes } = kashf.extract(text, { quotes: o.quotes, overlap: o.overlap });
    const doc: DocumentResult = { file: input.name, entities, quotes };
    printer.document(doc);
  }
  printer.end();
  return failed ? EXIT_INPUT_FAILED : EXIT_OK;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(run: (code: Promise<number>) => void): Command {
  const program = new Command('kashf')
    .description('Arabic news entities and quotations: normalise, match curated gazetteers, attribute quotes.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('extract', { isDefault: true })
    .description('find entities and quotations in files, directories, globs or stdin')
    .argument('[paths...]', 'files, directories or glob patterns; none or "-" reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, json otherwise)').choices(['json', 'jsonl', 'table']))
    .option('-d, --dict <file>', 'add a dictionary (repeatable)', collect, [] as string[])
    .option('--no-builtin', 'do not load the built-in dictionaries')
    .addOption(new Option('--quotes <mode>', 'which quotations to report').choices([...QUOTE_MODES]))
    .addOption(new Option('--overlap <policy>', 'overlapping names: leftmost-longest keeps the longest, all keeps every one').choices(['leftmost-longest', 'all']))
    .addOption(new Option('--bidi <mode>', 'Arabic in the table: auto, terminal (it does bidi), app (kashf shapes and reorders), off (env: KASHF_BIDI)').choices(['auto', 'terminal', 'app', 'off']))
    .addOption(new Option('--color <when>', 'colour in the table').choices([...COLOR_SETTINGS]))
    .action((paths: string[], flags: RawExtractFlags) => {
      run(runExtract(resolveExtract(paths, flags, environment())));
    });
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // A closed pipe (kashf … | head) is a normal end, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_OK);
    throw e;
  });
  let pending: Promise<number> | null = null;
  try {
    buildProgram((p) => (pending = p)).parse(argv);
    const code = pending === null ? EXIT_OK : await (pending as Promise<number>);
    process.exitCode = code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; anything else commander rejects is a usage error.
      process.exitCode = e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      return;
    }
    if (e instanceof KashfError) {
      warn(e.message);
      process.exitCode = EXIT_USAGE;
      return;
    }
    throw e;
  }
}
