// Where results go: standard output, or a file written atomically (temporary file in the same
// folder, then rename), refusing to overwrite without --force.
import { existsSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { cannotWriteError, usageError } from '../errors.js';

export const TABLE_FORMATS = ['table', 'csv', 'md', 'html', 'json'] as const;
export type Format = string;

const BY_EXTENSION: Record<string, string> = { '.csv': 'csv', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.json': 'json', '.ics': 'ics', '.xlsx': 'xlsx', '.docx': 'docx' };

/** --format wins; else the -o file's extension; else a table in a terminal and CSV when piped. */
export function resolveFormat(options: { format?: string; output?: string }, allowed: readonly string[], stdoutIsTTY: boolean, pipedDefault = 'csv'): string {
  let format = options.format;
  if (!format && options.output) format = BY_EXTENSION[extname(options.output).toLowerCase()];
  if (!format) format = stdoutIsTTY && !options.output ? 'table' : pipedDefault;
  if (!allowed.includes(format)) {
    throw usageError(`--format ${format} is not available here; choose one of: ${allowed.join(', ')}`);
  }
  if (format === 'table' && options.output) format = 'csv';
  return format;
}

export interface OutputTarget {
  output?: string;
  force?: boolean;
  cwd: string;
  stdout: { write(chunk: string | Uint8Array): unknown };
}

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

export function emit(target: OutputTarget, content: string | Uint8Array): void {
  const path = checkWritable(target);
  if (path === null) {
    target.stdout.write(content);
    return;
  }
  writeAtomic(path, content, target.output);
}
