// Where a run's data comes from: the data file, the --with files (and reading them, whole, before
// a main file that streams), the tier-change file, and the policy a published file is placed by.
// Light (no YAML parser, no zod), so sit classify's streamed road loads nothing a shipped preset
// does not need.
import { resolve } from 'node:path';
import { usageError } from '../errors.js';
import { displayPath, type CommonOptions, type DataOptions, type Io } from './command-io.js';
import type { LoadedConfig } from './config.js';
import type { LoadConfig } from './config-loader.js';
import { readSchools, type SchoolsFile } from './read-schools.js';
import { asEarlierInspection } from '../core/report-card.js';
import { SchoolJoin } from '../core/join.js';
import type { SchoolRecord } from '../core/school.js';

/** The data file: the FILE argument, else `schools:` in the config (relative to the config). */
export function dataFile(file: string | undefined, loaded: LoadedConfig, io: Io): string {
  if (file) return file === '-' ? '-' : resolve(io.cwd, file);
  if (loaded.config.schools) return resolve(loaded.dir, loaded.config.schools);
  throw usageError(
    'no data file: give one (e.g. sit classify schools.csv), or set "schools: schools.csv" in trust.config.yaml',
  );
}

/**
 * The one place the policy follows the data: with no trust.config.yaml policy and no --preset, a
 * published file that carries its own inspection data (Ofsted, GIAS) is placed by the preset its
 * layout names (rise-2025), since the default preset needs a trust's own columns. Every command
 * that reads school data comes through here, so each places a school the same way. `load` is how
 * the run loads a config (config-loader.ts): loadConfig, or loadShipped when there is no file.
 */
/** The policy a file is placed by, and the line saying a published file's preset was chosen (or null). */
export interface PolicyChoice {
  loaded: LoadedConfig;
  note: string | null;
}

export function policyForData(
  loaded: LoadedConfig,
  data: Pick<SchoolsFile, 'layout'>,
  options: CommonOptions,
  io: Io,
  load: LoadConfig,
): PolicyChoice {
  const preset = data.layout?.publicPreset;
  if (!loaded.policyIsDefault || !preset) return { loaded, note: null };
  return {
    loaded: load({ cwd: io.cwd, config: options.config, defaultPreset: preset }),
    note: `no policy in a trust.config.yaml: placing ${data.layout!.label} by preset ${preset}, which needs only Ofsted's published data (choose another with --preset)`,
  };
}

/** The files to join on URN: `with:` in the config (relative to it), then --with (relative to here). */
export function withFiles(loaded: LoadedConfig, given: string[] | undefined, io: Io): string[] {
  const fromConfig = (loaded.config.with ?? []).map((f) => resolve(loaded.dir, f));
  const fromFlags = (given ?? []).map((f) => (f === '-' ? '-' : resolve(io.cwd, f)));
  return [...fromConfig, ...fromFlags];
}

/** The --with files, each read whole (they are joined by URN to the main file's rows). */
/**
 * Standard input is read once: as a second input of a run whose data it already is, it is refused,
 * with the same usage error from every command (classify, explain, validate, ...).
 */
export function refuseStdinTwice(mainIsStdin: boolean, also: { with?: string[]; tierChanges?: string | null }): void {
  if (!mainIsStdin) return;
  if (also.with?.includes('-')) throw usageError('--with -: standard input is already the main file');
  if (also.tierChanges === '-') throw usageError('--tier-changes -: standard input is already the school data');
}

export async function readWithFiles(extras: string[], mainFile: string, io: Io): Promise<SchoolsFile[]> {
  refuseStdinTwice(mainFile === 'standard input', { with: extras });
  const read: SchoolsFile[] = [];
  for (const path of extras) read.push(await readSchools(path, io.stdin, displayPath(path, io)));
  return read;
}

/** The tier-change file: --tier-changes (relative to here), else `tier_changes:` in the config (relative to it), else none. */
export function tierChangesPath(loaded: LoadedConfig, options: DataOptions, io: Io): string | null {
  if (options.tierChanges) return options.tierChanges === '-' ? '-' : resolve(io.cwd, options.tierChanges);
  return loaded.config.tier_changes ? resolve(loaded.dir, loaded.config.tier_changes) : null;
}

/** A --with file's school joined to a main file's: an older inspection there becomes the previous one. */
export const asEarlierThanMain = (main: SchoolRecord, other: SchoolRecord) =>
  asEarlierInspection((main.fields.ofsted_date as string | null) ?? null, other);

/**
 * The --with files, read whole before the main file is read as it streams: the join to make for
 * it (none without extras), or what reading them threw, which the caller throws only after the
 * main file's own problems (reading the whole file first found those first).
 */
export async function withFilesFirst(
  extras: string[],
  display: string,
  io: Io,
): Promise<{ joinTo: (() => SchoolJoin) | undefined; failed: { error: unknown } | null }> {
  try {
    const read = await readWithFiles(extras, display, io);
    return { joinTo: read.length ? () => new SchoolJoin(display, read, asEarlierThanMain) : undefined, failed: null };
  } catch (error) {
    return { joinTo: undefined, failed: { error } };
  }
}
