// Where results go: standard output, or a file written atomically, by the rules the README's
// "Output safety" section sets out: only a regular file (or nothing) is ever replaced; the
// result is written to a temporary file beside the target and put in place at once (a hard
// link that fails if the name was taken meanwhile, or with --force a rename that keeps the old
// file's mode); the temporary file is removed on failure and on SIGINT, SIGTERM and SIGHUP.
import {
  chmodSync,
  closeSync,
  copyFileSync,
  constants,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { SitError, cannotWriteError, usageError } from '../errors.js';
import { shortPathText, writeError } from './file-errors.js';

const BY_EXTENSION: Record<string, string> = {
  '.csv': 'csv',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.ics': 'ics',
  '.xlsx': 'xlsx',
  '.docx': 'docx',
};

/** "-o board.pdf: ..." naming the file types this command writes. */
function wrongFileType(output: string, allowed: readonly string[]): string {
  const extensions = allowed.flatMap((f) =>
    Object.keys(BY_EXTENSION)
      .filter((e) => BY_EXTENSION[e] === f)
      .slice(0, 1),
  );
  return `-o ${output}: sit cannot write that kind of file here; name it ${extensions.join(', ')} (or give --format ${allowed.filter((f) => f !== 'table').join('|')})`;
}

/** --format wins; else the -o file's extension; else a table in a terminal and CSV when piped. */
export function resolveFormat(
  options: { format?: string; output?: string },
  allowed: readonly string[],
  stdoutIsTTY: boolean,
  pipedDefault = 'csv',
): string {
  let format = options.format;
  if (!format && options.output && options.output !== '-' && !/[\\/]$/.test(options.output)) {
    // A file named for a format we do not write (board.pdf, plan.ical) is refused, not filled with another format.
    const extension = extname(options.output).toLowerCase();
    format = BY_EXTENSION[extension];
    if (extension && (!format || !allowed.includes(format))) throw usageError(wrongFileType(options.output, allowed));
  }
  if (!format) format = stdoutIsTTY && !options.output ? 'table' : pipedDefault;
  if (!allowed.includes(format)) {
    throw usageError(`--format ${format} is not available here; choose one of: ${allowed.join(', ')}`);
  }
  if (format === 'table' && options.output) format = 'csv';
  if (format === 'xlsx' && !options.output && stdoutIsTTY) {
    throw usageError(
      '--format xlsx writes an Excel workbook, not text for the terminal: add -o FILE.xlsx (or pipe it to a file)',
    );
  }
  return format;
}

export interface OutputTarget {
  output?: string;
  force?: boolean;
  cwd: string;
  stdout: { write(chunk: string | Uint8Array): unknown };
  /** csv written to a file starts with a byte-order mark, so Excel reads it as UTF-8 (SPEC section 5). */
  format?: string;
}

/** The byte-order mark a CSV file starts with; standard output has none (pipelines). */
export const CSV_FILE_BOM = '\uFEFF';

/** -o names standard output: "-", or the device names that mean it. */
export function isStdoutName(output: string): boolean {
  return output === '-' || output === '/dev/stdout' || output === '/dev/fd/1' || output === '/proc/self/fd/1';
}

function kindOf(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function statOrNull(path: string, shown: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw writeError(shown, error);
  }
}

/** The existing target, refused unless it is a regular file and --force is given. */
function checkExisting(path: string, shown: string, force: boolean | undefined): Stats | null {
  const info = statOrNull(path, shown);
  if (info === null) return null;
  const kind = kindOf(info);
  if (kind === 'a folder') throw cannotWriteError(`${shown}: is a folder; give a file name for -o`);
  if (kind !== null)
    throw cannotWriteError(
      `${shown}: is ${kind}, not a regular file; sit replaces only regular files (use -o - for standard output)`,
    );
  if (!force) throw cannotWriteError(`${shown}: already exists; add --force to overwrite it`);
  return info;
}

/** The file -o names (null for standard output), refused early when it cannot be written. */
export function checkWritable(target: OutputTarget): string | null {
  if (!target.output || isStdoutName(target.output)) return null;
  const shown = shortPathText(target.output);
  if (target.output.endsWith('/') || target.output.endsWith(sep)) {
    throw cannotWriteError(`${shown}: names a folder (it ends with "${sep}"); give a file name for -o`);
  }
  const path = resolve(target.cwd, target.output);
  checkExisting(path, shown, target.force);
  const dir = statOrNull(dirname(path), shown);
  if (dir === null) throw cannotWriteError(`${shown}: the folder ${shortPathText(dirname(path))} does not exist`);
  if (!dir.isDirectory()) throw cannotWriteError(`${shown}: ${shortPathText(dirname(path))} is not a folder`);
  return path;
}

// Temporary files not yet put in place, removed if the run is interrupted.
const pending = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
function removePending(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}
function onSignal(signal: NodeJS.Signals): void {
  removePending();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, as a shell expects (exit status 128 + its number).
  process.kill(process.pid, signal);
}
function track(temp: string): void {
  if (pending.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on('exit', removePending);
  }
  pending.add(temp);
}
function untrack(temp: string): void {
  pending.delete(temp);
  if (pending.size === 0) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener('exit', removePending);
  }
}

