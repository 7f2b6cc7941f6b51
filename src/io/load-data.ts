// The policy and the school data as every command loads them (the config, the data file, its
// joins, the placements), and the year's terms and schedule, so every command places a school the
// same way and calendar, budget and report agree.
import { dataError } from '../errors.js';
import { classify, compilePolicy, placeSchool, type Placement } from '../core/classify.js';
import { formatProblem, type SchoolRecord } from '../core/school.js';
import { describeJoin, joinSchools } from '../core/join.js';
import { calendarSchools, planYear } from '../core/plan.js';
import type { Schedule } from '../core/schedule.js';
import { termCalendar, type TermCalendar, type TermsConfig } from '../core/terms.js';
import type { LoadedConfig } from './config.js';
import { configAndLoader, policyLoader } from './config-loader.js';
import {
  asEarlierThanMain,
  dataFile,
  policyForData,
  readWithFiles,
  refuseStdinTwice,
  tierChangesPath,
  withFiles,
  withFilesFirst,
} from './data-files.js';
import { readSchools, type SchoolsFile } from './read-schools.js';
import { findSchool, schoolsToFind } from './find-school.js';
import { readChecked } from './checked-read.js';
import { countTrust } from '../core/facts.js';
import { usesFact } from '../core/policy-walk.js';
import type { Layout } from './layouts.js';
import { asOfDate, displayPath, note, type CommonOptions, type DataOptions, type Io } from './command-io.js';
import { placementsInForce, readTierChanges, type TierChangesFile } from './tier-changes-file.js';
import { SHIPPED_TERMS } from '../presets.js';

export {
  asEarlierThanMain,
  dataFile,
  policyForData,
  tierChangesPath,
  withFiles,
  withFilesFirst,
} from './data-files.js';

export async function loadPolicy(options: CommonOptions, io: Io): Promise<LoadedConfig> {
  return (await configAndLoader(options, io)).first;
}

export interface PolicyAndData {
  loaded: LoadedConfig;
  data: SchoolsFile;
  /** Lines for standard error: the preset chosen for a public file, the joins. */
  notes: string[];
}

/** Joins the extra files to the school data read; the notes describe the join. */
export async function joinWith(
  data: SchoolsFile,
  extras: string[],
  io: Io,
): Promise<{ data: SchoolsFile; notes: string[] }> {
  if (extras.length === 0) return { data, notes: [] };
  const read = await readWithFiles(extras, data.file, io);
  const joined = joinSchools({ file: data.file, schools: data.schools }, read, asEarlierThanMain);
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
  const { first, load } = preloaded
    ? { first: preloaded, load: await policyLoader(options, io) }
    : await configAndLoader(options, io);
  const path = dataFile(file, first, io);
  const read = { layout: options.layout, sheet: options.sheet };
  const data = await readSchools(path, io.stdin, displayPath(path, io), read);
  const { loaded, note: chosen } = policyForData(first, data, options, io, load);
  if (chosen) notes.push(chosen);
  const joined = await joinWith(data, withFiles(first, options.with, io), io);
  return { loaded, data: joined.data, notes: [...notes, ...joined.notes] };
}

export interface Classified {
  loaded: LoadedConfig;
  asOf: string;
  data: SchoolsFile;
  /** Each school with its tier in force at asOf (the computed placement kept in `retiering`). */
  placements: Placement[];
  /** The tier-change file read, or null when none is given. */
  tierChanges: TierChangesFile | null;
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
  const { placements, tierChanges } = await inForce(
    result.placements,
    data.schools,
    data.file,
    loaded,
    options,
    io,
    asOf,
  );
  return { loaded, asOf, data, placements, tierChanges };
}

type ChangesRead = { changes: TierChangesFile } | { error: unknown };

/**
 * The placements with the tier-change file applied (--tier-changes, else tier_changes: in the
 * config; none: as placed). Its changes are checked against every school of the data (`schools`:
 * their URNs), placed or not.
 */
async function inForce(
  placed: Placement[],
  schools: { urn: number }[],
  file: string,
  loaded: LoadedConfig,
  options: DataOptions,
  io: Io,
  asOf: string,
  /** The file already read (or what reading it threw), by a reading that streams the data. */
  early?: ChangesRead,
): Promise<{ placements: Placement[]; tierChanges: TierChangesFile | null }> {
  const changesPath = tierChangesPath(loaded, options, io);
  refuseStdinTwice(file === 'standard input', { tierChanges: changesPath });
  if (!changesPath) return { placements: placed, tierChanges: null };
  if (early && 'error' in early) throw early.error;
  const tierChanges = early?.changes ?? (await readTierChanges(changesPath, io.stdin, displayPath(changesPath, io)));
  return { placements: placementsInForce(placed, schools, tierChanges, loaded.policy, asOf), tierChanges };
}

