// One side of a comparison (sit diff, sit report --previous): a `sit classify` output (JSON, or CSV
// or a workbook with its tier and days_text columns) taken as it is, or a school data file, read
// as every command reads one and classified with the policy as of the given date.
import { resolve } from 'node:path';
import { compilePolicy, placeSchool, type CompiledPolicy } from '../core/classify.js';
import { entryOf, movements, unknownTiers, yearBefore, type MovementList } from '../core/diff.js';
import { DiffEntries } from '../core/diff-entries.js';
import { trustSizes } from '../core/facts.js';
import { describeJoin, SchoolJoin } from '../core/join.js';
import { usesFact } from '../core/policy-walk.js';
import { formatProblem, type SchoolRecord } from '../core/school.js';
import { dataError, usageError } from '../errors.js';
import { readChecked } from './checked-read.js';
import { classificationRows, entriesFromJson, isClassificationTable } from './diff-output.js';
import { readBytes } from './read-text.js';
import { readTable, StopReading, type DataInput } from './read-records.js';
import { loadConfig, type LoadedConfig } from './config.js';
import { asOfDate, dateOption, displayPath, type CommonOptions, type Io } from './command-io.js';
import { asEarlierThanMain, policyForData, readWithFiles, withFiles } from './load-data.js';

export interface DiffSide {
  entries: DiffEntries;
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
  /** Whether a school's name is kept (DiffEntries): OLD's schools that NEW has are named by NEW. */
  named?: (urn: number) => boolean;
}

/** A `sit classify` output's entries (JSON, or CSV or a workbook with its tier and days_text columns), or null for school data. */
async function classificationOf(input: DataInput, reading: SideReading): Promise<DiffEntries | null> {
  const named = reading.named ?? null;
  let entries: DiffEntries | null = null;
  try {
    await readTable(input, { json: (source) => (entries = DiffEntries.of(entriesFromJson(source), named)) }, (head) => {
      if (!isClassificationTable(head)) throw new StopReading();
      entries = new DiffEntries(named);
      return classificationRows(head, entries);
    });
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
    return null;
  }
  return entries;
}

/**
 * A school data file placed as of `asOf` as it is read (read-schools.ts, checked as classify
 * checks it: checked-read.ts), keeping of each school only what a movement needs. The problems
 * come in the order reading it whole finds them: the file's, choosing the policy, the --with
 * files', then the placing's.
 */
async function placedAsRead(
  input: DataInput,
  asOf: string,
  loaded: LoadedConfig,
  io: Io,
  reading: SideReading,
): Promise<DiffSide> {
  const shown = input.display;
  // The --with files are read whole first; what reading them throws comes after the file's own problems.
  let joinTo: (() => SchoolJoin) | undefined;
  let extrasFailed: { error: unknown } | null = null;
  try {
    const extras = await readWithFiles(reading.with, shown, io);
    if (extras.length) joinTo = () => new SchoolJoin(shown, extras, asEarlierThanMain);
  } catch (error) {
    extrasFailed = { error };
  }
  const named = reading.named ?? null;
  let entries = new DiffEntries(named);
  /** Under a policy that counts a trust's schools, every school is held until all are counted. */
  let held: SchoolRecord[] | null = null;
  let compiled: CompiledPolicy | null = null;
  const run = await readChecked(
    input,
    { layout: reading.layout, sheet: reading.sheet },
    asOf,
    (layout) => policyForData(loaded, { layout }, reading.options, io, loadConfig),
    (policy) => {
      const into = new DiffEntries(named);
      entries = into;
      const placing = compilePolicy(policy);
      compiled = placing;
      const hold: SchoolRecord[] | null = usesFact(policy, 'trust_schools') ? [] : null;
      held = hold;
      const ctx = { asOf, trustSizes: new Map<string, number>() };
      return (school, placeable) => {
        if (!placeable) return;
        if (hold) hold.push(school);
        else into.add(entryOf(placeSchool(placing, school, ctx)));
      };
    },
    joinTo,
  );
  const { data } = run;
  if (data.problems.length) throw dataError(data.problems.map((p) => formatProblem(shown, p)));
  const chosen = run.chosen();
  if (extrasFailed) throw extrasFailed.error;
  if (run.problems.length) throw dataError(run.problems.map((p) => formatProblem(shown, p)));
  const schools = held as SchoolRecord[] | null;
  if (schools) {
    const ctx = { asOf, trustSizes: trustSizes(schools) };
    for (const school of schools) entries.add(entryOf(placeSchool(compiled!, school, ctx)));
  }
  const joined = run.join as SchoolJoin | null;
  return {
    entries,
    asOf,
    file: shown,
    loaded: chosen.loaded,
    notes: [
      ...(chosen.note ? [chosen.note] : []),
      ...(joined ? describeJoin({ reports: joined.reports(), conflicts: joined.conflicts }) : []),
    ],
  };
}

/**
 * Reads one side: a `sit classify` output (JSON, or CSV with tier and days_text columns) as it is,
 * checked against the policy, or a school data file, classified with the policy as of the given date.
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
  const entries = await classificationOf(input, reading);
  if (!entries) return placedAsRead(input, asOf, loaded, io, reading);
  const strange = unknownTiers(entries, loaded.policy);
  if (strange.length)
    throw dataError(
      `${shown}: tier ${strange.map((t) => `"${t}"`).join(', ')} is not a tier of policy ${loaded.policy.id}; classify both years with the policy you compare them under (--preset or --config)`,
    );
  return { entries, asOf: null, file: shown, loaded, notes: [] };
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
  /** The movements, made as they are read. */
  result: MovementList;
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
  // Each side is kept as only what its movements need, so a file named twice is read twice.
  const now = await readSide(newFile, asOf, loaded, io, side(options.with));
  const named = (urn: number) => now.entries.find(urn) < 0;
  const old = await readSide(oldFile, oldAsOf, now.loaded, io, { ...side(options.oldWith), named });
  return { result: movements(old.entries, now.entries, now.loaded.policy), old, now };
}
