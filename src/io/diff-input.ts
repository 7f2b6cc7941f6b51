// One side of a comparison (sit diff, sit report --previous): a `sit classify` output (JSON, or CSV
// or a workbook with its tier and days_text columns) taken as it is, or a school data file, read
// as every command reads one and classified with the policy as of the given date.
import { resolve } from 'node:path';
import { compilePolicy, placeSchool, inspectionDateProblems, type CompiledPolicy } from '../core/classify.js';
import { entryOf, movements, unknownTiers, yearBefore, type MovementList } from '../core/diff.js';
import { DiffEntries } from '../core/diff-entries.js';
import { trustSizes, type FactContext } from '../core/facts.js';
import { describeJoin, type SchoolJoin } from '../core/join.js';
import { usesFact } from '../core/policy-walk.js';
import { formatProblem, type DataProblem, type SchoolRecord } from '../core/school.js';
import { dataError, usageError } from '../errors.js';
import { readChecked } from './checked-read.js';
import { classificationRows, entriesFromJson, isClassificationTable } from './diff-output.js';
import { readBytes } from './read-text.js';
import { readTable, StopReading, type DataInput } from './read-records.js';
import type { LoadedConfig } from './config.js';
import { asOfDate, dateOption, displayPath, type CommonOptions, type Io } from './command-io.js';
import { policyForData, withFiles, withFilesFirst } from './load-data.js';
import { policyLoader } from './config-loader.js';

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

/** NEVER: a school's name is not kept (DiffEntries), the first date's entries naming every school of the file. */
const unnamed = () => false;

/**
 * A school data file placed as of each date as it is read (read-schools.ts, checked as classify
 * checks it: checked-read.ts), keeping of each school only what a movement needs; the first date's
 * entries name the schools, a later date's do not (see unnamed). The problems come in the order
 * reading the file whole for each date finds them: the file's, choosing the policy, the --with
 * files', then the placing's as of the first date, then as of each later date.
 */
async function placedAsRead(
  input: DataInput,
  dates: string[],
  loaded: LoadedConfig,
  io: Io,
  reading: SideReading,
): Promise<DiffSide[]> {
  const shown = input.display;
  const { joinTo, failed: extrasFailed } = await withFilesFirst(reading.with, shown, io);
  const load = await policyLoader(reading.options, io);
  type Placed = { entries: DiffEntries; problems: DataProblem[]; ctx: FactContext };
  let sides: Placed[] = [];
  /** Under a policy that counts a trust's schools, every school is held until all are counted. */
  let held: SchoolRecord[] | null = null;
  let compiled: CompiledPolicy | null = null;
  const run = await readChecked(
    input,
    { layout: reading.layout, sheet: reading.sheet },
    dates[0],
    (layout) => policyForData(loaded, { layout }, reading.options, io, load),
    (policy) => {
      const placing = compilePolicy(policy);
      compiled = placing;
      const hold: SchoolRecord[] | null = usesFact(policy, 'trust_schools') ? [] : null;
      held = hold;
      const each: Placed[] = dates.map((asOf, k) => ({
        entries: new DiffEntries(k === 0 ? (reading.named ?? null) : unnamed),
        problems: [],
        ctx: { asOf, trustSizes: new Map<string, number>() },
      }));
      sides = each;
      return (school, placeable) => {
        if (hold) hold.push(school);
        for (let k = 0; k < each.length; k++) {
          const side = each[k];
          // The first date's problems are readChecked's, the school's own (not dated) among them;
          // a later date adds only its inspection dates' (policyProblems' dated part). A school
          // not placeable at the first date has a problem thrown before any later date's.
          if (k > 0) {
            const found = inspectionDateProblems(school, side.ctx.asOf);
            if (found.length) side.problems.push(...found);
          }
          if (!hold && placeable && side.problems.length === 0)
            side.entries.add(entryOf(placeSchool(placing, school, side.ctx)));
        }
      };
    },
    joinTo,
  );
  const { data } = run;
  if (data.problems.length) throw dataError(data.problems.map((p) => formatProblem(shown, p)));
  const chosen = run.chosen();
  if (extrasFailed) throw extrasFailed.error;
  for (const problems of [run.problems, ...sides.slice(1).map((side) => side.problems)])
    if (problems.length) throw dataError(problems.map((p) => formatProblem(shown, p)));
  const schools = held as SchoolRecord[] | null;
  if (schools) {
    const sizes = trustSizes(schools);
    for (const { entries, ctx } of sides) {
      const counted = { ...ctx, trustSizes: sizes };
      for (const school of schools) entries.add(entryOf(placeSchool(compiled!, school, counted)));
    }
  }
  const joined = run.join as SchoolJoin | null;
  const notes = [
    ...(chosen.note ? [chosen.note] : []),
    ...(joined ? describeJoin({ reports: joined.reports(), conflicts: joined.conflicts }) : []),
  ];
  return sides.map(({ entries, ctx }) => ({ entries, asOf: ctx.asOf, file: shown, loaded: chosen.loaded, notes }));
}

/**
 * Reads one file for a side at each date: a `sit classify` output (JSON, or CSV with tier and
 * days_text columns) as it is (the same for every date), checked against the policy, or a school
 * data file, classified with the policy as of each date.
 */
async function readSides(
  file: string,
  dates: string[],
  loaded: LoadedConfig,
  io: Io,
  reading: SideReading,
): Promise<DiffSide[]> {
  const path = file === '-' ? '-' : resolve(io.cwd, file);
  const shown = displayPath(path, io);
  // Standard input is read once and held: it is looked at as classify's output, then as school data.
  const input: DataInput =
    path === '-'
      ? { path, display: shown, stdin: null, bytes: await readBytes(path, io.stdin, shown) }
      : { path, display: shown, stdin: io.stdin };
  const entries = await classificationOf(input, reading);
  if (!entries) return placedAsRead(input, dates, loaded, io, reading);
  const strange = unknownTiers(entries, loaded.policy);
  if (strange.length)
    throw dataError(
      `${shown}: tier ${strange.map((t) => `"${t}"`).join(', ')} is not a tier of policy ${loaded.policy.id}; classify both years with the policy you compare them under (--preset or --config)`,
    );
  return dates.map(() => ({ entries, asOf: null, file: shown, loaded, notes: [] }));
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
  return (await readSides(file, [asOf], loaded, io, reading))[0];
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
  // One file as both sides, joined to the same files, is read once and placed as of both dates.
  const newSide = side(options.with);
  const oldSide = side(options.oldWith);
  const same =
    oldFile !== '-' &&
    newFile !== '-' &&
    resolve(io.cwd, oldFile) === resolve(io.cwd, newFile) &&
    newSide.with.join('\n') === oldSide.with.join('\n');
  if (same) {
    const [now, old] = await readSides(newFile, [asOf, oldAsOf], loaded, io, newSide);
    return { result: movements(old.entries, now.entries, now.loaded.policy), old, now };
  }
  // Otherwise each file is read as it streams: NEW first, then OLD, naming only the schools NEW has not.
  const now = await readSide(newFile, asOf, loaded, io, newSide);
  const named = (urn: number) => now.entries.find(urn) < 0;
  const old = await readSide(oldFile, oldAsOf, now.loaded, io, { ...oldSide, named });
  return { result: movements(old.entries, now.entries, now.loaded.policy), old, now };
}
