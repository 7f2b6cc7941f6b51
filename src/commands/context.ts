// What a command runs with: its streams, folder and environment (injected, so tests can run the
// whole CLI in process), and the options every command shares.
import { resolve, sep } from 'node:path';
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
import { asEarlierInspections } from '../core/report-card.js';
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
    .option(
      '--as-of <date>',
      'the date to work as of: decides the academic year, new heads, due cycles (default: today)',
    );
}

/** For a command that writes a document rather than a table: its default format, and no terminal colours. */
export interface DocumentOutput {
  defaultFormat: string;
}

export function withOutputOptions(cmd: Command, formats: readonly string[], document?: DocumentOutput): Command {
  const defaultText = document
    ? `${document.defaultFormat}, or the -o file's extension`
    : 'table in a terminal, csv when piped';
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
  if (!parsed.ok || parsed.value === null)
    throw usageError(`${flag} ${value}: expected a date as YYYY-MM-DD or DD/MM/YYYY`);
  return parsed.value;
}

export function loadPolicy(options: CommonOptions, io: Io): LoadedConfig {
  return loadConfig({ cwd: io.cwd, config: options.config, preset: options.preset });
}

/** The data file: the FILE argument, else `schools:` in the config (relative to the config). */
export function dataFile(file: string | undefined, loaded: LoadedConfig, io: Io): string {
  if (file) return file === '-' ? '-' : resolve(io.cwd, file);
  if (loaded.config.schools) return resolve(loaded.dir, loaded.config.schools);
  throw usageError(
    'no data file: give one (e.g. sit classify schools.csv), or set "schools: schools.csv" in trust.config.yaml',
  );
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

export function note(options: CommonOptions, io: Io, line: string): void {
  if (!options.quiet) io.stderr.write(`${messageLine(line, 2000)}\n`);
}

export interface DataOptions extends CommonOptions {
  with?: string[];
  layout?: string;
  sheet?: string;
}

/** --with, --layout and --sheet: reading published files and joining them (issue 6). */
export function withDataOptions(cmd: Command, file = 'FILE'): Command {
  return cmd
    .option(
      '--with <file>',
      `join another file to ${file} on URN (repeatable): an older Ofsted file, DfE performance or attendance, a GIAS extract, a trust tracker (.csv or .xlsx); also with: in trust.config.yaml`,
      (value: string, list: string[] = []) => [...list, value],
    )
    .option(
      '--layout <name>',
      `read ${file} as this published layout instead of recognising it: ${LAYOUT_IDS.join(', ')}`,
    )
    .option('--sheet <name>', `the sheet of an .xlsx ${file} to read (default: the first)`);
}

export interface PolicyAndData {
  loaded: LoadedConfig;
  data: SchoolsFile;
  /** Lines for standard error: the preset chosen for a public file, the joins. */
  notes: string[];
}

/**
 * The one place the policy follows the data: with no trust.config.yaml policy and no --preset, a
 * published file that carries its own inspection data (Ofsted, GIAS) is placed by the preset its
 * layout names (rise-2025), since the default preset needs a trust's own columns. Every command
 * that reads school data comes through here, so each places a school the same way.
 */
export function policyForData(
  loaded: LoadedConfig,
  data: SchoolsFile,
  options: CommonOptions,
  io: Io,
): { loaded: LoadedConfig; note: string | null } {
  const preset = data.layout?.publicPreset;
  if (!loaded.policyIsDefault || !preset) return { loaded, note: null };
  return {
    loaded: loadConfig({ cwd: io.cwd, config: options.config, defaultPreset: preset }),
    note: `no policy in a trust.config.yaml: placing ${data.layout!.label} by preset ${preset}, which needs only Ofsted's published data (choose another with --preset)`,
  };
}

/** The files to join on URN: `with:` in the config (relative to it), then --with (relative to here). */
export function withFiles(loaded: LoadedConfig, given: string[] | undefined, io: Io): string[] {
  const fromConfig = (loaded.config.with ?? []).map((f) => resolve(loaded.dir, f));
  const fromFlags = (given ?? []).map((f) => (f === '-' ? '-' : resolve(io.cwd, f)));
  return [...fromConfig, ...fromFlags];
}

/** Joins the extra files to the school data read; the notes describe the join. */
export async function joinWith(
  data: SchoolsFile,
  extras: string[],
  io: Io,
): Promise<{ data: SchoolsFile; notes: string[] }> {
  if (extras.length === 0) return { data, notes: [] };
  if (extras.includes('-') && data.file === 'standard input')
    throw usageError('--with -: standard input is already the main file');
  const read: SchoolsFile[] = [];
  for (const path of extras) read.push(await readSchools(path, io.stdin, displayPath(path, io)));
  const joined = joinSchools(
    { file: data.file, schools: data.schools },
    read.map((e) => ({ file: e.file, schools: asEarlierInspections(data.schools, e.schools) })),
  );
  return { data: { ...data, schools: joined.schools }, notes: describeJoin(joined) };
}

/**
 * The policy and the school data, read as every command reads it: --layout and --sheet for the
 * main file, joined with the config's `with:` files and every --with file, and the policy chosen
 * for a published file by policyForData.
 */
export async function loadPolicyAndData(
  file: string | undefined,
  options: DataOptions,
  io: Io,
  preloaded?: LoadedConfig,
): Promise<PolicyAndData> {
  const notes: string[] = [];
  const first = preloaded ?? loadPolicy(options, io);
  const path = dataFile(file, first, io);
  const read = { layout: options.layout, sheet: options.sheet };
  const data = await readSchools(path, io.stdin, displayPath(path, io), read);
  const { loaded, note: chosen } = policyForData(first, data, options, io);
  if (chosen) notes.push(chosen);
  const joined = await joinWith(data, withFiles(first, options.with, io), io);
  return { loaded, data: joined.data, notes: [...notes, ...joined.notes] };
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
export async function classifyData(
  file: string | undefined,
  options: DataOptions,
  io: Io,
  preloaded?: LoadedConfig,
): Promise<Classified> {
  const asOf = asOfDate(options, io);
  const { loaded, data, notes } = await loadPolicyAndData(file, options, io, preloaded);
  for (const line of notes) note(options, io, line);
  const result = classify(data.schools, loaded.policy, { asOf });
  if (result.problems.length) throw dataError(result.problems.map((p) => formatProblem(data.file, p)));
  return { loaded, asOf, data, placements: result.placements };
}
