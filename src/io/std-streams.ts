// Standard output and standard error that fail. A reader that stops early (`sit ... | head`)
// closes the pipe: sit ends quietly with exit 0, as it has nothing more to say to anyone. Any
// other failure of standard output (a full disk, /dev/full) is exit 73 with one line. A failing
// standard error is ignored: it must not change the exit code of a run that has done its work.
import { EXIT } from '../errors.js';
import { writeError } from './file-errors.js';

export function guardStandardStreams(proc: NodeJS.Process = process): void {
  proc.stderr.on('error', () => {
    /* nowhere left to say anything */
  });
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') proc.exit(EXIT.ok);
    try {
      // The same words as for a file: "(the disk is full)", not a bare ENOSPC.
      proc.stderr.write(`sit: ${writeError('standard output', error).message}\n`);
    } catch {
      /* standard error failing too */
    }
    proc.exit(EXIT.cannotWrite);
  });
}
