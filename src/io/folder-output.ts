// Many files into one folder (sit wfap new --all, sit calendar --split lead): the folder made if need be, no file overwritten
// without --force (checked for all before any is written), each written whole, and a progress bar
// on a terminal for a long run.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cannotWriteError } from '../errors.js';
import { displayPath, type Io } from './command-io.js';
import { emit, type Content } from './output.js';

/** A progress bar (on a terminal) from this many files. */
const PROGRESS_FROM = 10;

export interface FolderOptions {
  /** -o as given. */
  output: string;
  force?: boolean;
  quiet?: boolean;
  format: string;
  /** What the files are, for the bar ("WFAPs") and the messages ("plans"). */
  label: string;
  noun: string;
}

/** Writes `names[i]` with `content(i)` into the folder -o names. */
export async function writeFolder(
  names: string[],
  content: (index: number) => Content | Promise<Content>,
  options: FolderOptions,
  io: Io,
): Promise<void> {
  const dir = resolve(io.cwd, options.output);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw cannotWriteError(`${options.output}: is a file; -o must name a folder for the ${options.noun}`);
  const files = names.map((name) => join(dir, name));
  const existing = files.filter((f) => existsSync(f));
  if (existing.length && !options.force) {
    throw cannotWriteError(
      `${options.output}: ${existing.length} of the ${files.length} ${options.noun} already exist (e.g. ${displayPath(existing[0], io)}); add --force to overwrite them`,
    );
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw cannotWriteError(`${options.output}: the folder cannot be made (${(error as NodeJS.ErrnoException).code})`);
  }
  const bar = await progressBar(files.length, options, io);
  try {
    for (let i = 0; i < files.length; i++) {
      // Each file as -o writes one: atomic, and a CSV file with its byte-order mark.
      const target = { output: displayPath(files[i], io), force: options.force, cwd: io.cwd, stdout: io.stdout };
      await emit({ ...target, format: options.format }, await content(i));
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
}

async function progressBar(total: number, options: FolderOptions, io: Io) {
  if (io.stderr.isTTY !== true || options.quiet || total < PROGRESS_FROM) return null;
  const progress = await import('cli-progress');
  // cli-progress is CommonJS: its classes are on the default export once bundled.
  const { SingleBar } = (progress as unknown as { default?: typeof progress }).default ?? progress;
  const bar = new SingleBar({
    stream: io.stderr as unknown as NodeJS.WritableStream,
    format: `${options.label} {bar} {value}/{total}`,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0);
  return bar;
}
