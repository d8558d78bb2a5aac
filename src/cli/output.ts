// Where output goes: stdout, or --output FILE written to a temporary file
// beside it and renamed over FILE only when kashf finishes, so a failed or
// interrupted run never leaves half a file behind.

import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BatchedWriter } from './batch.js';

export interface Output {
  write(s: string): void;
  /** Makes the output final (renames the temporary file into place). */
  commit(): void;
}

export function openOutput(path: string | undefined): Output {
  if (path === undefined) {
    return { write: (s) => void process.stdout.write(s), commit: () => {} };
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  let open = true;
  const cleanup = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
    rmSync(tmp, { force: true });
  };
  process.once('exit', cleanup);
  const batch = new BatchedWriter(() => fd);
  return {
    write: (s) => batch.write(s),
    commit() {
      batch.flush();
      open = false;
      closeSync(fd);
      renameSync(tmp, path);
      process.removeListener('exit', cleanup);
    },
  };
}
