// sit log add: one visit (or piece of support) appended to the visit log. In a terminal, what the
// flags do not give is asked for; without one, a missing flag is a usage error naming it. The
// school must be one of the data file's, the activity one of the policy's (or free text, said
// so), the person one of capacity: (or a warning); the entry is checked by the log's own schema.
import type { Command } from 'commander';
import { timeOf } from '../core/calendar.js';
import { DAYS_EXPECTED, LogRowSchema, MAX_ENTRY_DAYS, type LogEntry } from '../core/log.js';
import { peopleOf } from '../core/schedule.js';
import { fold, parseDate } from '../core/values.js';
import { usageError } from '../errors.js';
import type { LoadedConfig } from '../io/config.js';
import { appendLogEntry, logPath } from '../io/log-file.js';
import { readSchools } from '../io/read-schools.js';
import { asOfDate, displayPath, note, type CommonOptions, type Io } from '../io/command-io.js';
import { dataFile, loadPolicy } from '../io/load-data.js';

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
const OTHER = '\u0000other';

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
  const loaded = loadPolicy(options, io);
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
  const given = { ...options };
  if (missing.length) {
    const ask = await import('../prompts.js');
    given.school ??= names.size
      ? String(
          await ask.search(
            'Which school?',
            [...names].map(([urn, name]) => ({ name: `${name} (${urn})`, value: urn })),
          ),
        )
      : await ask.input("The school's URN", { required: true });
    if (given.activity === undefined) {
      const choices = [...new Map(activities.map((a) => [a.id, a])).values()].map((a) => ({
        name: `${a.name} (${a.id})`,
        value: a.id,
      }));
      const picked = await ask.search('Which activity?', [
        ...choices,
        { name: 'Something else (in words)', value: OTHER },
      ]);
      given.activity = picked === OTHER ? await ask.input('What was done?', { required: true }) : picked;
    }
    given.date ??= await ask.input('Date of the visit (YYYY-MM-DD)', { initial: asOf, required: true });
    const activity = activities.find((a) => a.id === given.activity);
    given.days ??= String(
      await ask.number('Days of time', {
        initial: activity ? timeOf(activity) : 1, // the school's own work is 0
        min: 0,
        max: MAX_ENTRY_DAYS,
        step: 'any',
      }),
    );
    if (given.person === undefined) {
      const picked = await ask.choose('Who visited?', [
        ...people.map((p) => ({ name: `${p.name} (${p.role})`, value: p.name })),
        { name: 'Someone else', value: OTHER },
      ]);
      given.person = picked === OTHER ? await ask.input('Their name', { required: true }) : picked;
    }
    given.outcome ??= await ask.input('Outcome (optional)');
    given.notes ??= await ask.input('Notes (optional)');
  }
  const entry = checkedEntry(given, { asOf, names, activities, hasData: Boolean(loaded.config.schools) });
  const person = people.find((p) => fold(p.name) === fold(entry.person));
  if (person) entry.person = person.name;
  else if (people.length)
    note(options, io, `warning: ${entry.person} is not in capacity: in trust.config.yaml; logged as given`);
  if (!activities.some((a) => a.id === entry.activity))
    note(
      options,
      io,
      `note: "${entry.activity}" is not an activity of the policy: logged as free text (it marks no planned event)`,
    );
  if (!loaded.config.schools) note(options, io, 'note: no schools: in trust.config.yaml, so the URN was not checked');
  const count = await appendLogEntry(log.path, log.shown, entry);
  note(
    options,
    io,
    `added to ${log.shown}: ${entry.date} ${entry.urn} ${names.get(entry.urn) ?? ''}, ${entry.activity}, ${entry.person}, ${entry.days} ${entry.days === 1 ? 'day' : 'days'} (${count} ${count === 1 ? 'entry' : 'entries'})`.replace(
      '  ',
      ' ',
    ),
  );
}

/** The entry the options describe, checked by the log's schema; each problem a usage error naming its flag. */
function checkedEntry(
  given: AddOptions,
  context: { asOf: string; names: Map<number, string>; activities: { id: string; name: string }[]; hasData: boolean },
): Omit<LogEntry, 'line'> {
  const cells = {
    date: given.date,
    urn: given.school,
    activity: given.activity,
    person: given.person,
    days: given.days,
    outcome: given.outcome,
    notes: given.notes,
  };
  const parsed = LogRowSchema.safeParse(cells);
  if (!parsed.success) {
    const flag = (k: string) => (k === 'urn' ? 'school' : k);
    throw usageError(
      parsed.error.issues
        .map(
          (i) => `--${flag(String(i.path[0]))} ${cells[i.path[0] as keyof typeof cells] ?? ''}: expected ${i.message}`,
        )
        .join('; '),
    );
  }
  const entry = { ...parsed.data };
  if (context.hasData && !context.names.has(entry.urn))
    throw usageError(`--school ${entry.urn}: no school with that URN in the data file (schools: in trust.config.yaml)`);
  const date = parseDate(given.date ?? '');
  if (date.ok && date.value && date.value > context.asOf)
    throw usageError(
      `--date ${given.date}: is after ${context.asOf} (today, or --as-of): the log records visits that happened`,
    );
  const activity = context.activities.find(
    (a) => fold(a.id) === fold(entry.activity) || fold(a.name) === fold(entry.activity),
  );
  if (activity) entry.activity = activity.id;
  return entry;
}