export interface PlacedOne {
  loaded: LoadedConfig;
  asOf: string;
  /** The main file's published layout, or null. */
  layout: Layout | null;
  placement: Placement;
}

/**
 * One school placed (a URN or a name, as findSchool reads it), as classifyData places it: every
 * row is checked, and every school against the policy, with the same notes, problems and usage
 * errors in the same order. The file streams, keeping only the rows that could be the school asked
 * for (the schools per trust, where the policy counts them; the URNs a tier-change file names),
 * each joined to the --with files (read whole) as it comes.
 */
export async function placeOne(
  file: string | undefined,
  options: DataOptions,
  io: Io,
  given: string,
): Promise<PlacedOne> {
  const asOf = asOfDate(options, io);
  const { first, load } = await configAndLoader(options, io);
  const path = dataFile(file, first, io);
  const display = displayPath(path, io);
  const { joinTo, failed: extrasFailed } = await withFilesFirst(withFiles(first, options.with, io), display, io);
  const wanted = schoolsToFind(given);
  let kept: SchoolRecord[] = [];
  let trusts: Map<string, number> | null = null;
  // A tier-change file, read first (what that throws is kept until where classifyData reads it):
  // its changes are checked against the URNs they name that the data has, so only those are kept.
  // Standard input as both the data and the changes is refused before either is read.
  const changesPath = tierChangesPath(first, options, io);
  const changesEarly: ChangesRead | undefined =
    changesPath && !(changesPath === '-' && path === '-')
      ? await readTierChanges(changesPath, io.stdin, displayPath(changesPath, io)).then(
          (changes) => ({ changes }),
          (error: unknown) => ({ error }),
        )
      : undefined;
  const named =
    changesEarly && 'changes' in changesEarly ? new Set(changesEarly.changes.changes.map((c) => c.urn)) : null;
  let urns: number[] = [];
  const run = await readChecked(
    { path, display, stdin: io.stdin },
    { layout: options.layout, sheet: options.sheet },
    asOf,
    (layout) => policyForData(first, { layout }, options, io, load),
    (policy) => {
      const into: SchoolRecord[] = [];
      const every: number[] = [];
      kept = into;
      urns = every;
      const sizes = usesFact(policy, 'trust_schools') ? new Map<string, number>() : null;
      trusts = sizes;
      return (school) => {
        if (sizes) countTrust(sizes, school);
        if (named?.has(school.urn)) every.push(school.urn);
        if (wanted(school)) into.push(school);
      };
    },
    joinTo,
  );
  const { data } = run;
  if (data.problems.length) throw dataError(data.problems.map((p) => formatProblem(data.file, p)));
  const { loaded, note: chosen } = run.chosen();
  if (extrasFailed) throw extrasFailed.error;
  if (chosen) note(options, io, chosen);
  if (run.join)
    for (const line of describeJoin({ reports: run.join.reports(), conflicts: run.join.conflicts }))
      note(options, io, line);
  const school = findSchool(
    kept.map((s) => ({ school: s })),
    given,
    data.file,
    data.count,
  ).school;
  if (run.problems.length) throw dataError(run.problems.map((p) => formatProblem(data.file, p)));
  const ctx = { asOf, trustSizes: trusts ?? new Map<string, number>() };
  const placed = placeSchool(compilePolicy(loaded.policy), school, ctx);
  const present = urns.map((urn) => ({ urn }));
  const [placement] = (await inForce([placed], present, data.file, loaded, options, io, asOf, changesEarly)).placements;
  return { loaded, asOf, layout: data.layout, placement };
}

/** The config's terms, else the shipped dates (presets/index.yaml names their file). */
export function loadTerms(loaded: LoadedConfig): { cal: TermCalendar; source: string } {
  if (loaded.config.terms) return { cal: termCalendar(loaded.config.terms), source: loaded.display ?? 'the config' };
  // Checked by the terms schema when sit was built (scripts/presets-module.mjs).
  const cal = termCalendar(JSON.parse(SHIPPED_TERMS.checked) as TermsConfig);
  return { cal, source: `the shipped ${cal.yearName} default (set terms: in trust.config.yaml for your own)` };
}

/** The year's schedule for the placed schools, or null when the policy has no calendar. */
export function scheduleOf(loaded: LoadedConfig, placements: Placement[], asOf: string): Schedule | null {
  if (!loaded.policy.calendar?.activities.length) return null;
  const { cal } = loadTerms(loaded);
  return planYear(loaded.policy, calendarSchools(placements), cal, {
    asOf,
    capacity: loaded.config.capacity,
    settings: loaded.config.schedule,
  });
}
