// What sit calendar says beside the plan about occurrences that are not due (README: "An occurrence
// in a holiday is dropped, not moved ... Dropped occurrences are said on standard error"). Term 1 of
// the shipped 2026/27 dates runs Thu 3 Sep - Fri 23 Oct 2026; the October half term is 26-30 October.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { termCalendar } from '../../src/core/terms.js';
import { TermsSchema } from '../../src/core/terms-schema.js';
import type { CalendarSchool } from '../../src/core/calendar.js';
import { CalendarSchema } from '../../src/core/calendar-schema.js';
import { buildSchedule } from '../../src/core/schedule.js';
import { calendarNotes } from '../../src/core/calendar-notes.js';
import { DroppedList } from '../../src/core/dropped.js';

const cal = termCalendar(TermsSchema.parse(parse(defaultTermsText).terms));
const school = (urn: number, trust: string | null = 'Trust A'): CalendarSchool => ({
  urn,
  name: `School ${urn}`,
  tier: 'A',
  level: null,
  fields: { trust },
  extra: {},
});
// A weekly Wednesday 1:1 for each school and a fortnightly Thursday meeting for each trust.
const policy = CalendarSchema.parse({
  activities: [
    { id: 'one', name: 'CEO 1:1', kind: 'QA', type: 'meeting', lead: 'CEO', every_weeks: 1, weekday: 'wed' },
    {
      id: 'board',
      name: 'Board',
      kind: 'QA',
      type: 'meeting',
      lead: 'CEO',
      every_weeks: 2,
      weekday: 'thu',
      per: 'trust',
    },
  ],
  minimums: [],
});
const schools = [school(100002), school(100001)];
const schedule = buildSchedule(schools, policy, cal);
const notes = (terms: number[], wholeYear: boolean) =>
  calendarNotes(schedule, { shown: schools, terms, unscheduled: [], missingCycles: true, wholeYear });

describe('dropped occurrences', () => {
  it('are grouped by activity, day and reason, each with the schools (or trust) it was dropped for', () => {
    const groups = schedule.dropped.groups();
    // Wed 28 October, in the half term: both schools' 1:1s, in URN order.
    expect(groups[0]).toEqual({
      activity: 'CEO 1:1',
      activity_id: 'one',
      term: null,
      date: '2026-10-28',
      reason: 'Wed 2026-10-28 is in the October half term: dropped, not moved',
      owners: [
        { urn: 100001, name: 'School 100001' },
        { urn: 100002, name: 'School 100002' },
      ],
    });
    // Every dropped occurrence is in exactly one group.
    expect(groups.reduce((n, g) => n + g.owners.length, 0)).toBe(schedule.dropped.length);
    expect(groups.map((g) => g.date)).toEqual([...groups.map((g) => g.date)].sort());
  });

  it('are one group only when activity, id, term, day and reason are all alike (texts made apart)', () => {
    const base = { urn: 1, name: 'S', activity: 'A', activity_id: 'a', term: 1, date: '2027-01-06', reason: 'r' };
    const dropped = [
      base,
      { ...base, urn: 2, activity: ['A'].join(''), reason: `${'r'}` },
      { ...base, activity: 'B' },
      { ...base, activity_id: 'b' },
      { ...base, term: 2 },
      { ...base, term: null },
      { ...base, date: null },
      { ...base, reason: 's' },
    ];
    const groups = new DroppedList(dropped).groups();
    expect(groups.length).toBe(7);
    expect(groups.find((g) => g.owners.length === 2)?.owners.map((o) => o.urn)).toEqual([1, 2]);
  });

  it('are said for the whole year, with the first few groups, a trust by its name', () => {
    const lines = notes([1, 2, 3, 4, 5, 6], true);
    const dropped = schedule.dropped.length;
    expect(lines[0]).toBe(
      `note: ${dropped} occurrences are not due and dropped, not moved (sit budget --format json lists them all):`,
    );
    expect(lines[1]).toBe(
      'dropped: CEO 1:1 (one): Wed 2026-10-28 is in the October half term: dropped, not moved: 100001 School 100001; 100002 School 100002',
    );
    expect(lines.some((l) => l.startsWith('dropped: Board (board): ') && l.endsWith(': Trust A'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^dropped: \.\.\. and \d+ more$/);
    expect(lines.filter((l) => l.startsWith('dropped: ')).length).toBe(11);
  });

  it('in a holiday belong to no term: a term shows none', () => {
    expect([...schedule.dropped].every((d) => d.term === null)).toBe(true);
    expect(notes([1], false)).toEqual([]);
  });
});
