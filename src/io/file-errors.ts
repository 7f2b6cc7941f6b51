// Every way opening or reading a file can fail, as one line a person can act on (exit 66 for an
// input, 73 for an output), with a long path shortened rather than echoed in full.
import { cannotWriteError, notFoundError, type SitError } from '../errors.js';

/** A path as messages show it: at most `max` characters, the middle elided. */
export function shortPathText(path: string, max = 120): string {
  if (path.length <= max) return path;
  const keep = max - 1;
  return `${path.slice(0, Math.ceil(keep / 3))}…${path.slice(path.length - Math.floor((keep * 2) / 3))}`;
}

const READ_REASONS: Record<string, string> = {
  ENOENT: 'no such file; check the name and folder',
  ENOTDIR: 'no such file (a part of the path is not a folder)',
  EISDIR: 'is a folder, not a file; give the path of a file',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
  ELOOP: 'cannot be read (a loop of symbolic links)',
  ENAMETOOLONG: 'cannot be read (the name is too long for this system)',
  ENXIO: 'cannot be read (a device or socket with nothing behind it)',
  EIO: 'cannot be read (an input/output error from the disk or device)',
  EMFILE: 'cannot be read (too many open files)',
  ENFILE: 'cannot be read (too many open files)',
  EAGAIN: 'cannot be read (it would block: a pipe or device with nothing to read)',
};

/** An error from opening or reading `display` as one line (exit 66). */
export function readError(display: string, error: unknown, what = 'file'): SitError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code && READ_REASONS[code]
      ? READ_REASONS[code].replace('no such file', `no such ${what}`)
      : `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return notFoundError(`${shortPathText(display)}: ${reason}`);
}

const WRITE_REASONS: Record<string, string> = {
  EACCES: 'cannot be written (permission denied)',
  EPERM: 'cannot be written (permission denied)',
  EROFS: 'cannot be written (the disk is read-only)',
  ENOSPC: 'cannot be written (the disk is full)',
  EDQUOT: 'cannot be written (over the disk quota)',
  ELOOP: 'cannot be written (a loop of symbolic links)',
  ENAMETOOLONG: 'cannot be written (the name is too long for this system)',
  ENXIO: 'cannot be written (a device or socket with nothing behind it)',
  EIO: 'cannot be written (an input/output error from the disk or device)',
  EISDIR: 'is a folder; give a file name for -o',
  ENOTDIR: 'cannot be written (a part of the path is not a folder)',
  EMFILE: 'cannot be written (too many open files)',
  ENFILE: 'cannot be written (too many open files)',
};

/** An error from writing `shown` (already shortened) as one line (exit 73). */
export function writeError(shown: string, error: unknown): SitError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code && WRITE_REASONS[code]
      ? WRITE_REASONS[code]
      : `cannot be written (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return cannotWriteError(`${shown}: ${reason}`);
}
