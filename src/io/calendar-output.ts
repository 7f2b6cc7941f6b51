// Calendar events in the shapes people and scripts read: a table model (terminal, CSV, Markdown,
// HTML), the JSON of SPEC section 6, and iCalendar events with stable UIDs.
import type { CalendarEvent, Unscheduled } from '../core/schedule.js';
import { EventList, eventUrns, tally, type EventSeq } from '../core/schedule-events.js';
import type { TermCalendar } from '../core/terms.js';
import { fromDayNumber, isoWeekday, toDayNumber } from '../core/dates.js';
import { mondayOf } from '../core/terms.js';
import type { Cell, Column, RowsTable, TableModel } from './formats/table-model.js';
import { escapeText, icsLines, sequenced, uidOf, type IcsEvent, type PreviousEvent } from './ics.js';
import { contentText } from './output.js';
import { calendarCsvRows, uidKindText, uidOwnerText } from './calendar-store-text.js';
import type { DeliveryMarks } from '../core/delivery.js';
import { MARK_KEYS, markJson, markLine } from './delivery-output.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 8 Sep 2026". */
export function friendlyDate(iso: string): string {
  return `${DAYS[isoWeekday(iso) - 1]} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/**
 * The JSON of one event: date, end, term, urn (null for a trust-wide event), name, trust, tier,
 * activity, activity_id, kind, type, lead, role, person, days, occurrence, uid, note; with a visit
 * log, also status (done, moved, missed, planned), delivered_on, delivered_by, delivered_days and
 * status_note.
 */
export function eventJson(e: CalendarEvent) {
  return {
    date: e.date,
    end: e.end,
    term: e.term,
    urn: e.urn,
    name: e.name,
    trust: e.trust,
    tier: e.tier,
    activity: e.activity,
    activity_id: e.activity_id,
    kind: e.kind,
    type: e.type,
    lead: e.lead,
    role: e.role,
    person: e.person,
    days: e.days,
    occurrence: e.occurrence,
    uid: eventUid(e),
    note: e.note,
  };
}

/** An event's JSON with its status from the visit log, when there is one. */
export const markedEventJson = (e: CalendarEvent, marks?: DeliveryMarks) =>
  marks ? { ...eventJson(e), ...markJson(marks.of.get(e)) } : eventJson(e);

/** What the plan covers, in words: "term 3 (Spring 1, 2027-01-04 to 2027-02-12), 2026/27". */
export function scopeText(cal: TermCalendar, terms: number[]): string {
  if (terms.length === cal.terms.length)
    return `the year ${cal.yearName} (${cal.terms[0].start} to ${cal.terms[cal.terms.length - 1].end})`;
  return terms
    .map((n) => {
      const t = cal.terms[n - 1];
      return `term ${n} (${t.name}, ${t.start} to ${t.end}), ${cal.yearName}`;
    })
    .join('; ');
}

export function countText(events: EventSeq, unscheduled: Unscheduled[] = []): string {
  const { schools, trustWide, qa, unassigned } = tally(events);
  const parts = [
    `${events.length} events (${qa} QA, ${events.length - qa} SI) for ${schools} ${schools === 1 ? 'school' : 'schools'}`,
  ];
  if (trustWide) parts.push(`${trustWide} for a whole trust`);
  if (unassigned) parts.push(`${unassigned} unassigned (no one in capacity: has the role)`);
  if (unscheduled.length) parts.push(`${unscheduled.length} unscheduled (no day fits: see the list)`);
  return parts.join('; ');
}

export function calendarTable(
  events: EventSeq,
  options: {
    policyName: string;
    policyId: string;
    asOf: string;
    scope: string;
    levels: Map<number, number | null>;
    maxLevel: number;
    detail: 'terminal' | 'file';
    notes?: string[];
    /** From the visit log: each event's status (a column in every format). */
    marks?: DeliveryMarks;
  },
): RowsTable {
  const marked = (list: Column[], status: Column[]): Column[] => (options.marks ? [...list, ...status] : list);
  const columns: Column[] =
    options.detail === 'terminal'
      ? [
          { key: 'date', header: 'Date' },
          { key: 'term', header: 'Term' },
          { key: 'tier', header: 'Tier' },
          { key: 'urn', header: 'URN' },
          { key: 'name', header: 'School', wide: true },
          { key: 'activity', header: 'Activity', wide: true },
          { key: 'kind', header: 'Kind' },
          { key: 'lead', header: 'Lead', wide: true },
          { key: 'note', header: 'Note', wide: true },
          ...marked([], [{ key: 'status', header: 'Status' }]),
        ]
      : marked(
          [
            'date',
            'end',
            'term',
            'urn',
            'name',
            'trust',
            'tier',
            'activity',
            'activity_id',
            'kind',
            'type',
            'lead',
            'role',
            'person',
            'days',
            'occurrence',
            'uid',
            'note',
          ].map((key) => ({ key, header: key, wide: ['name', 'activity', 'note'].includes(key) })),
          MARK_KEYS.map((key) => ({ key, header: key, wide: key === 'status_note' })),
        );
  // A file's row is the event's JSON as it is (a copy of a million rows saved); the terminal's
  // shows the dates and tier in words.
  const row =
    options.detail === 'file'
      ? (e: CalendarEvent): Record<string, Cell> => markedEventJson(e, options.marks)
      : (e: CalendarEvent): Record<string, Cell> => ({
          ...markedEventJson(e, options.marks),
          date: `${friendlyDate(e.date)}${e.end !== e.date ? ` - ${friendlyDate(e.end)}` : ''}`,
          tier: e.urn === null ? 'all' : (e.tier ?? 'needs data'),
        });
  // Made as they are written, not held: a row per event is a million objects for a year of every school.
  const rows = {
    *[Symbol.iterator]() {
      for (const e of events) yield row(e);
    },
  };
  // Each row's level for the tier colour, and the count under the table: worked out only if a
  // writer asks (the CSV does not).
  let levels: (number | null)[] | undefined;
  let footer: string[] | undefined;
  return {
    title: `QA and SI calendar: ${options.policyName}`,
    subtitle: [
      `Policy: ${options.policyId}. ${options.scope[0].toUpperCase()}${options.scope.slice(1)}. As of ${options.asOf}.`,
    ],
    columns,
    rows,
    get levels() {
      levels ??= eventUrns(events).map((urn) => (urn === null ? null : (options.levels.get(urn) ?? null)));
      return levels;
    },
    maxLevel: options.maxLevel,
    get footer() {
      footer ??= [countText(events), ...(options.notes ?? [])];
      return footer;
    },
    // A file's CSV straight from the store's columns; a visit log's status is found by event object.
    csvRows:
      options.detail === 'file' && !options.marks && events instanceof EventList
        ? () => calendarCsvRows(events)
        : undefined,
  };
}

/**
 * The UID of an event: the school (or trust), the activity and its number within the term, never
 * the date, so a re-import updates an event a closure moved rather than duplicating it.
 */
export function eventUid(e: Pick<CalendarEvent, 'urn' | 'name' | 'activity_id' | 'term' | 'occurrence'>): string {
  return uidOf(uidOwnerText(e) + uidKindText(e.activity_id, e.term, e.occurrence));
}

/** An event's details, a line each. */
export const eventDescription = (e: CalendarEvent): string => describe(e, (value) => value, '\n');

/**
 * The details, each value given by `text` (with any words beside it that need escaping) and the
 * lines joined by `newline`: raw, or escaped from escaped values. Built without arrays: a year's
 * calendar describes a million events.
 */
function describe(e: CalendarEvent, text: (value: string) => string, newline: string): string {
  let out =
    e.urn === null
      ? `For: ${text(`${e.name} (the whole trust, once)`)}`
      : `School: ${text(e.name)} (URN ${e.urn})${newline}Tier: ${text(e.tier ?? 'needs data')}`;
  out += `${newline}Term: ${e.term}${newline}Kind: ${text(e.kind)}${newline}Lead: ${text(e.lead)}`;
  if (e.type !== 'school')
    out += `${newline}Role: ${text(e.role)}${newline}Time: ${e.days} ${e.days === 1 ? 'day' : 'days'}`;
  if (e.note) out += `${newline}Note: ${text(e.note)}`;
  return out;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls escapeText drops
const ENDS_IN_CR = /\r[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;

/**
 * escapeText of each event's description, from its values each escaped once (a school's name is in
 * each of its fifty events): the same text, as the lines' breaks are escaped alike. A value ending
 * in a carriage return would join the line break after it into one (CRLF): its event is escaped whole.
 */
function escapedDescriptions(): (e: CalendarEvent) => string {
  const escaped = new Map<string, string | null>();
  let whole = false;
  const value = (text: string) => {
    let out = escaped.get(text);
    if (out === undefined) escaped.set(text, (out = ENDS_IN_CR.test(text) ? null : escapeText(text)));
    if (out === null) whole = true;
    return out ?? '';
  };
  return (e) => {
    whole = false;
    const text = describe(e, value, '\\n');
    return whole ? escapeText(eventDescription(e)) : text;
  };
}

/**
 * iCalendar for the events, an event at a time; with the previous plan, SEQUENCE rises on a change
 * and removed events are cancelled. With a visit log, each event's status is a category and a
 * description line: RFC 5545's STATUS (TENTATIVE, CONFIRMED, CANCELLED) has no "done" or "missed",
 * and a missed visit is not a cancelled one. The UID never depends on it.
 */
export function calendarIcsLines(
  events: Iterable<CalendarEvent>,
  options: { name: string; stamp: string; previous?: PreviousEvent[]; marks?: DeliveryMarks },
): Iterable<string> {
  const { marks } = options;
  // The description as text to compare with the previous plan's, or a visit log's line added; else
  // escaped straight from its escaped values.
  const escaped = marks || options.previous ? null : escapedDescriptions();
  function* icsEvents(): Generator<IcsEvent> {
    for (const e of events)
      yield {
        uid: eventUid(e),
        start: e.date,
        end: e.end,
        summary: `${e.activity} - ${e.name}`,
        ...(escaped
          ? { escapedDescription: escaped(e) }
          : {
              description: marks ? `${eventDescription(e)}\n${markLine(marks.of.get(e))}` : eventDescription(e),
            }),
        categories: marks ? [e.kind, marks.of.get(e)?.status ?? 'planned'] : [e.kind],
      };
  }
  return icsLines({
    name: options.name,
    stamp: options.stamp,
    events: options.previous ? sequenced(icsEvents(), options.previous) : icsEvents(),
  });
}

/** The same as one string (a small calendar). */
export const calendarIcs = (...args: Parameters<typeof calendarIcsLines>): string =>
  contentText(calendarIcsLines(...args));

/** What could not be placed, with the reason: one row each. */
export function unscheduledTable(list: Unscheduled[]): TableModel {
  return {
    title: 'Unscheduled: no day fits',
    columns: ['term', 'urn', 'name', 'activity', 'role', 'days', 'reason'].map((key) => ({
      key,
      header: key,
      wide: ['name', 'activity', 'reason'].includes(key),
    })),
    rows: list.map((u) => ({
      term: u.term,
      urn: u.urn,
      name: u.name,
      activity: u.activity,
      role: u.role,
      days: u.days,
      reason: u.reason,
    })),
  };
}

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * The rota: a row per week and person (and "unassigned" where events have no one), a column per
 * weekday, each cell the schools and activities of that day. The school's own work is left out.
 */
export function rotaTable(
  events: Iterable<CalendarEvent>,
  options: { title: string; subtitle: string[]; people: string[] },
): TableModel {
  const booked = Array.from(events).filter((e) => e.type !== 'school');
  const weeks = [...new Set(booked.map((e) => mondayOf(toDayNumber(e.date))))].sort((a, b) => a - b);
  const who = (e: CalendarEvent) => e.person ?? `unassigned (${e.role})`;
  const names = [...options.people, ...[...new Set(booked.filter((e) => e.person === null).map(who))].sort()];
  const cells = new Map<string, string[]>();
  for (const e of booked) {
    let day = toDayNumber(e.date);
    const last = toDayNumber(e.end);
    for (; day <= last; day++) {
      const weekday = isoWeekday(fromDayNumber(day));
      if (weekday > 5) continue;
      const key = `${mondayOf(day)}|${who(e)}|${weekday}`;
      const text = `${e.urn === null ? e.name : `${e.urn} ${e.name}`}: ${e.activity}${e.type === 'meeting' ? ` (${e.days} day)` : ''}`;
      cells.set(key, [...(cells.get(key) ?? []), text]);
    }
  }
  const rows: Record<string, Cell>[] = [];
  for (const week of weeks) {
    for (const name of names) {
      const row: Record<string, Cell> = { week: `${friendlyDate(fromDayNumber(week)).slice(4)}`, person: name };
      let any = false;
      WEEKDAY_KEYS.forEach((k, i) => {
        const list = cells.get(`${week}|${name}|${i + 1}`);
        row[k] = list ? list.join('; ') : null;
        if (list) any = true;
      });
      if (any || options.people.includes(name)) rows.push(row);
    }
  }
  return {
    title: options.title,
    subtitle: options.subtitle,
    columns: [
      { key: 'week', header: 'Week of' },
      { key: 'person', header: 'Person' },
      ...WEEKDAY_KEYS.map((k) => ({ key: k, header: k[0].toUpperCase() + k.slice(1), wide: true })),
    ],
    rows,
    footer: [
      "Each cell: the schools (URN and name) and activities of that day; a meeting shows the time it takes. The schools' own work is not in the rota.",
    ],
  };
}
