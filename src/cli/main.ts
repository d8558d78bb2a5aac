// The command line: the only code that touches process, stdout, stderr and
// exit codes. Each command lives in commands/ and registers itself here.
// Exit codes: 0 success, 1 some input failed (the others were still
// processed), 2 usage error (bad option, unusable dictionary).

import { Command, CommanderError } from 'commander';
import { KashfError } from '../errors.js';
import { EXIT_OK, EXIT_USAGE, warn, type Run } from './io.js';

export { EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE } from './io.js';

export const VERSION = '0.1.0';

type Register = (program: Command, run: Run) => void;

const COMMANDS: Record<string, () => Promise<Register>> = {
  extract: async () => (await import('./commands/extract.js')).registerExtract,
  check: async () => (await import('./commands/check.js')).registerCheck,
  dict: async () => (await import('./commands/dict.js')).registerDict,
  eval: async () => (await import('./commands/eval.js')).registerEval,
};

/**
 * The program with the commands this command line can reach. Each command's
 * module (and what it imports) loads only when it can run, so `kashf FILE`
 * does not pay for check, dict or eval at start-up; help lists them all.
 */
export async function buildProgram(run: Run, argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('kashf')
    .description('Arabic news entities and quotations: normalise, match curated gazetteers, attribute quotes.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const args = argv.slice(2);
  const first = args.find((a) => !a.startsWith('-'));
  const help = args.length === 0 ? false : args.includes('--help') || args.includes('-h') || first === 'help';
  const names = help ? Object.keys(COMMANDS) : [first !== undefined && first in COMMANDS ? first : 'extract'];
  for (const name of names) (await COMMANDS[name]())(program, run);
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
    await (await buildProgram((p) => (pending = p), argv)).parseAsync(argv);
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
