// The command line: the only code that touches process, stdout, stderr and
// exit codes. Each command lives in commands/ and registers itself here.
// Exit codes: 0 success, 1 some input failed (the others were still
// processed), 2 usage error (bad option, unusable dictionary).

import { Command, CommanderError } from 'commander';
import { KashfError } from '../errors.js';
import { registerDict } from './commands/dict.js';
import { registerEval } from './commands/eval.js';
import { registerCheck } from './commands/check.js';
import { registerExtract } from './commands/extract.js';
import { EXIT_OK, EXIT_USAGE, warn, type Run } from './io.js';

export { EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE } from './io.js';

export const VERSION = '0.1.0';

export function buildProgram(run: Run): Command {
  const program = new Command('kashf')
    .description('Arabic news entities and quotations: normalise, match curated gazetteers, attribute quotes.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerExtract(program, run);
  registerCheck(program, run);
  registerDict(program, run);
  registerEval(program, run);
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
    await buildProgram((p) => (pending = p)).parseAsync(argv);
    process.exitCode = pending === null ? EXIT_OK : await (pending as Promise<number>);
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
