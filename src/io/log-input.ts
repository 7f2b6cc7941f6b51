// What sit log and sit log add read besides the log itself: which log (--log, else log: in the
// config), and the names its entries are shown with (schools from the data, activities from the policy).
import { usageError } from '../errors.js';
import { displayPath, type CommonOptions, type Io } from './command-io.js';
import type { LoadedConfig } from './config.js';
import { dataFile } from './load-data.js';
import { logPath } from './log-file.js';
import { readSchools } from './read-schools.js';

export interface LogOptions extends CommonOptions {
  log?: string;
}

/** The log named by --log or `log:`, else a usage error saying how to name one. */
export function requireLog(options: LogOptions, loaded: LoadedConfig, io: Io): { path: string; shown: string } {
  const log = logPath(options.log, loaded.config.log, loaded.dir, io.cwd);
  if (!log) throw usageError('no visit log: give --log FILE, or set "log: visit-log.csv" in trust.config.yaml');
  return log;
}

/** School names (from schools: in the config, when set) and activity names by id (from the policy). */
export async function logNames(loaded: LoadedConfig, io: Io) {
  const names = new Map<number, string>();
  if (loaded.config.schools) {
    const path = dataFile(undefined, loaded, io);
    for (const s of (await readSchools(path, io.stdin, displayPath(path, io))).schools) names.set(s.urn, s.name);
  }
  const activities = new Map((loaded.policy.calendar?.activities ?? []).map((a) => [a.id, a.name]));
  return { names, activities };
}
