// A calendar's CSV and JSON written straight from the event store's columns (each distinct value's
// text worked out once) are the CSV the table's rows give and the JSON of each event, byte for
// byte: the awkward values of the writer samples (quotes, commas, line breaks, formula signs, a
// whole trust's event, a two-day event, notes), many events that share their values, a view of
// some of them, and none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../src/core/dates.js';
import type { CalendarEvent } from '../../src/core/schedule.js';
import { EventStore, type EventList } from '../../src/core/schedule-events.js';
import { calendarTable, eventUid, markedEventJson } from '../../src/io/calendar-output.js';
import { calendarJson } from '../../src/io/calendar-store-text.js';
import { csvLines } from '../../src/io/formats/csv.js';
import { csvRow } from '../helpers/csv-row.js';
import { jsonArray } from '../../src/io/formats/json.js';
import { contentText } from '../../src/io/output.js';
import { calendarEvent, sampleEvents } from '../helpers/writer-samples.js';

function storeOf(events: CalendarEvent[]): EventStore {
  const store = new EventStore();
  const kinds = new Map<string, number>();
  for (const e of events) {
    const owner = store.ownerIndex(e.urn === null ? `trust:${e.name}` : String(e.urn), e);
    const shape = {
      activity: e.activity,
      activity_id: e.activity_id,
      kind: e.kind,
      occurrence: e.occurrence,
      role: e.role,
      days: e.days,
      type: e.type,
    };
    const key = JSON.stringify(shape);
    let kind = kinds.get(key);
    if (kind === undefined) kinds.set(key, (kind = store.addKind(shape)));
    const lead = store.leadIndex(e.lead, e.person);
    store.add(toDayNumber(e.date), toDayNumber(e.end), owner, kind, lead, store.tierIndex(e.tier), e.term, e.note);
  }
  return store;
}

const fileTable = (events: EventList | CalendarEvent[]) =>
  calendarTable(events, {
    policyName: 'P',
    policyId: 'p',
    asOf: '2026-09-01',
    scope: 'the year',
    levels: new Map(),
    maxLevel: 4,
    detail: 'file',
  });

/** The JSON array of each event's JSON, not from the columns. */
const jsonByEvents = (events: EventList) => contentText(jsonArray([...events].map((e) => markedEventJson(e))));

/** The CSV of each event's row as the table model gives it (csvRow), not from the columns. */
function byRows(events: EventList): string {
  const table = fileTable(events);
  let text = '';
  for (const e of events) text += csvRow(table.columns, markedEventJson(e));
  return text;
}

const awkward: CalendarEvent[] = [
  ...sampleEvents,
  calendarEvent({ name: '=HYPERLINK("x")', trust: '+Trust, "the"', tier: '-1', note: '@note\r\nline' }),
  calendarEvent({ urn: null, name: 'Oak, Trust', tier: null, person: null, lead: 'unassigned (CEO)', term: 6 }),
  calendarEvent({ activity: '-Visit\tone', activity_id: 'v,1', occurrence: '"2"', role: '=role', days: 1.5 }),
  calendarEvent({ date: '2027-03-01', end: '2027-03-03', term: 4, person: '+A. Khan', lead: '+A. Khan' }),
  calendarEvent({ name: 'Lone \ud800 surrogate \u2028 and \u0000 nul', note: '\\ back </script>' }),
];

describe('the calendar CSV and JSON from the store columns', () => {
  it('is the CSV of the rows, for awkward values', () => {
    const events = storeOf(awkward).all();
    const table = fileTable(events);
    expect(table.csvRows).toBeDefined();
    const rows = contentText(table.csvRows?.() ?? []);
    expect(rows).toBe(byRows(events));
    expect(contentText(csvLines(table))).toBe(contentText(csvLines(fileTable([...events]))));
  });

  it('writes the sample events as the streamed writers did (test/unit/streamed-writers/events.csv)', () => {
    const expected = readFileSync(new URL('./streamed-writers/events.csv', import.meta.url), 'utf8');
    expect(contentText(csvLines(fileTable(storeOf(sampleEvents).all())))).toBe(expected);
  });

  it('is the same for many events sharing their values, in parts, and for a view of some', () => {
    const many: CalendarEvent[] = [];
    for (let n = 0; n < 3000; n++) {
      const e = awkward[n % awkward.length];
      many.push({ ...e, urn: e.urn === null ? null : 100000 + (n % 37), term: 1 + (n % 6), occurrence: String(n % 5) });
    }
    const events = storeOf(many).all();
    const parts = [...(fileTable(events).csvRows?.() ?? [])];
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(byRows(events));
    const view = events.inTerms([2, 5]);
    expect(contentText(fileTable(view).csvRows?.() ?? [])).toBe(byRows(view));
  });

  it('gives each event the UID eventUid gives it', () => {
    const events = storeOf(awkward).all();
    const uids = contentText(fileTable(events).csvRows?.() ?? [])
      .split('\r\n')
      .flatMap((line) => line.match(/[0-9a-f]{32}@sit/) ?? []);
    expect(uids).toEqual([...events].map(eventUid));
  });

  it("writes each event's JSON as jsonArray does, for awkward values, many, a view and none", () => {
    expect(contentText(calendarJson(storeOf(awkward).all()))).toBe(jsonByEvents(storeOf(awkward).all()));
    const many: CalendarEvent[] = [];
    for (let n = 0; n < 3000; n++) {
      const e = awkward[n % awkward.length];
      many.push({ ...e, urn: e.urn === null ? null : 100000 + (n % 37), term: 1 + (n % 6), occurrence: String(n % 5) });
    }
    const events = storeOf(many).all();
    const parts = [...calendarJson(events)];
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(jsonByEvents(events));
    expect(contentText(calendarJson(events.inTerms([3])))).toBe(jsonByEvents(events.inTerms([3])));
    expect(contentText(calendarJson(storeOf([]).all()))).toBe('[]\n');
  });
});
