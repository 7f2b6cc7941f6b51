// What a command runs with: its streams, folder and environment (injected, so tests can run the
// whole CLI in process), the options every command shares, and its one write.
import { sep } from 'node:path';
import { usageError } from '../errors.js';
import { parseDate } from '../core/values.js';
import { todayIso } from '../core/dates.js';
import { emit, resolveFormat, type Content } from './output.js';
import { messageLine } from '../core/visible.js';

export interface Io {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
  /** "Today", unless --as-of says otherwise. */
  now: () => Date;
}

export interface CommonOptions {
  preset?: string;
  config?: string;
  asOf?: string;
  format?: string;
  output?: string;
  force?: boolean;
  quiet?: boolean;
  color?: boolean;
}

export interface DataOptions extends CommonOptions {
  with?: string[];
  layout?: string;
  sheet?: string;
  tierChanges?: string;
}

export function asOfDate(options: CommonOptions, io: Io): string {
  return options.asOf ? dateOption('--as-of', options.asOf) : todayIso(io.now());
}

/** A date given on the command line (--as-of, --old-as-of), as YYYY-MM-DD; a usage error if it is not one. */
export function dateOption(flag: string, value: string): string {
  const parsed = parseDate(value);
  if (!parsed.ok || parsed.value === null)
    throw usageError(`${flag} ${value}: expected a date as YYYY-MM-DD or DD/MM/YYYY`);
  return parsed.value;
}

export function displayPath(path: string, io: Io): string {
  if (path === '-') return 'standard input';
  // The platform's separator: on Windows a file in the current folder was shown by its full path.
  const here = io.cwd.endsWith(sep) ? io.cwd : `${io.cwd}${sep}`;
  return path.startsWith(here) ? path.slice(here.length) : path;
}

export function useColor(options: CommonOptions, io: Io): boolean {
  return options.color !== false && !io.env.NO_COLOR && io.stdout.isTTY === true;
}

export function outputFormat(options: CommonOptions, io: Io, allowed: readonly string[]): string {
  return resolveFormat(options, allowed, io.stdout.isTTY === true);
}

/** A line for standard error (a summary, a note), unless --quiet. */
export function note(options: CommonOptions, io: Io, line: string): void {
  if (!options.quiet) io.stderr.write(`${messageLine(line, 2000)}\n`);
}

/**
 * A command's one write: to -o (atomically, refusing to overwrite without --force) or standard
 * output, the parts as they come.
 */
export async function writeOutput(options: CommonOptions, io: Io, content: Content, format?: string): Promise<void> {
  await emit({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout, format }, content);
}

/** A school's URN given on the command line (--school), as a number; a usage error if it is not 6 digits. */
export function urnOption(flag: string, value: string): number {
  if (!/^\d{6}$/.test(value.trim())) throw usageError(`${flag} ${value}: expected a 6-digit URN`);
  return Number(value);
}

/** A document's format (--format, else the -o file's extension, else md); a Word document is never shown on a terminal. */
export function documentFormat(options: CommonOptions, io: Io, allowed: readonly string[], example: string): string {
  const format = resolveFormat(options, allowed, false, 'md');
  if (format === 'docx' && !options.output && io.stdout.isTTY)
    throw usageError(`a Word document cannot be shown in the terminal; add -o ${example}`);
  return format;
}
