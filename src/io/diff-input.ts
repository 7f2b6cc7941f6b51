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
import { readSchoolsFrom, type SchoolsFile } from './read-schools.js';
import { loadConfig, type LoadedConfig } from './config.js';
import { asOfDate, dateOption, displayPath, type CommonOptions, type Io } from './command-io.js';
import { joinWith, policyForData, withFiles } from './load-data.js';

export interface DiffSide {
  entries: DiffEntry[];
  /** The date a data file was classified as of; null for a classification output. */
  asOf: string | null;
  file: string;
  /** The policy the side was placed by (a published file may choose it: data-files.ts policyForData). */
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

/** A side's file as read: a `sit classify` output's entries, or school data still to be placed. */
type SideFile = { shown: string; entries: DiffEntry[] } | { shown: string; schools: SchoolsFile };

/** Reads one side's file: a `sit classify` output (JSON, or CSV with tier and days_text columns) or school data. */
async function readSideFile(file: string, io: Io, reading: SideReading): Promise<SideFile> {
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
  if (entries) return { shown, entries };
  // A school data file: read as every other command reads one (layouts, Excel, --with), placed by placeSide.
  const read = await readSchoolsFrom(input, { layout: reading.layout, sheet: reading.sheet });
  if (read.problems.length) throw dataError(read.problems.map((p) => formatProblem(shown, p)));
  return { shown, schools: read };
}

/** A side from its file: a classification output checked against the policy, or school data placed as of `asOf`. */
async function placeSide(
  side: SideFile,
  asOf: string,
  loaded: LoadedConfig,
  io: Io,
  reading: SideReading,
): Promise<DiffSide> {
  const { shown } = side;
  if ('entries' in side) {
    const strange = unknownTiers(side.entries, loaded.policy);
    if (strange.length)
      throw dataError(
        `${shown}: tier ${strange.map((t) => `"${t}"`).join(', ')} is not a tier of policy ${loaded.policy.id}; classify both years with the policy you compare them under (--preset or --config)`,
      );
    return { entries: side.entries, asOf: null, file: shown, loaded, notes: [] };
  }
  const chosen = policyForData(loaded, side.schools, reading.options, io, loadConfig);
  const { data, notes } = await joinWith(side.schools, reading.with, io);
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
  return placeSide(await readSideFile(file, io, reading), asOf, loaded, io, reading);
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
  // NEW's data is let go once placed, unless OLD is the same file: that is read once (the same bytes).
  const same = oldFile !== '-' && newFile !== '-' && resolve(io.cwd, oldFile) === resolve(io.cwd, newFile);
  let read: SideFile | null = await readSideFile(newFile, io, side(options.with));
  const now = await placeSide(read, asOf, loaded, io, side(options.with));
  if (!same) read = null;
  read ??= await readSideFile(oldFile, io, side(options.oldWith));
  const old = await placeSide(read, oldAsOf, now.loaded, io, side(options.oldWith));
  return { result: diff(old.entries, now.entries, now.loaded.policy), old, now };
}
