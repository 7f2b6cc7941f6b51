// Representative inputs for the writers (test/unit/streamed-writers.test.ts): text that each format
// must escape, blanks, numbers, dates, tier colours and marks, the document-only columns, and
// calendar events of every type (with a trust-wide one, a two-day one, and a long folded line).
import type { CalendarEvent } from '../../src/core/schedule.js';
import type { TableModel } from '../../src/io/formats/table-model.js';
import type { PreviousEvent } from '../../src/io/ics.js';

export const sampleTable: TableModel = {
  title: 'Tiers: <Trust> & "Partners" | 2026/27',
  subtitle: ['Policy: four-tier. As of 2026-09-01.', 'Line with *stars*, `ticks` and #hash'],
  columns: [
    { key: 'urn', header: 'urn' },
    { key: 'name', header: 'name', wide: true },
    { key: 'tier', header: 'tier' },
    { key: 'date', header: 'date' },
    { key: 'days', header: 'days' },
    { key: 'days_text', header: 'days_text' },
    { key: 'activity_id', header: 'activity_id' },
    { key: 'movement', header: 'movement' },
    { key: 'reason', header: 'reason', wide: true },
  ],
  rows: [
    {
      urn: 100001,
      name: 'Oak, Ash "Academy"',
      tier: 'stabilise',
      date: '2026-09-04',
      days: 1.5,
      days_text: 'up to 6',
      activity_id: 'health-check',
      movement: 'up',
      reason: '=HYPERLINK("x")\nsecond line\r\nthird',
    },
    {
      urn: 100002,
      name: 'Elm <b>bold</b> & Co',
      tier: null,
      date: null,
      days: 0,
      days_text: null,
      activity_id: null,
      movement: null,
      reason: "-1 is a number; '-x' is not | a pipe",
    },
    {
      urn: 100003,
      name: 'Café Ünïcödé School',
      tier: 'sustain',
      date: '2027-07-21',
      days: -2,
      days_text: '@mention',
      activity_id: 'a',
      movement: 'down',
      reason: '+44 20 7946 0000\ttab',
    },
  ],
  levels: [3, null, 1],
  maxLevel: 4,
  marks: { movement: ['more-support', null, 'less-support'] },
  footer: ['3 schools: 1 stabilise, 1 sustain, 1 needs data', 'Note: <not> a tag'],
};

/** A calendar event as the schedule makes one: a Trust Review Day at Dunmore, unless told otherwise. */
export const calendarEvent = (over: Partial<CalendarEvent>): CalendarEvent => ({
  date: '2027-01-26',
  end: '2027-01-26',
  term: 3,
  urn: 100004,
  name: 'Dunmore Primary School',
  trust: null,
  tier: 'D',
  activity: 'Trust Review Day',
  activity_id: 't3-trust-review-day',
  kind: 'QA',
  type: 'visit',
  lead: 'Jordan Hale',
  role: 'Director of education',
  person: 'Jordan Hale',
  days: 1,
  occurrence: '1',
  note: null,
  ...over,
});

const event = (over: Partial<CalendarEvent>) => calendarEvent({ trust: 'Oak Trust', ...over });

export const sampleEvents: CalendarEvent[] = [
  event({}),
  event({ date: '2027-02-27', end: '2027-03-01', activity: 'Two-day review; deep dive, with notes', days: 2 }),
  event({
    urn: null,
    name: 'Oak Trust',
    tier: null,
    type: 'meeting',
    activity: 'Heads meeting',
    activity_id: 'heads',
    days: 0.5,
    person: null,
    lead: 'unassigned (CEO)',
    role: 'CEO',
  }),
  event({
    urn: 100005,
    name: `Sch${'ö'.repeat(60)}ol, "quoted"`,
    tier: null,
    type: 'school',
    kind: 'SI',
    note: 'moved from Thu 2027-01-28 (INSET day)\nsecond line',
    date: '2027-12-31',
    end: '2027-12-31',
  }),
];

/** A previous plan for the samples: one event unchanged, one changed, one gone, one cancelled before. */
export function samplePrevious(uidOf: (e: CalendarEvent) => string): PreviousEvent[] {
  const [first, second, third] = sampleEvents;
  const before = (e: CalendarEvent, over: Partial<PreviousEvent>): PreviousEvent => ({
    uid: uidOf(e),
    start: e.date,
    end: e.end,
    summary: `${e.activity} - ${e.name}`,
    description: '',
    categories: [e.kind],
    sequence: 0,
    cancelled: false,
    ...over,
  });
  return [
    before(second, { summary: 'an older summary', sequence: 1 }),
    before(first, { start: '2027-01-12', end: '2027-01-12' }),
    before(third, { sequence: 3 }),
    { ...before(first, { sequence: 2 }), uid: 'gone@sit', summary: 'Removed since' },
    { ...before(first, { sequence: 4, cancelled: true }), uid: 'cancelled@sit', summary: 'Cancelled before' },
  ];
}
