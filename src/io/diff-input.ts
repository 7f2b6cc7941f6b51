// One side of a comparison (sit diff, sit report --previous): a `sit classify` output (JSON, or CSV
// or a workbook with its tier and days_text columns) taken as it is, or a school data file, read
// as every command reads one and classified with the policy as of the given date.
import { resolve } from 'node:path';
import { classify } from '../core/classify.js';
import { diff, entryOf, unknownTiers, yearBefore, type DiffEntry, type DiffResult } from '../core/diff.js';
import { formatProblem } from '../core/school.js';
import { dataError, usageError } from '../errors.js';
import { entriesFromCsv, entriesFromJson, isClassificationTable } from './diff-output.js';
import { readBytes } from './read-text.js';
import type { RawTable } from './read-table.js';
import { readTable, StopReading, type DataInput } from './read-records.js';
import { readSchoolsFrom } from './read-schools.js';
import { loadConfig, type LoadedConfig } from './config.js';
import { asOfDate, dateOption, displayPath, type CommonOptions, type Io } from './command-io.js';
import { joinWith, policyForData, withFiles } from './load-data.js';

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
  // Standard input is read once and held: it is looked at as classify's output, then as school data.
  const input: DataInput =
    path === '-'
      ? { path, display: shown, stdin: null, bytes: await readBytes(path, io.stdin, shown) }
      : { path, display: shown, stdin: io.stdin };
  // A `sit classify` output (JSON, CSV or a workbook with its columns), or else school data.
  let entries: DiffEntry[] | null = null;
  try {
    await readTable(input, { json: (source) => (entries = entriesFromJson(source)) }, (head) => {
      if (!isClassificationTable(head)) throw new StopReading();
      const table: RawTable = { ...head, rows: [] };
      return {
        row: (cells, line) => table.rows.push({ line, cells }),
        end: () => {
          entries = entriesFromCsv(table);
        },
      };
    });
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
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
  const read = await readSchoolsFrom(input, { layout: reading.layout, sheet: reading.sheet });
  if (read.problems.length) throw dataError(read.problems.map((p) => formatProblem(shown, p)));
  const chosen = policyForData(loaded, read, reading.options, io, loadConfig);
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
  tierChanges?: string;
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
