// Calendar events in the shapes people and scripts read: a table model (terminal, CSV, Markdown,
// HTML), the JSON of SPEC section 6, and iCalendar events with stable UIDs.
import type { CalendarEvent } from '../core/calendar.js';
import type { TermCalendar } from '../core/terms.js';
import { isoWeekday } from '../core/dates.js';
import type { Column, TableModel } from './formats/table-model.js';
import { stableUid, toIcs, type IcsEvent } from './ics.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 8 Sep 2026". */
export function friendlyDate(iso: string): string {
  return `${DAYS[isoWeekday(iso) - 1]} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** The JSON of one event: date, end, term, urn, name, tier, activity, activity_id, kind, lead, note. */
export function eventJson(e: CalendarEvent): CalendarEvent {
  return { date: e.date, end: e.end, term: e.term, urn: e.urn, name: e.name, tier: e.tier, activity: e.activity, activity_id: e.activity_id, kind: e.kind, lead: e.lead, note: e.note };
}

/** What the plan covers, in words: "term 3 (Spring 1, 2027-01-04 to 2027-02-12), 2026/27". */
export function scopeText(cal: TermCalendar, terms: number[]): string {
  if (terms.length === cal.terms.length) return `the year ${cal.yearName} (${cal.terms[0].start} to ${cal.terms[cal.terms.length - 1].end})`;
  return terms.map((n) => {
    const t = cal.terms[n - 1];
    return `term ${n} (${t.name}, ${t.start} to ${t.end}), ${cal.yearName}`;
  }).join('; ');
}

export function countText(events: CalendarEvent[]): string {
  const schools = new Set(events.map((e) => e.urn)).size;
  const qa = events.filter((e) => e.kind === 'QA').length;
  return `${events.length} events (${qa} QA, ${events.length - qa} SI) for ${schools} ${schools === 1 ? 'school' : 'schools'}`;
}

export function calendarTable(events: CalendarEvent[], options: { policyName: string; policyId: string; asOf: string; scope: string; levels: Map<number, number | null>; maxLevel: number; detail: 'terminal' | 'file'; notes?: string[] }): TableModel {
  const columns: Column[] = options.detail === 'terminal'
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
      ]
    : ['date', 'end', 'term', 'urn', 'name', 'tier', 'activity', 'activity_id', 'kind', 'lead', 'note'].map((key) => ({ key, header: key, wide: ['name', 'activity', 'note'].includes(key) }));
  const rows = events.map((e) => ({
    ...eventJson(e),
    date: options.detail === 'terminal' ? `${friendlyDate(e.date)}${e.end !== e.date ? ` - ${friendlyDate(e.end)}` : ''}` : e.date,
    tier: options.detail === 'terminal' ? (e.tier ?? 'needs data') : e.tier,
  }));
  return {
    title: `QA and SI calendar: ${options.policyName}`,
    subtitle: [`Policy: ${options.policyId}. ${options.scope[0].toUpperCase()}${options.scope.slice(1)}. As of ${options.asOf}.`],
    columns,
    rows,
    levels: events.map((e) => options.levels.get(e.urn) ?? null),
    maxLevel: options.maxLevel,
    footer: [countText(events), ...(options.notes ?? [])],
  };
}

/** The UID of an event: school, activity and date, so a re-import updates rather than duplicates. */
export function eventUid(e: CalendarEvent): string {
  return stableUid([e.urn, e.activity_id, e.date]);
}

export function calendarIcs(events: CalendarEvent[], options: { name: string; stamp: string }): string {
  const icsEvents: IcsEvent[] = events.map((e) => ({
    uid: eventUid(e),
    start: e.date,
    end: e.end,
    summary: `${e.activity} - ${e.name}`,
    description: [
      `School: ${e.name} (URN ${e.urn})`,
      `Tier: ${e.tier ?? 'needs data'}`,
      `Term: ${e.term}`,
      `Kind: ${e.kind}`,
      `Lead: ${e.lead}`,
      ...(e.note ? [`Note: ${e.note}`] : []),
    ].join('\n'),
    categories: [e.kind],
  }));
  return toIcs({ name: options.name, stamp: options.stamp, events: icsEvents });
}