let serial = 0;
/** A short name (the target's own name may already be near the file-name limit), unique to this run. */
const tempBeside = (path: string) => join(dirname(path), `.sit-${process.pid}-${serial++}.tmp`);

/**
 * Test-only: when SIT_TEST_PAUSE_FIFO names a FIFO, a writer stops just before putting its file in
 * place until something writes to that FIFO and closes it, so a test can hold two writers at that
 * moment, or signal one, without depending on timing. Never set it otherwise.
 */
async function testPause(): Promise<void> {
  const fifo = process.env.SIT_TEST_PAUSE_FIFO;
  if (fifo) await (await import('node:fs/promises')).readFile(fifo);
}

/** Puts the finished temporary file in place under `path` (see the rules at the top). */
async function commitTemp(temp: string, path: string, shown: string, force: boolean | undefined): Promise<void> {
  await testPause();
  try {
    if (force) {
      // Checked again at the last moment: a device or folder may have appeared since the start.
      const old = checkExisting(path, shown, true);
      if (old) chmodSync(temp, old.mode & 0o7777);
      renameSync(temp, path);
    } else {
      try {
        // A hard link fails if the name exists: the refusal holds at the very moment of writing.
        linkSync(temp, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST')
          throw cannotWriteError(
            `${shown}: already exists (written by something else meanwhile); add --force to overwrite it`,
          );
        // File systems without hard links (FAT, some shares): an exclusive copy refuses the same way.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
        try {
          copyFileSync(temp, path, constants.COPYFILE_EXCL);
        } catch (copyError) {
          if ((copyError as NodeJS.ErrnoException).code === 'EEXIST')
            throw cannotWriteError(
              `${shown}: already exists (written by something else meanwhile); add --force to overwrite it`,
            );
          throw copyError;
        }
      }
      unlinkSync(temp);
    }
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw error instanceof SitError ? error : writeError(shown, error);
  } finally {
    untrack(temp);
  }
}

/** Writes to a temporary file beside the target, then puts it in place (see the rules at the top). */
export async function writeAtomic(
  path: string,
  content: string | Uint8Array,
  display = path,
  options: { force?: boolean } = {},
): Promise<void> {
  const file = openAtomic(path, display, options);
  file.write(content);
  await file.commit();
}

/**
 * A file written in parts (a large result): parts go to a temporary file beside the target, which
 * is put in place by commit() and removed by abort(), so the target is never half written.
 */
export function openAtomic(
  path: string,
  display = path,
  options: { force?: boolean } = {},
): { write(text: string | Uint8Array): void; commit(): Promise<void>; abort(): void } {
  const shown = shortPathText(display);
  const temp = tempBeside(path);
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (error) {
    throw writeError(shown, error);
  }
  track(temp);
  let open = true;
  const abort = () => {
    if (open) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      open = false;
    }
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    untrack(temp);
  };
  return {
    write(text) {
      try {
        const bytes = typeof text === 'string' ? Buffer.from(text) : text;
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      } catch (error) {
        abort();
        throw writeError(shown, error);
      }
    },
    async commit() {
      try {
        fsyncSync(fd);
        closeSync(fd);
        open = false;
      } catch (error) {
        abort();
        throw writeError(shown, error);
      }
      await commitTemp(temp, path, shown, options.force);
    },
    abort,
  };
}

