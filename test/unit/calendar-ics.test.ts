// The iCalendar writer, read back with ical.js (a maintained RFC 5545 parser), not by string
// comparison alone.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, foldLine, stableUid, toIcs } from '../../src/io/ics.js';
import { calendarIcs, eventUid } from '../../src/io/calendar-output.js';
import type { CalendarEvent } from '../../src/core/calendar.js';

function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, start: e.startDate.toString(), end: e.endDate.toString(), isDate: e.startDate.isDate, summary: e.summary, description: e.description, stamp: String(v.getFirstPropertyValue('dtstamp')) };
  });
}

const event = (over: Partial<CalendarEvent>): CalendarEvent => ({
  date: '2027-01-26', end: '2027-01-26', term: 3, urn: 100004, name: 'Dunmore Primary School', tier: 'D',
  activity: 'Trust Review Day', activity_id: 't3-trust-review-day', kind: 'QA', lead: 'Director of Education', note: null, ...over,
});

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
    const text = toIcs({ name: 'Plan', stamp: '2026-09-01', events: [{ uid: 'x@sit', start: '2027-05-04', end: '2027-05-05', summary: 'Trust Review (2 days)' }] });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20270504\r\nDTEND;VALUE=DATE:20270506\r\n');
    expect(text).toContain('DTSTAMP:20260901T000000Z');
  });

  it('UIDs depend only on school, activity and date', () => {
    expect(eventUid(event({}))).toBe(stableUid([100004, 't3-trust-review-day', '2027-01-26']));
    expect(eventUid(event({ name: 'Renamed', activity: 'Renamed activity', note: 'x' }))).toBe(eventUid(event({})));
    expect(eventUid(event({ date: '2027-01-27' }))).not.toBe(eventUid(event({})));
    expect(eventUid(event({}))).toMatch(/^[0-9a-f]{32}@sit$/);
  });

  it('reads back with ical.js as the same events, however awkward the text', () => {
    const events = [
      event({}),
      event({ date: '2027-05-04', end: '2027-05-05', term: 5, activity: 'Trust Review (2 days)', activity_id: 't5-trust-review', note: 'moved from Mon 2027-05-03 (early May bank holiday)' }),
      event({ urn: 100099, name: 'St Mary’s C of E; Primary, “Ærø” School \\ Nursery — a very long name that needs folding over several lines', activity: 'Peer review (internal or external, alternating)', activity_id: 'peer-review', tier: null, note: 'line one\nline two; three, four' }),
    ];
    const parsed = parseIcs(calendarIcs(events, { name: 'QA plan: term 3, 2026/27', stamp: '2026-09-01' }));
    expect(parsed.map((p) => p.uid)).toEqual(events.map(eventUid));
    expect(parsed.map((p) => [p.start, p.end, p.isDate])).toEqual([
      ['2027-01-26', '2027-01-27', true],
      ['2027-05-04', '2027-05-06', true],
      ['2027-01-26', '2027-01-27', true],
    ]);
    expect(parsed.map((p) => p.summary)).toEqual(events.map((e) => `${e.activity} - ${e.name}`));
    expect(parsed[2].description).toBe([
      `School: ${events[2].name} (URN 100099)`, 'Tier: needs data', 'Term: 3', 'Kind: QA', 'Lead: Director of Education', 'Note: line one\nline two; three, four',
    ].join('\n'));
    expect(parsed.every((p) => p.stamp === '2026-09-01T00:00:00Z')).toBe(true);
  });
});
