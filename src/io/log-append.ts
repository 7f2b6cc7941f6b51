// One entry appended to the visit log at a time (CSV or YAML; log-file.ts reads it) so that two
// people logging at once both land:
// - a lock file beside the log (LOG.lock, created exclusively) is held while the log is read and
//   rewritten; a lock whose process has died (same machine), or that is older than STALE_MS, is
//   taken over (renamed away first, so only one waiting process can take it);
// - the new log is written to a temporary file and renamed over the old one (io/output.ts's
//   writeAtomic): a reader sees the old log or the new, never half a line, and an interrupted run
//   leaves the log as it was;
// - the line is written in the file's own column order, delimiter and line ends, quoted where a
//   value holds the delimiter, a quote or a line break, and a file that does not end with a line
//   break gets one first (so the new entry never joins the last line).
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { stringify } from 'yaml';
import { entryCells, logColumns, LOG_COLUMNS, toLogEntries, type LogEntry } from '../core/log.js';
import { formatProblem } from '../core/school.js';
import { SitError, cannotWriteError, dataError, usageError } from '../errors.js';
import { neutralise } from './formats/csv.js';
import { shortPathText } from './file-errors.js';
import { isLogHeader } from './log-file.js';
import { writeAtomic } from './output.js';
import { decode } from './read-text.js';
import { detectDelimiter, looksLikeYaml, readCsvTable } from './read-table.js';
import { readYamlTable } from './read-yaml-table.js';
import { isXlsxPath, looksLikeXlsx } from './xlsx.js';

/** A lock older than this is taken over whoever holds it (a log on a shared drive, another machine). */
export const STALE_MS = 60_000;
/** How long an append waits for another to finish. */
export const LOCK_WAIT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock's holder has died (same machine) or the lock is older than STALE_MS. */
function isStale(text: string, ageMs: number): boolean {
  const [pid, host] = text.split(' ');
  if (host === hostname() && /^\d+$/.test(pid) && !alive(Number(pid))) return true;
  return ageMs > STALE_MS;
}

