// sit diff OLD NEW: tier movements between two years (up, down, same, joined, left, newly needing data).
import { resolve } from 'node:path';
import { Command } from 'commander';
import { classify } from '../core/classify.js';
import { diff, entryOf, unknownTiers, yearBefore, type DiffEntry, type DiffResult } from '../core/diff.js';
import { formatProblem, isHeaderRow } from '../core/school.js';
import { dataError, usageError } from '../errors.js';
import {
  classificationTable,
  isClassificationTable,
  diffJson,
  diffTable,
  entriesFromCsv,
  entriesFromJson,
  looksLikeJson,
} from '../io/diff-output.js';
import { emit } from '../io/output.js';
import { decode, readBytes } from '../io/read-text.js';
import { looksLikeYaml } from '../io/read-table.js';
import { schoolsFromBytes } from '../io/read-schools.js';
import { isXlsxPath, looksLikeXlsx, readXlsxTable } from '../io/xlsx.js';
import { renderTableOutput, toJson } from '../io/render.js';
import type { LoadedConfig } from '../io/config.js';
import {
  asOfDate,
  dateOption,
  displayPath,
  joinWith,
  loadPolicy,
  note,
  outputFormat,
  policyForData,
  useColor,
  withDataOptions,
  withFiles,
  withOutputOptions,
  withPolicyOptions,
  type CommonOptions,
  type Io,
} from './context.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

export interface DiffSide {
  entries: DiffEntry[];
  /** The date a data file was classified as of; null for a classification output. */
  asOf: string | null;
  file: string;
  /** The policy the side was placed by (a published file may choose it: context.ts policyForData). */
  loaded: LoadedConfig;
  notes: string[];
}

/** How a data side is read: --layout, --sheet, and the files joined to it. */
export interface SideReading {
  layout?: string;
  sheet?: string;
  with: string[];
  options: CommonOptions;
}

/**
 * Reads one side: a `sit classify` output (JSON, or CSV with tier and days_text columns) as it is,
 * or a school data file, classified with the policy as of the given date.
 */
export async function readSide(
  file: string,
  asOf: string,
  loaded: LoadedConfig,
  io: Io,
  reading: SideReading = { with: [], options: {} },
): Promise<DiffSide> {
  const path = file === '-' ? '-' : resolve(io.cwd, file);
  const shown = displayPath(path, io);
  const bytes = await readBytes(path, io.stdin, shown);
  // A `sit classify` output (JSON, CSV or a workbook with its columns), or else school data.
  let entries: DiffEntry[] | null = null;
  if (isXlsxPath(path) || looksLikeXlsx(bytes)) {
    const table = await readXlsxTable(bytes, shown, isHeaderRow);
    if (isClassificationTable(table)) entries = entriesFromCsv(table);
  } else {
    const source = decode(bytes, shown);
    if (looksLikeJson(source)) entries = entriesFromJson(source);
    else if (!looksLikeYaml(source, path)) {
      const table = classificationTable(source);
      if (table) entries = entriesFromCsv(table);
    }
  }
  if (entries) {
    const strange = unknownTiers(entries, loaded.policy);
    if (strange.length)
      throw dataError(
        `${shown}: tier ${strange.map((t) => `"${t}"`).join(', ')} is not a tier of policy ${loaded.policy.id}; classify both years with the policy you compare them under (--preset or --config)`,
      );
    return { entries, asOf: null, file: shown, loaded, notes: [] };
  }
  // A school data file: read as every other command reads one (layouts, Excel, --with), then placed.
  const read = await schoolsFromBytes(bytes, path, shown, { layout: reading.layout, sheet: reading.sheet });
  if (read.problems.length) throw dataError(read.problems.map((p) => formatProblem(shown, p)));
  const chosen = policyForData(loaded, read, reading.options, io);
  const { data, notes } = await joinWith(read, reading.with, io);
  const result = classify(data.schools, chosen.loaded.policy, { asOf });
  if (result.problems.length) throw dataError(result.problems.map((p) => formatProblem(shown, p)));
  return {
    entries: result.placements.map(entryOf),
    asOf,
    file: shown,
    loaded: chosen.loaded,
    notes: [...(chosen.note ? [chosen.note] : []), ...notes],
  };
}

