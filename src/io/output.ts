// Where results go: standard output, or a file written atomically (temporary file in the same
// folder, then rename), refusing to overwrite without --force.
import { closeSync, existsSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { cannotWriteError, usageError } from '../errors.js';

export const TABLE_FORMATS = ['table', 'csv', 'md', 'html', 'json'] as const;
export type Format = string;

const BY_EXTENSION: Record<string, string> = { '.csv': 'csv', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.json': 'json', '.ics': 'ics', '.xlsx': 'xlsx', '.docx': 'docx' };

/** "-o board.pdf: ..." naming the file types this command writes. */
function wrongFileType(output: string, allowed: readonly string[]): string {
  const extensions = allowed.flatMap((f) => Object.keys(BY_EXTENSION).filter((e) => BY_EXTENSION[e] === f).slice(0, 1));
  return `-o ${output}: sit cannot write that kind of file here; name it ${extensions.join(', ')} (or give --format ${allowed.filter((f) => f !== 'table').join('|')})`;
}

/** --format wins; else the -o file's extension; else a table in a terminal and CSV when piped. */
export function resolveFormat(options: { format?: string; output?: string }, allowed: readonly string[], stdoutIsTTY: boolean, pipedDefault = 'csv'): string {
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
    throw usageError('--format xlsx writes an Excel workbook, not text for the terminal: add -o FILE.xlsx (or pipe it to a file)');
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

export function checkWritable(target: OutputTarget): string | null {
  if (!target.output || target.output === '-') return null;
  const path = resolve(target.cwd, target.output);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw cannotWriteError(`${target.output}: is a folder; give a file name for -o`);
    if (!target.force) throw cannotWriteError(`${target.output}: already exists; add --force to overwrite it`);
  }
  const dir = dirname(path);
  if (!existsSync(dir)) throw cannotWriteError(`${target.output}: the folder ${dir} does not exist`);
  return path;
}

/** Writes to a temporary file beside the target, then renames it into place. */
export function writeAtomic(path: string, content: string | Uint8Array, display = path): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    try { unlinkSync(temp); } catch { /* nothing was written */ }
    const code = (error as NodeJS.ErrnoException).code;
    throw cannotWriteError(`${display}: cannot be written (${code ?? (error as Error).message})`);
  }
}

/**
 * A file written in parts (a large result): parts go to a temporary file beside the target, which
 * is renamed into place by commit() and removed by abort(), so the target is never half written.
 */
export function openAtomic(path: string, display = path): { write(text: string): void; commit(): void; abort(): void } {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fail = (error: unknown) => {
    try { unlinkSync(temp); } catch { /* nothing was written */ }
    const code = (error as NodeJS.ErrnoException).code;
    return cannotWriteError(`${display}: cannot be written (${code ?? (error as Error).message})`);
  };
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (error) {
    throw fail(error);
  }
  return {
    write(text) {
      try { writeSync(fd, text); } catch (error) { closeSync(fd); throw fail(error); }
    },
    commit() {
      try { closeSync(fd); renameSync(temp, path); } catch (error) { throw fail(error); }
    },
    abort() {
      try { closeSync(fd); } catch { /* already closed */ }
      try { unlinkSync(temp); } catch { /* already gone */ }
    },
  };
}

export function emit(target: OutputTarget, content: string | Uint8Array): void {
  const path = checkWritable(target);
  if (path === null) {
    target.stdout.write(content);
    return;
  }
  writeAtomic(path, target.format === 'csv' && typeof content === 'string' ? CSV_FILE_BOM + content : content, target.output);
}
