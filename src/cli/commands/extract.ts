// `kashf [extract] [paths...]`: the default command.

import { Option, type Command } from 'commander';
import { KashfError } from '../../errors.js';
import { Kashf } from '../../index.js';
import { JsonlPrinter, JsonPrinter, TablePrinter, type Printer } from '../../print/index.js';
import type { DocumentResult } from '../../types.js';
import { expandInputs, readInput } from '../inputs.js';
import { collect, environment, EXIT_INPUT_FAILED, EXIT_OK, readStdin, stdoutSink, warn, type Run } from '../io.js';
import { COLOR_SETTINGS, QUOTE_MODES, resolveExtract, type ExtractOptions, type RawExtractFlags } from '../options.js';

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

export function registerExtract(program: Command, run: Run): void {
  program
    .command('extract', { isDefault: true })
    .description('find entities and quotations in files, directories, globs or stdin')
    .argument('[paths...]', 'files, directories or glob patterns; none or "-" reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, json otherwise)').choices(['json', 'jsonl', 'table']))
    .option('-d, --dict <file>', 'add a dictionary (repeatable)', collect, [] as string[])
    .option('--no-builtin', 'do not load the built-in dictionaries')
    .addOption(new Option('--quotes <mode>', 'which quotations to report (default: all)').choices([...QUOTE_MODES]))
    .addOption(new Option('--overlap <policy>', 'overlapping names: leftmost-longest keeps the longest, all keeps every one').choices(['leftmost-longest', 'all']))
    .addOption(new Option('--bidi <mode>', 'Arabic in the table: auto, terminal (it does bidi), app (kashf shapes and reorders), off (env: KASHF_BIDI)').choices(['auto', 'terminal', 'app', 'off']))
    .addOption(new Option('--color <when>', 'colour in the table (NO_COLOR and FORCE_COLOR are honoured)').choices([...COLOR_SETTINGS]))
    .action((paths: string[], flags: RawExtractFlags) => {
      run(runExtract(resolveExtract(paths, flags, environment())));
    });
}