export interface DiffOptions extends CommonOptions {
  oldAsOf?: string;
  with?: string[];
  oldWith?: string[];
  layout?: string;
  sheet?: string;
}

export interface Compared {
  result: DiffResult;
  old: DiffSide;
  now: DiffSide;
}

/** Both sides read and compared; data files: NEW as of --as-of, OLD a year earlier unless --old-as-of. */
export async function compareFiles(
  oldFile: string,
  newFile: string,
  options: DiffOptions,
  loaded: LoadedConfig,
  io: Io,
): Promise<Compared> {
  if (oldFile === '-' && newFile === '-') throw usageError('only one of OLD and NEW can be standard input (-)');
  const asOf = asOfDate(options, io);
  const oldAsOf = options.oldAsOf ? dateOption('--old-as-of', options.oldAsOf) : yearBefore(asOf);
  // NEW first: a published NEW file chooses the policy (as classify would), and OLD is placed by it too.
  const side = (given: string[] | undefined): SideReading => ({
    layout: options.layout,
    sheet: options.sheet,
    with: withFiles(loaded, given, io),
    options,
  });
  const now = await readSide(newFile, asOf, loaded, io, side(options.with));
  const old = await readSide(oldFile, oldAsOf, now.loaded, io, side(options.oldWith));
  return { result: diff(old.entries, now.entries, now.loaded.policy), old, now };
}

export function sidesLine(c: Compared): string {
  const side = (s: DiffSide) =>
    s.asOf ? `${s.file} (classified as of ${s.asOf})` : `${s.file} (a sit classify output)`;
  return `From ${side(c.old)} to ${side(c.now)}.`;
}

export function diffCommand(io: Io): Command {
  const cmd = new Command('diff')
    .description('tier movements between two years: up, down, same, joined, left, newly needing data')
    .argument('<old>', "last year's classification (sit classify output, CSV or JSON) or school data file")
    .argument('<new>', "this year's, in the same form");
  withPolicyOptions(cmd);
  withDataOptions(cmd, 'NEW');
  cmd.option(
    '--old-with <file>',
    'join another file on URN to OLD (repeatable), as --with does for NEW',
    (value: string, list: string[] = []) => [...list, value],
  );
  withOutputOptions(cmd, FORMATS);
  cmd.option(
    '--old-as-of <date>',
    'when OLD is a data file: classify it as of this date (default: a year before --as-of)',
  );
  cmd.addHelpText(
    'after',
    `
"up" is a move to a tier with more support (a higher level in the policy), "down" to one with less.
Data files are classified with the same policy: NEW as of --as-of, OLD a year earlier.

Examples:
  sit diff tiers-2025.csv tiers-2026.csv        two sit classify outputs
  sit diff schools-2025.csv schools-2026.csv --as-of 2026-09-01 --format md
  sit diff old.json new.json --format json | jq '.movements[] | select(.movement == "up")'`,
  );
  cmd.action(async (oldFile: string, newFile: string, options: DiffOptions) => {
    const format = outputFormat(options, io, FORMATS);
    const compared = await compareFiles(oldFile, newFile, options, loadPolicy(options, io), io);
    const loaded = compared.now.loaded;
    for (const line of new Set([...compared.now.notes, ...compared.old.notes])) note(options, io, line);
    const content =
      format === 'json'
        ? toJson(diffJson(compared.result, loaded.policy, { old: compared.old.asOf, now: compared.now.asOf }))
        : await renderTableOutput(
            diffTable(
              compared.result,
              loaded.policy,
              [`Policy: ${loaded.policy.id}. ${sidesLine(compared)}`],
              format === 'table' ? 'terminal' : 'file',
            ),
            format,
            { color: useColor(options, io), width: io.stdout.columns },
          );
    await emit({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout, format }, content);
    if (format !== 'table' || options.output) note(options, io, `${compared.result.summary} (${loaded.policySource})`);
  });
  return cmd;
}
