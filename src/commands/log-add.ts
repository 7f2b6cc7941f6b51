// sit log add: one visit (or piece of support) appended to the visit log. In a terminal, what the
// flags do not give is asked for; without one, a missing flag is a usage error naming it. The
// school must be one of the data file's, the activity one of the policy's (or free text, said
// so), the person one of capacity: (or a warning); the entry is checked by the log's own schema.
import type { Command } from 'commander';
import { DAYS_EXPECTED, entryFromFlags } from '../core/log.js';
import { peopleOf } from '../core/schedule.js';
import { usageError } from '../errors.js';
import { asOfDate, note, type Io } from '../io/command-io.js';
import { loadPolicy } from '../io/load-data.js';
import { logNames, requireLog, type LogOptions } from '../io/log-input.js';

export interface AddOptions extends LogOptions {
  school?: string;
  activity?: string;
  date?: string;
  days?: string;
  person?: string;
  outcome?: string;
  notes?: string;
}

const REQUIRED = ['school', 'activity', 'date', 'days', 'person'] as const;

/** The options only `sit log add` takes. */
export function withAddOptions(cmd: Command): Command {
  return cmd
    .option(
      '--activity <id>',
      "add: the policy's activity id (see sit calendar --format csv), or what was done in words",
    )
    .option('--date <date>', 'add: the day of the visit (YYYY-MM-DD or DD/MM/YYYY), not after --as-of (today)')
    .option('--days <n>', `add: days of the person's time: ${DAYS_EXPECTED}`)
    .option('--person <name>', 'add: who visited (a name in capacity:)')
    .option('--outcome <text>', 'add: what came of it, in a line')
    .option('--notes <text>', 'add: anything else');
}

export const ADD_ONLY = ['activity', 'date', 'days', 'person', 'outcome', 'notes'] as const;

/** sit log add: asks for what the flags do not give (in a terminal), checks it, appends it. */
export async function addToLog(options: AddOptions, io: Io): Promise<void> {
  const loaded = await loadPolicy(options, io);
  const log = requireLog(options, loaded, io);
  const asOf = asOfDate(options, io);
  const missing = REQUIRED.filter((k) => options[k] === undefined);
  if (missing.length && io.stdin.isTTY !== true)
    throw usageError(
      `missing ${missing.map((k) => `--${k}`).join(', ')}: give ${missing.length === 1 ? 'it' : 'them'}, or run sit log add in a terminal to be asked`,
    );
  const { names } = await logNames(loaded, io);
  const activities = loaded.policy.calendar?.activities ?? [];
  const people = peopleOf(loaded.config.capacity);
  const given = missing.length
    ? await (await import('../prompts/log.js')).askLogEntry(options, { asOf, names, activities, people })
    : options;
  const checked = entryFromFlags(given, {
    asOf,
    names,
    activities,
    people,
    hasData: Boolean(loaded.config.schools),
  });
  if ('problem' in checked) throw usageError(checked.problem);
  const { entry } = checked;
  for (const line of checked.notes) note(options, io, line);
  // Loaded here, not with `sit log`: appending a YAML log needs the YAML writer, reading a CSV log does not.
  const { appendLogEntry } = await import('../io/log-append.js');
  const count = await appendLogEntry(log.path, log.shown, entry);
  const name = names.get(entry.urn);
  const school = name ? `${entry.urn} ${name}` : String(entry.urn);
  note(
    options,
    io,
    `added to ${log.shown}: ${entry.date} ${school}, ${entry.activity}, ${entry.person}, ${entry.days} ${entry.days === 1 ? 'day' : 'days'} (${count} ${count === 1 ? 'entry' : 'entries'})`,
  );
}
