// The visit log on disk, read through the one reader of tables (CSV, YAML or .xlsx: read-table.ts
// and xlsx.ts). Appending an entry is log-append.ts.
import { relative, resolve } from 'node:path';
import type { LogEntry } from '../core/log.js';
import { formatProblem } from '../core/school.js';
import { fold } from '../core/values.js';
import { dataError } from '../errors.js';
import { readRecordTable } from './record-file.js';

export interface LogFile {
  file: string;
  entries: LogEntry[];
}

/** A header row of a visit log names a URN and a date column. */
export const isLogHeader = (cells: string[]) =>
  cells.some((c) => fold(c) === 'urn') && cells.some((c) => ['date', 'visitdate'].includes(fold(c)));

/** The entries of a log file, or every bad entry as one line each (exit 65). An empty file has none. */
export async function readLog(
  path: string,
  stdin: NodeJS.ReadableStream,
  display = path,
  sheet?: string,
): Promise<LogFile> {
  const table = await readRecordTable(path, stdin, display, isLogHeader, sheet);
  if (!table) return { file: display, entries: [] };
  // The log's row schema (zod) is loaded only for a log there is: a run without one loads no zod.
  const { toLogEntries } = await import('../core/log.js');
  const { entries, problems } = toLogEntries(table.headers, table.headerLine, table.rows);
  if (problems.length) throw dataError(problems.map((p) => formatProblem(display, p)));
  return { file: display, entries };
}

/**
 * The log a command uses: --log FILE (from the current folder), else `log:` in the config (from
 * the config's folder), else none. Returns the path and how messages name it.
 */
export function logPath(
  given: string | undefined,
  configLog: string | undefined,
  configDir: string,
  cwd: string,
): { path: string; shown: string } | null {
  if (given) return { path: resolve(cwd, given), shown: given };
  if (configLog) {
    const path = resolve(configDir, configLog);
    const rel = relative(cwd, path);
    return { path, shown: rel && !rel.startsWith('..') ? rel : path };
  }
  return null;
}