/**
 * What a writer gives: the whole text (or bytes), or its parts in order. Parts are written as they
 * come, so a large result (a year's calendar for every school in England) is never one string.
 */
export type Content = string | Uint8Array | Iterable<string>;

/** Parts are gathered to about this size before each write (one system call a row would be slow). */
export const CHUNK_CHARS = 64 * 1024;

/** The parts of content, gathered into pieces of about CHUNK_CHARS. */
export function* pieces(content: Content): Generator<string | Uint8Array> {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    yield content;
    return;
  }
  let held = '';
  for (const part of content) {
    held += part;
    if (held.length >= CHUNK_CHARS) {
      yield held;
      held = '';
    }
  }
  if (held) yield held;
}

/** Parts of several contents one after another, `separator` between them (join, a part at a time). */
export function* joinedParts(contents: Iterable<Iterable<string>>, separator: string): Generator<string> {
  let first = true;
  for (const parts of contents) {
    if (!first && separator) yield separator;
    first = false;
    yield* parts;
  }
}

/** Content as one string (for a result that is embedded in another, or a test). */
export function contentText(content: Content): string {
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array) return Buffer.from(content).toString('utf8');
  let text = '';
  for (const part of content) text += part;
  return text;
}

/** Where a result goes as it is written: standard output, or the -o file put in place by commit(). */
export interface OutputSink {
  write(chunk: string | Uint8Array): void;
  /** Resolves when standard output can take more (a pipe that is full, on systems that buffer it). */
  ready(): Promise<void>;
  commit(): Promise<void>;
  abort(): void;
}

type Writable = OutputTarget['stdout'] & {
  once?: (event: string, listener: () => void) => unknown;
  off?: (event: string, listener: () => void) => unknown;
  destroyed?: boolean;
};

/** Standard output: written as it comes; a full pipe is waited for rather than buffered in memory. */
function stdoutSink(stdout: Writable): OutputSink {
  let full = false;
  return {
    write(chunk) {
      if (stdout.write(chunk) === false) full = true;
    },
    ready() {
      if (!full) return Promise.resolve();
      full = false;
      const { once, off } = stdout;
      if (stdout.destroyed || !once || !off) return new Promise((resolve) => setImmediate(resolve));
      // A closed pipe ends the run from std-streams.ts's error handler, which runs meanwhile.
      return new Promise((resolve) => {
        const done = () => {
          for (const event of ['drain', 'error', 'close']) off.call(stdout, event, done);
          resolve();
        };
        for (const event of ['drain', 'error', 'close']) once.call(stdout, event, done);
      });
    },
    async commit() {},
    abort() {},
  };
}

/**
 * The sink for a target: standard output, or the -o file written atomically (refused early when
 * it cannot be; a CSV file starts with the byte-order mark).
 */
export function openOutput(target: OutputTarget): OutputSink {
  const path = checkWritable(target);
  if (path === null) return stdoutSink(target.stdout);
  const file = openAtomic(path, target.output, { force: target.force });
  if (target.format === 'csv') file.write(CSV_FILE_BOM);
  return { ...file, ready: () => Promise.resolve() };
}

/** Writes content to the target as it comes; on any failure the -o file's temporary file is removed. */
export async function emit(target: OutputTarget, content: Content): Promise<void> {
  const sink = openOutput(target);
  try {
    for (const piece of pieces(content)) {
      sink.write(piece);
      await sink.ready();
    }
    await sink.commit();
  } catch (error) {
    sink.abort();
    throw error;
  }
}
