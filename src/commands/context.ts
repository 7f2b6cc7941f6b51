// What a command runs with: its streams, folder and environment (injected, so tests can run the
// whole CLI in process), and the options every command shares.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { parseDate } from '../core/values.js';
import { todayIso } from '../core/dates.js';
import { loadConfig, type LoadedConfig } from '../io/config.js';
import { resolveFormat } from '../io/output.js';

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

/** The options table: declared once, added to each command that takes them. */
export function withPolicyOptions(cmd: Command): Command {
  return cmd
    .option('--preset <name>', 'use a shipped preset policy instead of the one in trust.config.yaml')
    .option('--config <file>', 'the trust config (default: trust.config.yaml in this folder or above)')
    .option('--as-of <date>', 'the date to work as of: decides the academic year, new heads, due cycles (default: today)');
}

export function withOutputOptions(cmd: Command, formats: readonly string[]): Command {
  return cmd
    .option('--format <format>', `output format: ${formats.join(', ')} (default: table in a terminal, csv when piped)`)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--force', 'overwrite the -o file if it exists')
    .option('--quiet', 'print nothing but the result (no summary)')
    .option('--no-color', 'no colour in the terminal table (also: NO_COLOR=1)');
}

export function asOfDate(options: CommonOptions, io: Io): string {
  if (!options.asOf) return todayIso(io.now());
  const parsed = parseDate(options.asOf);
  if (!parsed.ok || parsed.value === null) throw usageError(`--as-of ${options.asOf}: expected a date as YYYY-MM-DD or DD/MM/YYYY`);
  return parsed.value;
}

export function loadPolicy(options: CommonOptions, io: Io): LoadedConfig {
  return loadConfig({ cwd: io.cwd, config: options.config, preset: options.preset });
}

/** The data file: the FILE argument, else `schools:` in the config (relative to the config). */
export function dataFile(file: string | undefined, loaded: LoadedConfig, io: Io): string {
  if (file) return file === '-' ? '-' : resolve(io.cwd, file);
  if (loaded.config.schools) return resolve(loaded.dir, loaded.config.schools);
  throw usageError('no data file: give one (e.g. sit classify schools.csv), or set "schools: schools.csv" in trust.config.yaml');
}

export function displayPath(path: string, io: Io): string {
  if (path === '-') return 'standard input';
  return path.startsWith(`${io.cwd}/`) ? path.slice(io.cwd.length + 1) : path;
}

export function useColor(options: CommonOptions, io: Io): boolean {
  return options.color !== false && !io.env.NO_COLOR && io.stdout.isTTY === true;
}

export function outputFormat(options: CommonOptions, io: Io, allowed: readonly string[]): string {
  return resolveFormat(options, allowed, io.stdout.isTTY === true);
}

export function note(options: CommonOptions, io: Io, line: string): void {
  if (!options.quiet) io.stderr.write(`${line}\n`);
}