/** Holds LOG.lock while `work` runs; waits for another holder, takes over a stale lock. */
export async function withLogLock<T>(
  path: string,
  shown: string,
  work: () => T | Promise<T>,
  waitMs = LOCK_WAIT_MS,
): Promise<T> {
  const lock = `${path}.lock`;
  const mine = `${process.pid} ${hostname()} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw cannotWriteError(`${shortPathText(lock)}: cannot create the log's lock file (${code})`);
    }
    let text = '';
    let age = 0;
    try {
      text = readFileSync(lock, 'utf8');
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released meanwhile: try again at once
    }
    if (text !== '' && isStale(text, age)) {
      // Rename, then check it was the stale lock that moved: two waiters never both take it over.
      const aside = `${lock}.${process.pid}.stale`;
      try {
        renameSync(lock, aside);
        if (readFileSync(aside, 'utf8') === text) unlinkSync(aside);
        else renameSync(aside, lock); // a fresh lock: put it back
      } catch {
        // another waiter moved it first
      }
      continue;
    }
    if (Date.now() > deadline)
      throw cannotWriteError(
        `${shown}: another sit log add has held ${shortPathText(lock)} for ${Math.round(age / 1000)} s; try again, or delete that file if no one is logging`,
      );
    await sleep(pause);
  }
  try {
    return await work();
  } finally {
    try {
      if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}

/** A CSV field in this file's delimiter: neutralised for Excel, quoted when it must be. */
function field(value: string, delimiter: string): string {
  const text = neutralise(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The new text of a CSV log with the entry appended. */
function appendCsv(existing: string | null, entry: Omit<LogEntry, 'line'>, shown: string): string {
  const cells = entryCells(entry);
  if (existing === null || existing.trim() === '') {
    const header = LOG_COLUMNS.join(',');
    return `${header}\r\n${LOG_COLUMNS.map((c) => field(cells[c], ',')).join(',')}\r\n`;
  }
  const delimiter = detectDelimiter(existing, isLogHeader);
  const table = readCsvTable({ display: shown, text: existing, encoding: 'utf-8' }, isLogHeader);
  const { at, problems } = logColumns(table.headers, table.headerLine);
  const bad = toLogEntries(table.headers, table.headerLine, table.rows).problems;
  if (problems.length || bad.length)
    throw dataError([
      ...[...problems, ...bad].map((p) => formatProblem(shown, p)),
      `${shown}: nothing was added; put these right first`,
    ]);
  const row = table.headers.map(() => '');
  for (const [column, i] of at) row[i] = cells[column];
  // Where Excel separates with semicolons the comma is the decimal mark: half a day is 0,5 there.
  if (delimiter === ';') row[at.get('days')!] = cells.days.replace('.', ',');
  const eol = /\r\n/.test(existing.slice(0, 4096)) ? '\r\n' : '\n';
  const joiner = /[\r\n]$/.test(existing) ? '' : eol;
  return `${existing}${joiner}${row.map((c) => field(c, delimiter)).join(delimiter)}${eol}`;
}

/** The new text of a YAML log (a list of entries) with the entry appended. */
function appendYaml(existing: string | null, entry: Omit<LogEntry, 'line'>, shown: string): string {
  if (existing !== null && existing.trim() !== '') {
    const bad = toLogEntriesOfYaml(existing, shown);
    if (bad.length) throw dataError([...bad, `${shown}: nothing was added; put these right first`]);
  }
  const cells = entryCells(entry);
  const item: Record<string, string | number> = {};
  for (const c of LOG_COLUMNS) if (cells[c] !== '') item[c] = c === 'urn' || c === 'days' ? Number(cells[c]) : cells[c];
  const text = existing ?? '';
  const joiner = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${joiner}${stringify([item], { lineWidth: 0 })}`;
}

function toLogEntriesOfYaml(text: string, shown: string): string[] {
  const table = readYamlTable({ display: shown, text, encoding: 'utf-8' });
  return toLogEntries(table.headers, table.headerLine, table.rows).problems.map((p) => formatProblem(shown, p));
}

/** Appends one entry to the log at `path` (created, with its header, when absent). Returns the number of entries. */
export async function appendLogEntry(path: string, shown: string, entry: Omit<LogEntry, 'line'>): Promise<number> {
  if (isXlsxPath(path))
    throw usageError(
      `${shown}: sit log add writes CSV or YAML logs; an Excel log is read but not changed (Excel may hold it open): keep the log as .csv`,
    );
  return withLogLock(path, shown, async () => {
    let existing: string | null = null;
    let bom = false;
    try {
      const bytes = readFileSync(path);
      if (looksLikeXlsx(bytes)) throw usageError(`${shown}: is an Excel workbook; sit log add writes CSV or YAML logs`);
      const source = decode(bytes, shown);
      if (source.encoding !== 'utf-8')
        throw dataError(
          `${shown}: is ${source.encoding} text; save it from Excel as "CSV UTF-8" so entries can be added`,
        );
      existing = source.text;
      bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    } catch (error) {
      if (error instanceof SitError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw cannotWriteError(`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
    const yaml = looksLikeYaml({ display: shown, text: existing ?? '', encoding: 'utf-8' }, path);
    const text = yaml ? appendYaml(existing, entry, shown) : appendCsv(existing, entry, shown);
    // The whole new log beside the old, renamed over it with its mode kept (io/output.ts).
    await writeAtomic(path, bom ? `\uFEFF${text}` : text, shown, { force: true });
    const table = yaml
      ? readYamlTable({ display: shown, text, encoding: 'utf-8' })
      : readCsvTable({ display: shown, text, encoding: 'utf-8' }, isLogHeader);
    return table.rows.filter((r) => r.cells.some((c) => c.trim() !== '')).length;
  });
}
