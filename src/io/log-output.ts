// The visit log in the shapes people and scripts read: a table model (terminal, CSV, Markdown,
// HTML, xlsx) and JSON (an array of entries: date, term, urn, name, activity, activity_name,
// person, days, outcome, notes, line).
import { toDayNumber } from '../core/dates.js';
import { showNumber } from '../core/display.js';
import type { LogEntry } from '../core/log.js';
import { termOfDay, type TermCalendar } from '../core/terms.js';
import type { TableModel } from './formats/table-model.js';

export interface LogView {
  entries: LogEntry[];
  cal: TermCalendar;
  /** School names by URN, from the data file when there is one. */
  names: Map<number, string>;
  /** Activity names by id, from the policy's calendar. */
  activities: Map<string, string>;
}

export function entryJson(e: LogEntry, view: LogView) {
  return {
    date: e.date,
    term: termOfDay(view.cal, toDayNumber(e.date)),
    urn: e.urn,
    name: view.names.get(e.urn) ?? null,
    activity: e.activity,
    activity_name: view.activities.get(e.activity) ?? null,
    person: e.person,
    days: e.days,
    outcome: e.outcome,
    notes: e.notes,
    line: e.line,
  };
}

const COLUMNS: [string, string, boolean][] = [
  ['date', 'Date', false],
  ['term', 'Term', false],
  ['urn', 'URN', false],
  ['name', 'School', true],
  ['activity', 'Activity', true],
  ['person', 'Person', true],
  ['days', 'Days', false],
  ['outcome', 'Outcome', true],
  ['notes', 'Notes', true],
];

/** People's formats (terminal, Markdown, HTML) show the activity's name with its id; CSV and xlsx keep them apart. */
export function logTable(
  view: LogView,
  options: { title: string; subtitle: string[]; forPeople: boolean },
): TableModel {
  const rows = view.entries.map((e) => {
    const json = entryJson(e, view);
    if (!options.forPeople) return json;
    return { ...json, activity: json.activity_name ? `${json.activity_name} (${e.activity})` : e.activity };
  });
  const columns = options.forPeople
    ? COLUMNS.map(([key, header, wide]) => ({ key, header, wide }))
    : ['date', 'term', 'urn', 'name', 'activity', 'activity_name', 'person', 'days', 'outcome', 'notes', 'line'].map(
        (key) => ({ key, header: key, wide: ['name', 'activity_name', 'outcome', 'notes'].includes(key) }),
      );
  const days = view.entries.reduce((a, e) => a + e.days, 0);
  return {
    title: options.title,
    subtitle: options.subtitle,
    columns,
    rows,
    footer: [
      `${view.entries.length} ${view.entries.length === 1 ? 'entry' : 'entries'}, ${showNumber(days)} ${days === 1 ? 'day' : 'days'}`,
    ],
  };
}
