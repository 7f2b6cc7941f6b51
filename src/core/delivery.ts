// Delivered against plan (SPEC section 9): each planned event of the schedule is marked from the
// visit log as at --as-of, and the budget's days are set beside the days delivered. Pure and
// deterministic: the same schedule and log give the same marks, whatever order the log is in.
//
// How a log entry meets a planned event (only entries dated on or before --as-of count):
// 1. done: an entry for the same school and activity dated on the event's day (any day of a
//    two-day review). Events are taken in schedule order; each takes the first such entry by line.
// 2. moved: an entry for the same school and activity elsewhere in the event's term. Of every
//    such pair left, the nearest in days is taken first (ties: the earlier event, then the
//    earlier entry, then the earlier line), so a late visit stands for the event nearest it.
// 3. missed: no entry, and the event's last day is before --as-of.
// 4. planned: no entry yet, and the event is on or after --as-of.
// Each entry stands for at most one event. An event for a whole trust (or all schools) is met by
// an entry from any school of that trust (any school at all for "All schools"). An entry whose
// activity is free text (no activity of the policy) marks nothing but still counts as delivered.
import type { LogEntry } from './log.js';
import type { CalendarEvent } from './schedule.js';
import { toDayNumber } from './dates.js';
import { termOfDay, type TermCalendar } from './terms.js';
import { addToGroup } from './group.js';
import { fold } from './values.js';

/**
 * An entry's activity names this policy activity (its id or its name, case and spacing aside).
 * Here, not in log.ts beside the log's row schema, so that marking delivery loads no zod.
 */
export function sameActivity(entryActivity: string, activity: { id: string; name: string }): boolean {
  const wanted = fold(entryActivity);
  return wanted === fold(activity.id) || wanted === fold(activity.name);
}

export const DELIVERY_STATUSES = ['done', 'moved', 'missed', 'planned'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface EventMark {
  status: DeliveryStatus;
  /** The log entry that delivered it (done or moved), else null. */
  entry: LogEntry | null;
  /** In words: which entry, or why none. */
  why: string;
}

export interface DeliveryMarks {
  /** The mark of each event (by identity: a view's events are the schedule's own objects). */
  of: Map<CalendarEvent, EventMark>;
  /** Entries on or before --as-of that mark no event (free text, or nothing planned for them). */
  unmatched: LogEntry[];
  /** Entries after --as-of: not counted yet. */
  later: LogEntry[];
}

/** The organisation-wide owner name the calendar gives an event for all schools. */
export const ALL_SCHOOLS = 'All schools';

/** True when this entry is about this event's school (or trust) and activity. */
function belongs(entry: LogEntry, event: CalendarEvent, trustOf: (urn: number) => string | null): boolean {
  if (!sameActivity(entry.activity, { id: event.activity_id, name: event.activity })) return false;
  if (event.urn !== null) return entry.urn === event.urn;
  return event.name === ALL_SCHOOLS || trustOf(entry.urn) === event.name;
}

const entryOrder = (a: LogEntry, b: LogEntry) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line);

/** The marks of every event of the schedule (see the file comment for the rules). */
export function markDelivery(
  events: CalendarEvent[],
  log: LogEntry[],
  asOf: string,
  cal: TermCalendar,
  trustOf: (urn: number) => string | null = () => null,
): DeliveryMarks {
  const counted = log.filter((e) => e.date <= asOf).sort(entryOrder);
  const later = log.filter((e) => e.date > asOf).sort(entryOrder);
  const used = new Set<LogEntry>();
  const of = new Map<CalendarEvent, EventMark>();
  const who = (e: LogEntry) => `${e.person}, ${e.days} ${e.days === 1 ? 'day' : 'days'} (log line ${e.line})`;

  // Entries by school and folded activity, and by activity alone for a trust's events: a year for
  // thousands of schools must not compare every event with every entry.
  const bySchool = new Map<string, LogEntry[]>();
  const byActivity = new Map<string, LogEntry[]>();
  for (const x of counted) {
    addToGroup(bySchool, `${x.urn}|${fold(x.activity)}`, x);
    addToGroup(byActivity, fold(x.activity), x);
  }
  const candidates = (event: CalendarEvent): LogEntry[] => {
    const keys = [...new Set([fold(event.activity_id), fold(event.activity)])];
    const found = keys.flatMap(
      (k) => (event.urn === null ? byActivity : bySchool).get(event.urn === null ? k : `${event.urn}|${k}`) ?? [],
    );
    return found.filter((x) => belongs(x, event, trustOf)).sort(entryOrder);
  };

  // 1. On the day.
  const pool = new Map<CalendarEvent, LogEntry[]>();
  for (const event of events) {
    const list = candidates(event);
    if (list.length) pool.set(event, list);
    const entry = list.find((x) => !used.has(x) && x.date >= event.date && x.date <= event.end);
    if (!entry) continue;
    used.add(entry);
    of.set(event, { status: 'done', entry, why: `logged on ${entry.date} by ${who(entry)}` });
  }

  // 2. Elsewhere in the term: the nearest pairs first.
  const order = new Map(events.map((e, i) => [e, i]));
  const pairs: { event: CalendarEvent; entry: LogEntry; distance: number }[] = [];
  const termOf = new Map(counted.map((x) => [x, termOfDay(cal, toDayNumber(x.date))]));
  for (const [event, list] of pool) {
    if (of.has(event)) continue;
    const start = toDayNumber(event.date);
    for (const entry of list) {
      if (used.has(entry) || termOf.get(entry) !== event.term) continue;
      pairs.push({ event, entry, distance: Math.abs(toDayNumber(entry.date) - start) });
    }
  }
  pairs.sort(
    (a, b) => a.distance - b.distance || order.get(a.event)! - order.get(b.event)! || entryOrder(a.entry, b.entry),
  );
  for (const { event, entry } of pairs) {
    if (of.has(event) || used.has(entry)) continue;
    used.add(entry);
    of.set(event, {
      status: 'moved',
      entry,
      why: `planned ${event.date}, logged on ${entry.date} instead by ${who(entry)}`,
    });
  }

  // 3 and 4. Nothing logged.
  for (const event of events) {
    if (of.has(event)) continue;
    of.set(
      event,
      event.end < asOf
        ? { status: 'missed', entry: null, why: `no log entry for it in term ${event.term} by ${asOf}` }
        : { status: 'planned', entry: null, why: `ahead: planned for ${event.date}` },
    );
  }
  return { of, unmatched: counted.filter((x) => !used.has(x)), later };
}

/** How many events have each status. */
export function statusCounts(events: Iterable<CalendarEvent>, marks: DeliveryMarks): Record<DeliveryStatus, number> {
  const counts = { done: 0, moved: 0, missed: 0, planned: 0 };
  for (const e of events) counts[marks.of.get(e)?.status ?? 'planned']++;
  return counts;
}
