// The visit log (SPEC section 9): one entry per visit or piece of support delivered ("a single
// visit report for each visit", Equals): date, URN, activity (an activity id of the policy, or
// free text), person, days, outcome, notes. One zod schema checks a row; every problem names its
// line and column. Pure: the file is read in io/log-file.ts and appended to in io/log-append.ts.
import * as z from 'zod';
import { toDayNumber } from './dates.js';
import { termOfDay, type TermCalendar } from './terms.js';
import { sameActivity } from './delivery.js';
import { parsedCell, recordRows } from './record-rows.js';
import type { DataProblem } from './school.js';
import { fold, parseDate, parseFreeText, parseNumber, parseUrn, wordsOf, type Parsed } from './values.js';

/** The columns of a log file, in the order sit writes them. */
export const LOG_COLUMNS = ['date', 'urn', 'activity', 'person', 'days', 'outcome', 'notes'] as const;
export type LogColumn = (typeof LOG_COLUMNS)[number];

/** Headers a trust may have typed for a column, folded (fold() in values.ts). */
const ALIASES = wordsOf<LogColumn>({
  date: 'date',
  visitdate: 'date',
  urn: 'urn',
  activity: 'activity',
  activityid: 'activity',
  person: 'person',
  lead: 'person',
  by: 'person',
  days: 'days',
  outcome: 'outcome',
  notes: 'notes',
  note: 'notes',
});

/** The most days one entry may record: a two-day review is 2; ten is a slip (a week is 5). */
export const MAX_ENTRY_DAYS = 10;

export interface LogEntry {
  /** Line in the log file, for messages and to keep entries in the order they were written. */
  line: number;
  date: string;
  urn: number;
  activity: string;
  person: string;
  days: number;
  outcome: string | null;
  notes: string | null;
}

const required =
  (parse: (raw: string) => Parsed<unknown>, what: string) =>
  (raw: string): Parsed<unknown> => {
    const parsed = parse(raw);
    return parsed.ok && parsed.value === null ? { ok: false, expected: `${what} (required)` } : parsed;
  };

/** What a log entry's days may be, in the words of every message and of --help. */
export const DAYS_EXPECTED = `a number of days from 0 to ${MAX_ENTRY_DAYS} (0.5 for half a day; 0 for the school's own work, which takes none of the trust's time)`;

const parseDays = (raw: string): Parsed<number> => {
  const n = parseNumber(raw);
  if (!n.ok || n.value === null) return n.ok ? { ok: false, expected: 'a number of days (required)' } : n;
  // 0 is the school's own work (a governors' committee): held, and on the plan, but no one's time.
  if (n.value < 0 || n.value > MAX_ENTRY_DAYS) return { ok: false, expected: DAYS_EXPECTED };
  return n;
};

const PARSE: Record<LogColumn, (raw: string) => Parsed<unknown>> = {
  date: required(parseDate, 'a date as YYYY-MM-DD or DD/MM/YYYY'),
  urn: required(parseUrn, "the school's 6-digit URN"),
  activity: required(parseFreeText, "an activity: the policy's activity id, or what was done in words"),
  person: required(parseFreeText, 'the person who visited or gave the support'),
  days: parseDays,
  outcome: parseFreeText,
  notes: parseFreeText,
};

/** One row of the log, as text cells by column: the source of truth for what an entry is. */
export const LogRowSchema = z.object(
  Object.fromEntries(LOG_COLUMNS.map((c) => [c, parsedCell(PARSE[c])])),
) as unknown as z.ZodType<Omit<LogEntry, 'line'>, Partial<Record<LogColumn, string>>>;

/** Which column of the file fills which field (first of a repeated one), and the header problems. */
export function logColumns(
  headers: string[],
  headerLine: number,
): { at: Map<LogColumn, number>; problems: DataProblem[] } {
  const at = new Map<LogColumn, number>();
  const problems: DataProblem[] = [];
  headers.forEach((h, i) => {
    const column = ALIASES.get(fold(h));
    if (!column) return;
    if (at.has(column))
      problems.push({
        line: headerLine,
        column: h,
        message: `the ${column} is given twice (also column "${headers[at.get(column)!]}"); keep one`,
      });
    else at.set(column, i);
  });
  const missing = LOG_COLUMNS.filter((c) => ['date', 'urn', 'activity', 'person', 'days'].includes(c) && !at.has(c));
  if (missing.length)
    problems.push({
      line: headerLine,
      message: `no ${missing.join(', ')} ${missing.length === 1 ? 'column' : 'columns'}; a visit log has the columns ${LOG_COLUMNS.join(', ')}`,
    });
  return { at, problems };
}

