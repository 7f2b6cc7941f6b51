// What a command runs with: its streams, folder and environment (injected, so tests can run the
// whole CLI in process), and the options every command shares.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { dataError, usageError } from '../errors.js';
import { classify, type Placement } from '../core/classify.js';
import { formatProblem } from '../core/school.js';
import { parseDate } from '../core/values.js';
import { todayIso } from '../core/dates.js';
import { loadConfig, type LoadedConfig } from '../io/config.js';
import { readSchools, type SchoolsFile } from '../io/read-schools.js';
import { LAYOUT_IDS } from '../io/layouts.js';
import { describeJoin, joinSchools } from '../core/join.js';
import { resolveFormat } from '../io/output.js';
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

/** The options table: declared once, added to each command that takes them. */
export function withPolicyOptions(cmd: Command): Command {
  return cmd
    .option('--preset <name>', 'use a shipped preset policy instead of the one in trust.config.yaml')
    .option('--config <file>', 'the trust config (default: trust.config.yaml in this folder or above)')
    .option('--as-of <date>', 'the date to work as of: decides the academic year, new heads, due cycles (default: today)');
}

/** For a command that writes a document rather than a table: its default format, and no terminal colours. */
export interface DocumentOutput {
  defaultFormat: string;
}

export function withOutputOptions(cmd: Command, formats: readonly string[], document?: DocumentOutput): Command {
  const defaultText = document ? `${document.defaultFormat}, or the -o file's extension` : 'table in a terminal, csv when piped';
  cmd
    .option('--format <format>', `output format: ${formats.join(', ')} (default: ${defaultText})`)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--force', 'overwrite the -o file if it exists')
    .option('--quiet', 'print nothing but the result (no summary)');
  return document ? cmd : cmd.option('--no-color', 'no colour in the terminal table (also: NO_COLOR=1)');
}

export function asOfDate(options: CommonOptions, io: Io): string {
  return options.asOf ? dateOption('--as-of', options.asOf) : todayIso(io.now());
}

/** A date given on the command line (--as-of, --old-as-of), as YYYY-MM-DD; a usage error if it is not one. */
export function dateOption(flag: string, value: string): string {
  const parsed = parseDate(value);
  if (!parsed.ok || parsed.value === null) throw usageError(`${flag} ${value}: expected a date as YYYY-MM-DD or DD/MM/YYYY`);
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
  if (!options.quiet) io.stderr.write(`${messageLine(line, 2000)}\n`);
}

export interface DataOptions extends CommonOptions {
  with?: string[];
  layout?: string;
  sheet?: string;
}

/** --with, --layout and --sheet: reading published files and joining them (issue 6). */
export function withDataOptions(cmd: Command): Command {
  return cmd
    .option('--with <file>', 'join another file on URN (repeatable): DfE performance or attendance, a GIAS extract, a trust tracker (.csv or .xlsx)', (value: string, list: string[] = []) => [...list, value])
    .option('--layout <name>', `read FILE as this published layout instead of recognising it: ${LAYOUT_IDS.join(', ')}`)
    .option('--sheet <name>', 'the sheet of an .xlsx FILE to read (default: the first)');
}

export interface PolicyAndData {
  loaded: LoadedConfig;
  data: SchoolsFile;
  /** Lines for standard error: the preset chosen for a public file, the joins. */
  notes: string[];
}

/**
 * The policy and the school data, joined with every --with file. With no trust.config.yaml and
 * no --preset, a published file that carries its own inspection data (Ofsted, GIAS) is placed by
 * the preset its layout names (rise-2025): the default preset needs a trust's own columns.
 */
export async function loadPolicyAndData(file: string | undefined, options: DataOptions, io: Io, preloaded?: LoadedConfig): Promise<PolicyAndData> {
  const notes: string[] = [];
  let loaded = preloaded ?? loadPolicy(options, io);
  const path = dataFile(file, loaded, io);
  const read = { layout: options.layout, sheet: options.sheet };
  const data = await readSchools(path, io.stdin, displayPath(path, io), read);
  const preset = data.layout?.publicPreset;
  if (loaded.policyIsDefault && preset) {
    loaded = loadConfig({ cwd: io.cwd, config: options.config, defaultPreset: preset });
    notes.push(`no policy in a trust.config.yaml: placing ${data.layout!.label} by preset ${preset}, which needs only Ofsted's published data (choose another with --preset)`);
  }
  for (const extra of options.with ?? []) {
    if (extra === '-' && path === '-') throw usageError('--with -: standard input is already the main file');
  }
  if (options.with?.length) {
    const extras = [];
    for (const extra of options.with) {
      const extraPath = extra === '-' ? '-' : resolve(io.cwd, extra);
      extras.push(await readSchools(extraPath, io.stdin, displayPath(extraPath, io)));
    }
    const joined = joinSchools({ file: data.file, schools: data.schools }, extras.map((e) => ({ file: e.file, schools: e.schools })));
    notes.push(...describeJoin(joined));
    return { loaded, data: { ...data, schools: joined.schools }, notes };
  }
  return { loaded, data, notes };
}

export interface Classified {
  loaded: LoadedConfig;
  asOf: string;
  data: SchoolsFile;
  placements: Placement[];
}

/**
 * The first step of every command that works on placed schools: the policy, the data (joined
 * with --with files), and each school's placement. Bad data stops here with every problem listed.
 * A command that has already loaded the config passes it, so it is read once.
 */
export async function classifyData(file: string | undefined, options: DataOptions, io: Io, preloaded?: LoadedConfig): Promise<Classified> {
  const asOf = asOfDate(options, io);
  const { loaded, data, notes } = await loadPolicyAndData(file, options, io, preloaded);
  for (const line of notes) note(options, io, line);
  const result = classify(data.schools, loaded.policy, { asOf });
  if (result.problems.length) throw dataError(result.problems.map((p) => formatProblem(data.file, p)));
  return { loaded, asOf, data, placements: result.placements };
}
