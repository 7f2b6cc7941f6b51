// The iCalendar writer, read back with ical.js (a maintained RFC 5545 parser), not by string
// comparison alone.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, foldLine, readIcs, stableUid, toIcs } from '../../src/io/ics.js';
import { calendarIcs, eventDescription, eventUid } from '../../src/io/calendar-output.js';
import { calendarEvent, sampleEvents } from '../helpers/writer-samples.js';

function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      isDate: e.startDate.isDate,
      summary: e.summary,
      description: e.description,
      stamp: String(v.getFirstPropertyValue('dtstamp')),
      sequence: e.sequence,
      status: v.getFirstPropertyValue('status') ?? null,
    };
  });
}

const event = calendarEvent;

describe('ICS writer', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('writes CRLF lines, all-day dates and a fixed DTSTAMP', () => {
    const text = toIcs({
      name: 'Plan',
      stamp: '2026-09-01',
      events: [{ uid: 'x@sit', start: '2027-05-04', end: '2027-05-05', summary: 'Trust Review (2 days)' }],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20270504\r\nDTEND;VALUE=DATE:20270506\r\n');
    expect(text).toContain('DTSTAMP:20260901T000000Z');
  });

  it('UIDs depend on school, activity and the occurrence within its term, never the date (SPEC section 5)', () => {
    expect(eventUid(event({}))).toBe(stableUid([100004, 't3-trust-review-day', 3, '1']));
    expect(
      eventUid(
        event({
          date: '2027-01-27',
          end: '2027-01-27',
          name: 'Renamed',
          activity: 'Renamed activity',
          note: 'x',
          person: 'Someone else',
        }),
      ),
    ).toBe(eventUid(event({})));
    expect(eventUid(event({ occurrence: '2' }))).not.toBe(eventUid(event({})));
    expect(eventUid(event({ term: 4 }))).not.toBe(eventUid(event({})));
    expect(eventUid(event({ urn: null, name: 'Trust A' }))).toBe(
      stableUid(['trust:Trust A', 't3-trust-review-day', 3, '1']),
    );
    expect(eventUid(event({}))).toMatch(/^[0-9a-f]{32}@sit$/);
  });

  it('with the previous calendar: a moved event keeps its UID with a higher SEQUENCE, removed ones are cancelled (read by ical.js)', () => {
    const first = calendarIcs([event({}), event({ urn: 100005, name: 'Elmstead' })], {
      name: 'Plan',
      stamp: '2026-09-01',
    });
    const previous = readIcs(first);
    expect(previous.map((p) => [p.start, p.end, p.sequence, p.cancelled])).toEqual([
      ['2027-01-26', '2027-01-26', 0, false],
      ['2027-01-26', '2027-01-26', 0, false],
    ]);
    expect(previous[0].description).toBe(eventDescription(event({})));
    // A new closure moves Dunmore's review a day; Elmstead leaves the plan.
    const second = calendarIcs([event({ date: '2027-01-27', end: '2027-01-27', note: 'moved' })], {
      name: 'Plan',
      stamp: '2026-09-01',
      previous,
    });
    const a = parseIcs(first);
    const b = parseIcs(second);
    expect(b.map((e) => [e.uid, e.start, e.sequence, e.status])).toEqual([
      [a[0].uid, '2027-01-27', 1, null],
      [a[1].uid, '2027-01-26', 1, 'CANCELLED'],
    ]);
    // Unchanged against itself: the same SEQUENCE and the same bytes; a cancelled one stays cancelled once.
    const third = calendarIcs([event({ date: '2027-01-27', end: '2027-01-27', note: 'moved' })], {
      name: 'Plan',
      stamp: '2026-09-01',
      previous: readIcs(second),
    });
    expect(third).toBe(second);
  });

  it('readIcs refuses a file that is not a calendar, naming the line', () => {
    expect(() => readIcs('urn,name\n')).toThrow('line 1: expected BEGIN:VCALENDAR');
  });

  it('reads back with ical.js as the same events, however awkward the text', () => {
    const events = [
      event({}),
      event({
        date: '2027-05-04',
        end: '2027-05-05',
        term: 5,
        activity: 'Trust Review (2 days)',
        activity_id: 't5-trust-review',
        note: 'moved from Mon 2027-05-03 (early May bank holiday)',
      }),
      event({
        urn: 100099,
        name: 'St Mary’s C of E; Primary, “Ærø” School \\ Nursery — a very long name that needs folding over several lines',
        activity: 'Peer review (internal or external, alternating)',
        activity_id: 'peer-review',
        tier: null,
        note: 'line one\nline two; three, four',
        person: null,
        lead: 'unassigned (Peer reviewer)',
        role: 'Peer reviewer',
      }),
    ];
    const parsed = parseIcs(calendarIcs(events, { name: 'QA plan: term 3, 2026/27', stamp: '2026-09-01' }));
    expect(parsed.map((p) => p.uid)).toEqual(events.map(eventUid));
    expect(parsed.map((p) => [p.start, p.end, p.isDate])).toEqual([
      ['2027-01-26', '2027-01-27', true],
      ['2027-05-04', '2027-05-06', true],
      ['2027-01-26', '2027-01-27', true],
    ]);
    expect(parsed.map((p) => p.summary)).toEqual(events.map((e) => `${e.activity} - ${e.name}`));
    expect(parsed[2].description).toBe(
      [
        `School: ${events[2].name} (URN 100099)`,
        'Tier: needs data',
        'Term: 3',
        'Kind: QA',
        'Lead: unassigned (Peer reviewer)',
        'Role: Peer reviewer',
        'Time: 1 day',
        'Note: line one\nline two; three, four',
      ].join('\n'),
    );
    expect(readIcs(calendarIcs(events, { name: 'x', stamp: '2026-09-01' })).map((p) => p.description)).toEqual(
      events.map(eventDescription),
    );
    expect(parsed.every((p) => p.stamp === '2026-09-01T00:00:00Z')).toBe(true);
  });

  it('escapes each description from its values escaped once, as escaping the whole text does', () => {
    // Values that end in a carriage return (with controls after it) run into the line break after
    // them; notes with CRLF; values shared between events (escaped once, read again).
    const events = [
      event({ name: 'Oak; Ash, "the" \\ school\r', tier: 'A\r' }),
      event({ tier: 'B\r\u0001', lead: 'Lead\r', role: 'Role,\r\u0002\u0003' }),
      event({ kind: 'SI', lead: 'A\nB', note: 'moved\r\nagain\r' }),
      event({ urn: null, name: 'Trust\r', tier: null, type: 'meeting', days: 0.5 }),
      event({ type: 'school', lead: 'Headteacher\r', note: '\u0085x\r\u0001\n' }),
      event({ name: 'Oak; Ash, "the" \\ school\r', tier: 'A' }),
      event({}),
      event({ urn: null, name: 'Oak Trust', tier: null, type: 'meeting', days: 0.5 }),
      ...sampleEvents,
    ];
    const options = { name: 'Plan', stamp: '2026-09-01' };
    // With a previous plan (none of these in it), each description is escaped whole.
    expect(calendarIcs(events, options)).toBe(calendarIcs(events, { ...options, previous: [] }));
    expect(parseIcs(calendarIcs(events, options)).map((p) => p.description)).toEqual(
      events.map((e) =>
        eventDescription(e)
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
          .replace(/\r\n|\r/g, '\n'),
      ),
    );
  });
});