/**
 * A cell as it was typed: sit writes a log's text that Excel would run as a formula with a
 * leading apostrophe (io/formats/csv.ts neutralise), and reads it back without.
 */
export const unguarded = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The entries of a log table, or every problem (file line and column) at once. */
export function toLogEntries(
  headers: string[],
  headerLine: number,
  rows: { line: number; cells: string[] }[],
): { entries: LogEntry[]; problems: DataProblem[] } {
  const { at, problems } = logColumns(headers, headerLine);
  if (problems.length) return { entries: [], problems };
  const { records, problems: rowProblems } = recordRows(headers, rows, at, LogRowSchema, unguarded);
  return { entries: records.map(({ line, row }) => ({ line, ...row })), problems: rowProblems };
}

/** The cells of one entry in LOG_COLUMNS order (what an append writes). */
export function entryCells(entry: Omit<LogEntry, 'line'>): Record<LogColumn, string> {
  return {
    date: entry.date,
    urn: String(entry.urn),
    activity: entry.activity,
    person: entry.person,
    days: String(entry.days),
    outcome: entry.outcome ?? '',
    notes: entry.notes ?? '',
  };
}

/** What `sit log add` was given (or asked for), by flag. */
export type EntryFlags = Partial<
  Record<'school' | 'activity' | 'date' | 'days' | 'person' | 'outcome' | 'notes', string>
>;

export interface EntryContext {
  /** Today, or --as-of: no entry is for a later day. */
  asOf: string;
  /** The schools of the data file by URN; `hasData` false: none to check the URN against. */
  names: Map<number, string>;
  hasData: boolean;
  activities: { id: string; name: string }[];
  /** The people of capacity: (none: no names to check the person against). */
  people: { name: string }[];
}

/**
 * The entry the flags describe, checked by the log's schema, with the activity as the policy's id
 * and the person as capacity: spells them when they name one; else what is wrong, each problem
 * naming its flag. `notes` say what was logged as given and not checked.
 */
export function entryFromFlags(
  given: EntryFlags,
  context: EntryContext,
): { entry: Omit<LogEntry, 'line'>; notes: string[] } | { problem: string } {
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
    return {
      problem: parsed.error.issues
        .map(
          (i) => `--${flag(String(i.path[0]))} ${cells[i.path[0] as keyof typeof cells] ?? ''}: expected ${i.message}`,
        )
        .join('; '),
    };
  }
  const entry = { ...parsed.data };
  if (context.hasData && !context.names.has(entry.urn))
    return {
      problem: `--school ${entry.urn}: no school with that URN in the data file (schools: in trust.config.yaml)`,
    };
  const date = parseDate(given.date ?? '');
  if (date.ok && date.value && date.value > context.asOf)
    return {
      problem: `--date ${given.date}: is after ${context.asOf} (today, or --as-of): the log records visits that happened`,
    };
  const notes: string[] = [];
  const person = context.people.find((p) => fold(p.name) === fold(entry.person));
  if (person) entry.person = person.name;
  else if (context.people.length)
    notes.push(`warning: ${entry.person} is not in capacity: in trust.config.yaml; logged as given`);
  const activity = context.activities.find((a) => sameActivity(entry.activity, a));
  if (activity) entry.activity = activity.id;
  else
    notes.push(
      `note: "${entry.activity}" is not an activity of the policy: logged as free text (it marks no planned event)`,
    );
  if (!context.hasData) notes.push('note: no schools: in trust.config.yaml, so the URN was not checked');
  return { entry, notes };
}

/** One school's entries (urn), one term's (term 1-6, by the year's term dates), or all; by date, then as written. */
export function selectEntries(
  entries: LogEntry[],
  only: { urn?: number; term?: number },
  cal: TermCalendar,
): LogEntry[] {
  return entries
    .filter((e) => only.urn === undefined || e.urn === only.urn)
    .filter((e) => only.term === undefined || termOfDay(cal, toDayNumber(e.date)) === only.term)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
}
