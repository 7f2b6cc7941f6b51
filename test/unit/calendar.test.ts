// The calendar core: term dates, occurrences due (cadences in term time, several a term, per trust,
// by school data, on request, due from a date), and the schedule (days and people), hand-checked
// against the default 2026/27 terms and the source lines the presets quote (cited here).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { TermsSchema } from '../../src/core/terms-schema.js';
import {
  firstAtOrAfter,
  isSchoolDay,
  NearestWalk,
  schoolDaysOf,
  termCalendar,
  weekdayOfDay,
  type TermCalendar,
} from '../../src/core/terms.js';
import { ActivitySchema, CalendarSchema } from '../../src/core/calendar-schema.js';
import {
  currentTerm,
  cycleDue,
  dueOccurrences,
  ownerSchoolDays,
  ownerSchoolDaysFrom,
  placeInTerm,
  schoolClosures,
  type Owner,
  spreadTerms,
  type CalendarSchool,
  type PolicyCalendar,
} from '../../src/core/calendar.js';
import { buildSchedule, hardestFirst, type CalendarEvent, type Schedule } from '../../src/core/schedule.js';
import { fromDayNumber, isoWeekday, toDayNumber } from '../../src/core/dates.js';
import { classify } from '../../src/core/classify.js';
import { calendarSchools, planYear } from '../../src/core/plan.js';
import type { Capacity } from '../../src/core/config.js';
import { loadConfig } from '../../src/io/config.js';
import { readSchools } from '../../src/io/read-schools.js';
import { FIXTURES } from '../helpers/run-sit.js';
import { PassThrough } from 'node:stream';

const defaultTerms = (): TermCalendar => termCalendar(TermsSchema.parse(parse(defaultTermsText).terms));
const cal = defaultTerms();

const school = (
  urn: number,
  tier: string | null,
  fields: Record<string, string | null> = {},
  extra: Record<string, string> = {},
): CalendarSchool => ({
  urn,
  name: `School ${urn}`,
  tier,
  level: null,
  fields: { trust: 'Trust A', ...fields },
  extra,
});
const calendarOf = (activities: unknown[], minimums: unknown[] = []): PolicyCalendar =>
  CalendarSchema.parse({ activities, minimums });
const dates = (events: CalendarEvent[]) => events.map((e) => e.date);

async function fixturePlan(preset: string, capacity?: Capacity[]) {
  const loaded = loadConfig({ cwd: FIXTURES, preset });
  const data = await readSchools(`${FIXTURES}/schools.csv`, new PassThrough());
  const placements = classify(data.schools, loaded.policy, { asOf: '2026-09-01' }).placements;
  const schools = calendarSchools(placements);
  const schedule = planYear(loaded.policy, schools, cal, {
    asOf: '2026-09-01',
    capacity: capacity ?? loaded.config.capacity,
  });
  return { schedule, schools, policy: loaded.policy, loaded };
}

/** Nobody at two schools (or more than the limit) on a day; no one's day holds more than a day. */
function expectNoDoubleBooking(schedule: Schedule, limit = 1) {
  const visits = new Map<string, Set<string>>();
  const load = new Map<string, number>();
  for (const e of schedule.events) {
    if (e.person === null) continue;
    const span = Array.from(
      { length: toDayNumber(e.end) - toDayNumber(e.date) + 1 },
      (_, i) => toDayNumber(e.date) + i,
    ).filter((d) => isoWeekday(fromDayNumber(d)) <= 5);
    for (const d of span) {
      const key = `${e.person}|${d}`;
      load.set(key, (load.get(key) ?? 0) + e.days / span.length);
      if (e.type === 'visit') visits.set(key, new Set([...(visits.get(key) ?? []), `${e.urn}`]));
    }
  }
  for (const [key, schools] of visits) expect(schools.size, key).toBeLessThanOrEqual(limit);
  for (const [key, days] of load) expect(days, key).toBeLessThanOrEqual(1 + 1e-9);
}

describe('term dates', () => {
  it('ships the SPEC section 6 dates for 2026/27 with the early May bank holiday', () => {
    expect(cal.yearName).toBe('2026/27');
    expect(cal.terms.map((t) => `${t.start}..${t.end}`)).toEqual([
      '2026-09-03..2026-10-23',
      '2026-11-02..2026-12-18',
      '2027-01-04..2027-02-12',
      '2027-02-22..2027-03-25',
      '2027-04-12..2027-05-28',
      '2027-06-07..2027-07-21',
    ]);
    expect([...cal.closures.values()]).toContain('early May bank holiday');
  });

  const base = () =>
    parse(defaultTermsText).terms as {
      dates: { start: string; end: string }[];
      closures: { date: string; name: string }[];
    };
  const messages = (value: unknown) => {
    const r = TermsSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('needs six terms, in order, with closures inside the year', () => {
    const t = base();
    t.dates.pop();
    expect(messages(t)).toEqual(['dates: expected six terms (Autumn 1 to Summer 2), found 5']);
    const u = base();
    u.closures.push({ date: '2027-08-02', name: 'INSET day' });
    expect(messages(u)).toEqual([
      "closures.4.date: 2027-08-02 (INSET day) is outside the year's terms (2026-09-03 to 2027-07-21)",
    ]);
  });
  it('picks the term as of a date: the one it falls in, or the next', () => {
    expect(currentTerm(cal, '2026-09-01')).toBe(1);
    expect(currentTerm(cal, '2026-10-28')).toBe(2); // October half term
    expect(currentTerm(cal, '2027-08-01')).toBeNull();
  });
});

describe('timing', () => {
  it('spreads N times a year over the terms: twice a year is terms 2 and 5 (SPEC section 6)', () => {
    expect(spreadTerms(2)).toEqual([2, 5]);
    expect(spreadTerms(3)).toEqual([1, 3, 5]);
  });
  it('places week N, weekday D of a term: term 3 week 4 Tuesday is Tue 26 Jan 2027', () => {
    expect(fromDayNumber(placeInTerm(cal, 3, 4, 2)!.day)).toBe('2027-01-26');
  });
  it('rejects an activity with no timing or two', () => {
    expect(
      ActivitySchema.safeParse({ id: 'x', name: 'X', kind: 'QA', lead: 'CEO', terms: [1], every_weeks: 2 }).success,
    ).toBe(false);
    expect(ActivitySchema.safeParse({ id: 'x', name: 'X', kind: 'QA', lead: 'CEO' }).success).toBe(false);
  });
});

describe('cadences run in term time', () => {
  const weekly = (weekday: string, extra: Record<string, unknown> = {}) =>
    calendarOf([
      { id: 'one', name: 'CEO 1:1', kind: 'QA', type: 'meeting', lead: 'CEO', every_weeks: 1, weekday, ...extra },
    ]);

  it('an occurrence in a holiday is dropped, not moved into the first week back (issue 12)', () => {
    // Wednesdays: Wed 28 Oct is in the October half term; term 2 starts Mon 2 Nov: its first is Wed 4 Nov.
    const s = buildSchedule([school(100001, null)], weekly('wed'), cal);
    expect(dates(s.events.filter((e) => e.term === 2)).slice(0, 2)).toEqual(['2026-11-04', '2026-11-11']);
    expect([...s.dropped].find((d) => d.date === '2026-10-28')?.reason).toBe(
      'Wed 2026-10-28 is in the October half term: dropped, not moved',
    );
  });

  it('a weekly 1:1 is six in the six-week term 3, never closer than four days (the done-when)', () => {
    // Term 3: Mon 4 Jan (an INSET day) - Fri 12 Feb 2027, six weeks; Tuesdays: 5, 12, 19, 26 Jan, 2, 9 Feb.
    for (const weekday of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      const s = buildSchedule([school(100001, null)], weekly(weekday), cal);
      const term3 = s.events.filter((e) => e.term === 3).map((e) => toDayNumber(e.date));
      expect(term3.length, weekday).toBe(6);
      const all = s.events.map((e) => toDayNumber(e.date));
      all.forEach((d, i) => i && expect(d - all[i - 1], `${weekday} ${fromDayNumber(d)}`).toBeGreaterThanOrEqual(4));
    }
  });

  it('one on a closure day moves to the next free school day of the same week', () => {
    // Mondays: Mon 4 Jan is an INSET day -> Tue 5 Jan; Mon 3 May (bank holiday) -> Tue 4 May.
    const s = buildSchedule([school(100001, null)], weekly('mon'), cal);
    const moved = s.events.filter((e) => e.note?.startsWith('moved from'));
    expect(moved.map((e) => [e.date, e.note])).toEqual([
      ['2027-01-05', 'moved from Mon 2027-01-04 (INSET day)'],
      ['2027-05-04', 'moved from Mon 2027-05-03 (early May bank holiday)'],
      ['2027-06-08', 'moved from Mon 2027-06-07 (INSET day)'],
    ]);
  });

  it('one on a closure with no later school day that week is dropped', () => {
    // Term 4 ends Thu 25 Mar 2027: a Thursday closure there leaves no later school day that week.
    const terms = parse(defaultTermsText).terms;
    terms.closures.push({ date: '2027-03-25', name: 'INSET day' });
    const own = termCalendar(TermsSchema.parse(terms));
    const s = buildSchedule([school(100001, null)], weekly('thu'), own);
    expect(s.events.some((e) => e.date === '2027-03-25' || e.date === '2027-03-26')).toBe(false);
    expect([...s.dropped].find((d) => d.date === '2027-03-25')?.reason).toBe(
      'Thu 2027-03-25 is a closure (INSET day) and no later school day of that week is free: dropped',
    );
  });

  it('one moved late by a full day keeps the next at least half the interval after it (four days for a weekly one)', () => {
    // README: "one whose lead is full moves within its own interval; two are never closer than half
    // the interval". The CEO is booked Mon 11 - Thu 14 January (term 3, week 2) on a four-day visit
    // to another school, so that week's Monday 1:1 moves to Fri 15; the next, due Mon 18, is three
    // days on: it moves to Tue 19, four days on.
    const c = calendarOf([
      {
        id: 'one',
        name: 'CEO 1:1',
        kind: 'QA',
        type: 'meeting',
        lead: 'CEO',
        every_weeks: 1,
        weekday: 'mon',
        tiers: ['A'],
      },
      {
        id: 'visit',
        name: 'Review',
        kind: 'QA',
        type: 'visit',
        lead: 'CEO',
        terms: [3],
        days: 4,
        week: 2,
        weekday: 'mon',
        tiers: ['B'],
      },
    ]);
    const s = buildSchedule([school(100001, 'A'), school(100002, 'B')], c, cal, {
      capacity: [{ name: 'Kim', role: 'CEO', days_per_year: 190 }],
    });
    expect(s.events.filter((e) => e.urn === 100002).map((e) => `${e.date}..${e.end}`)).toEqual([
      '2027-01-11..2027-01-14',
    ]);
    const weekly = s.events.filter((e) => e.urn === 100001 && e.date >= '2027-01-11' && e.date <= '2027-01-25');
    expect(weekly.map((e) => [e.date, e.note])).toEqual([
      ['2027-01-15', "moved from Mon 2027-01-11: the lead's day was full"],
      ['2027-01-19', 'moved from Mon 2027-01-18: at least 4 days after the one before (Fri 2027-01-15)'],
      ['2027-01-25', null],
    ]);
    expectNoDoubleBooking(s);
  });

  it('a two-day visit due on the last day of a term says it moved for want of a second day, not for a visit it took itself', () => {
    // Every 3 weeks on Fridays, two days each: the one due Fri 18 December 2026 (the end of Autumn 2,
    // terms-2026-27.yaml: "end: 2026-12-18") has no second school day in its term, so it takes
    // Thu 17 - Fri 18. The school has no other visit on the 18th: the visit on it is this one.
    const c = calendarOf([
      { id: 'review', name: 'Review', kind: 'QA', type: 'visit', lead: 'SIA', days: 2, every_weeks: 3, weekday: 'fri' },
    ]);
    for (const capacity of [undefined, [{ name: 'Sam', role: 'SIA', days_per_year: 190 }]]) {
      const s = buildSchedule([school(100001, 'A')], c, cal, { capacity });
      expect(s.events.filter((e) => e.note !== null).map((e) => [e.date, e.end, e.note])).toEqual([
        [
          '2026-12-17',
          '2026-12-18',
          'moved from Fri 2026-12-18: fewer than 2 school days of its term are left from it',
        ],
      ]);
    }
  });

  it("a fortnightly visit never comes closer than 7 days to the one before, even when the lead's day is full", () => {
    const people: Capacity[] = [{ name: 'Pat', role: 'Executive headteacher', days_per_year: 190 }];
    const cal2 = calendarOf([
      {
        id: 'exec',
        name: 'Executive visit',
        kind: 'SI',
        type: 'visit',
        lead: 'Executive headteacher',
        every_weeks: 2,
        weekday: 'mon',
      },
    ]);
    // Four schools: even the four-day last week of term 4 (Thu 25 Mar) holds the last ones.
    const schools = Array.from({ length: 4 }, (_, i) => school(100001 + i, null));
    const s = buildSchedule(schools, cal2, cal, { capacity: people });
    expectNoDoubleBooking(s);
    for (const urn of schools.map((x) => x.urn)) {
      const days = s.events.filter((e) => e.urn === urn).map((e) => toDayNumber(e.date));
      days.forEach((d, i) => i && expect(d - days[i - 1]).toBeGreaterThanOrEqual(7));
    }
    // Four schools a fortnight fit one person's ten days: none unscheduled, spread over the days.
    expect(s.unscheduled).toEqual([]);
    expect(new Set(s.events.filter((e) => e.term === 3).map((e) => isoWeekday(e.date))).size).toBeGreaterThan(1);
  });
});

describe('what real policies schedule (issue 12, item 6)', () => {
  it('several occurrences a term: terms [1, 1, 1] is three, each in its own part of the term', () => {
    const s = buildSchedule(
      [school(100001, null)],
      calendarOf([{ id: 'x', name: 'X', kind: 'QA', type: 'school', lead: 'Headteacher', terms: [1, 1, 1] }]),
      cal,
    );
    expect(s.events.map((e) => e.occurrence)).toEqual(['1', '2', '3']);
    // Term 1 has 36 school days (Fri 4 Sep - Fri 23 Oct; Thu 3 Sep is an INSET day): three parts
    // of 12, each occurrence in the middle of its part (the 7th day).
    expect(dates(s.events)).toEqual(['2026-09-14', '2026-09-30', '2026-10-16']);
  });

  it('a trust-level activity is once per trust whatever the tiers of its schools', () => {
    const board = calendarOf([
      {
        id: 'board',
        name: 'Trust Board review',
        kind: 'QA',
        type: 'meeting',
        per: 'trust',
        lead: 'CEO',
        tiers: ['reinvent', 'stabilise'],
        terms: [2, 4, 6],
      },
    ]);
    const schools = [
      school(100001, 'reinvent'),
      school(100002, 'stabilise'),
      school(100003, 'lead'),
      school(100004, 'stabilise', { trust: 'Trust B' }),
    ];
    const s = buildSchedule(schools, board, cal);
    // Trust A has schools in two tiers: once a term, not twice; Trust B once; a lead-only trust none.
    expect(s.events.map((e) => `${e.name} T${e.term}`)).toEqual([
      'Trust A T2',
      'Trust B T2',
      'Trust A T4',
      'Trust B T4',
      'Trust A T6',
      'Trust B T6',
    ]);
    expect(s.events.every((e) => e.urn === null)).toBe(true);
  });

  it('a half-termly organisation meeting is six events, not one per school', () => {
    const s = buildSchedule(
      Array.from({ length: 11 }, (_, i) => school(100001 + i, null)),
      calendarOf([
        {
          id: 'heads',
          name: 'Heads meeting',
          kind: 'SI',
          type: 'meeting',
          per: 'organisation',
          lead: 'CEO',
          terms: [1, 2, 3, 4, 5, 6],
        },
      ]),
      cal,
    );
    expect(s.events).toHaveLength(6);
  });

  it('chooses by school data as well as tier (when:), and lists on-request activities without scheduling them', () => {
    const c = calendarOf([
      {
        id: 'maintained',
        name: 'LA review',
        kind: 'QA',
        type: 'school',
        lead: 'Headteacher',
        terms: [2],
        when: { field: 'trust', present: false },
      },
      { id: 'extra', name: 'Extra review', kind: 'QA', type: 'visit', lead: 'SIA', terms: [3], optional: true },
    ]);
    const choose = (_w: unknown, s: CalendarSchool) =>
      s.fields.trust === null ? { chosen: true, why: 'trust is blank' } : { chosen: false, why: null };
    const s = buildSchedule([school(100001, null), school(100002, null, { trust: null })], c, cal, { choose });
    expect(s.events.map((e) => e.urn)).toEqual([100002]);
    expect(s.events[0].note).toBe('chosen by its data: trust is blank');
    expect(s.onRequest).toEqual([
      { activity: 'Extra review', activity_id: 'extra', kind: 'QA', lead: 'SIA', owners: 2, source: null },
    ]);
  });

  it('a school joining mid-year gets its activities from its joining date, nothing before', () => {
    const c = calendarOf([
      {
        id: 'qa',
        name: 'QA visit',
        kind: 'QA',
        type: 'visit',
        lead: 'SIA',
        terms: [1, 2, 3, 4, 5, 6],
        due_from: 'joined_trust',
      },
    ]);
    const s = buildSchedule([school(100001, null, {}, { joined_trust: '15/01/2027' })], c, cal);
    expect(s.events.map((e) => e.term)).toEqual([3, 4, 5, 6]);
    expect(s.events[0].date >= '2027-01-15').toBe(true);
    expect(s.events[0].note).toBe('from joined_trust 2027-01-15');
    expect([...s.dropped].map((d) => d.term)).toEqual([1, 2]);
  });

  it("respects a school's own INSET days", () => {
    const c = calendarOf([
      { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', terms: [3], week: 3, weekday: 'tue' },
    ]);
    expect(dates(buildSchedule([school(100001, null)], c, cal).events)).toEqual(['2027-01-19']);
    expect(
      dates(buildSchedule([school(100001, null, {}, { inset_days: '2027-01-19; 2027-01-20' })], c, cal).events),
    ).toEqual(['2027-01-18']);
  });

  it("closes a school's INSET days for that school only (schools without share one empty list)", () => {
    const c = calendarOf([
      { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', terms: [3], week: 3, weekday: 'tue' },
    ]);
    const schools = [
      school(100001, null),
      school(100002, null, {}, { inset_days: '2027-01-19' }),
      school(100003, null, {}, { inset_days: ' ' }),
      school(100004, null),
    ];
    const events = buildSchedule(schools, c, cal).events;
    expect(events.map((e) => `${e.urn} ${e.date}`).sort()).toEqual([
      '100001 2027-01-19',
      '100002 2027-01-18',
      '100003 2027-01-19',
      '100004 2027-01-19',
    ]);
    expect(schoolClosures(schools[0])).toBe(schoolClosures(schools[3]));
    expect([...schoolClosures(schools[1]).keys()].map(fromDayNumber)).toEqual(['2027-01-19']);
    expect(schoolClosures(schools[0]).size).toBe(0);
  });

  it('a two-day review takes two consecutive school days', () => {
    // "Trust Review – 2 Days" (term 5). Week 4 Monday is Mon 3 May (bank holiday): Tue 4 and Wed 5 May.
    const c = calendarOf([
      {
        id: 'review',
        name: 'Trust Review',
        kind: 'QA',
        type: 'visit',
        lead: 'Director',
        terms: [5],
        days: 2,
        week: 4,
        weekday: 'mon',
      },
    ]);
    const s = buildSchedule([school(100001, null), school(100002, null)], c, cal, {
      capacity: [{ name: 'D', role: 'Director', days_per_year: 100 }],
    });
    expect(s.events.map((e) => `${e.date}..${e.end}`)).toEqual(['2027-05-04..2027-05-05', '2027-05-06..2027-05-07']);
    expectNoDoubleBooking(s);
  });
});

describe('people', () => {
  const visit = calendarOf([
    { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', terms: [1, 2, 3, 4, 5, 6] },
  ]);
  const schools = Array.from({ length: 30 }, (_, i) => school(100001 + i, null));

  it('no one with the role: the event is unassigned, counted, booked on no one', () => {
    const s = buildSchedule(schools.slice(0, 2), visit, cal, {
      capacity: [{ name: 'Kim', role: 'CEO', days_per_year: 50 }],
    });
    expect(s.events.every((e) => e.person === null && e.lead === 'unassigned (SIA)' && e.days === 1)).toBe(true);
  });

  it('spreads the work fairly by load and the same way every run', () => {
    const people: Capacity[] = [
      { name: 'A', role: 'SIA', days_per_year: 120 },
      { name: 'B', role: 'SIA', days_per_year: 60 },
    ];
    const one = buildSchedule(schools, visit, cal, { capacity: people });
    const two = buildSchedule(schools, visit, cal, { capacity: people });
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    const count = (name: string) => one.events.filter((e) => e.person === name).length;
    // 180 visits against 120 + 60 days: two to one.
    expect([count('A'), count('B')]).toEqual([120, 60]);
    // Each school keeps one link person all year.
    for (const s of schools)
      expect(new Set(one.events.filter((e) => e.urn === s.urn).map((e) => e.person)).size).toBe(1);
    expectNoDoubleBooking(one);
  });

  it('what cannot fit in its window is unscheduled with the reason; a trust may allow two schools a day', () => {
    const people: Capacity[] = [{ name: 'A', role: 'SIA', days_per_year: 600 }];
    const many = Array.from({ length: 40 }, (_, i) => school(100001 + i, null));
    const term4 = calendarOf([
      { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', terms: [4], time: 0.5 },
    ]);
    // Term 4: 24 school days (Mon 22 Feb - Thu 25 Mar 2027). One school a day: 24 fit, 16 do not.
    const s = buildSchedule(many, term4, cal, { capacity: people });
    expect(s.events).toHaveLength(24);
    expect(s.unscheduled).toHaveLength(16);
    expect(s.unscheduled[0].reason).toBe(
      'every SIA (A) is fully booked on the school days from Mon 2027-02-22 to Thu 2027-03-25',
    );
    const two = buildSchedule(many, term4, cal, { capacity: people, settings: { visits_per_day: 2 } });
    expect(two.unscheduled).toHaveLength(0);
    expectNoDoubleBooking(two, 2);
  });
});

describe('minimums are met by the schedule', () => {
  it('category D: "At least 2 per Term" SI, topped up where a term falls short', () => {
    // One SI visit a term, and a minimum of 2: the top-up activity is added once in each term.
    const c = calendarOf(
      [
        { id: 'si', name: 'SI visit', kind: 'SI', type: 'visit', lead: 'SIA', tiers: ['D'], terms: [1, 2, 3, 4, 5, 6] },
        {
          id: 'exec',
          name: 'Executive support',
          kind: 'SI',
          type: 'visit',
          lead: 'Executive headteacher',
          tiers: ['D'],
          terms: [1],
        },
      ],
      [{ tiers: ['D'], kind: 'SI', per_term: 2, top_up: 'exec', source: 'At least 2 per Term' }],
    );
    const s = buildSchedule([school(100004, 'D')], c, cal);
    for (const term of [1, 2, 3, 4, 5, 6])
      expect(s.events.filter((e) => e.term === term && e.kind === 'SI').length, `term ${term}`).toBe(2);
    expect(s.events.find((e) => e.occurrence === 'top-up-1')?.note).toBe(
      'added so that term 2 has at least 2 SI (At least 2 per Term)',
    );
    expect(s.shortfalls).toEqual([]);
  });
});

describe('cycles', () => {
  const peer = ActivitySchema.parse({
    id: 'peer-review',
    name: 'Peer review',
    kind: 'QA',
    lead: 'Lead',
    every_years: 2,
    from: 'last_peer_review',
    term: 3,
    alternate: ['internal', 'external'],
    alternate_field: 'last_peer_review_type',
  });
  const s = (last: string | null, extra: Record<string, string> = {}) =>
    school(100001, 'core', { last_peer_review: last }, extra);

  it('is due in the academic year of the last one plus N, overdue after, not before', () => {
    expect(cycleDue(cal, peer, s('2024-11-15'))).toEqual({
      name: 'Peer review (internal or external, alternating)',
      note: 'due 2026/27: last 2024-11-15 (2024/25), every 2 years; add a last_peer_review_type column (internal/external) to say which is next',
    });
    expect((cycleDue(cal, peer, s('2022-06-15')) as { note: string }).note).toMatch(/^overdue since 2023\/24/);
    expect(cycleDue(cal, peer, s('2025-09-24'))).toBeNull();
    expect(cycleDue(cal, peer, s(null))).toBe('missing');
    expect(
      (cycleDue(cal, peer, s('2024-11-15', { 'Last peer review type': 'Internal' })) as { name: string }).name,
    ).toBe('Peer review (external)');
  });
  it('are placed in their term', () => {
    const due = dueOccurrences([s('2024-11-15')], CalendarSchema.parse({ activities: [peer] }), cal);
    expect(due.occurrences.toArray().map((o) => o.term)).toEqual([3]);
  });
});

describe('each preset on the fixtures, with the fixture team of six', () => {
  for (const preset of ['rlt-categories', 'four-tier', 'equals-categories', 'ult-core-second-tier']) {
    it(`${preset}: nobody is at two schools on a day; the same plan every run`, async () => {
      const { schedule } = await fixturePlan(preset);
      expectNoDoubleBooking(schedule);
      expect(JSON.stringify((await fixturePlan(preset)).schedule)).toBe(JSON.stringify(schedule));
    });
  }

  it('rlt-categories: the termly table, every term, for every category (source 002)', async () => {
    const { schedule } = await fixturePlan('rlt-categories');
    const a = schedule.events.filter((e) => e.urn === 100001);
    // "1 Trust Review Day – lines of enquiry from Summer data and self-evaluation" ... "5 Trust Review – 2 Days".
    expect(a.filter((e) => e.kind === 'QA' && e.type === 'visit').map((e) => e.term)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.filter((e) => e.kind === 'SI' && e.type === 'visit').map((e) => e.term)).toEqual([1, 2, 3, 4, 5, 6]);
    const review = a.find((e) => e.activity_id === 't5-trust-review')!;
    expect(toDayNumber(review.end) - toDayNumber(review.date)).toBeGreaterThanOrEqual(1);
    // "School Improvement Activities (Weekly head teacher meetings)": once for all schools, weekly in term time.
    const heads = schedule.events.filter((e) => e.activity_id === 'weekly-head-teacher-meeting');
    expect(heads.every((e) => e.urn === null)).toBe(true);
    expect(heads.filter((e) => e.term === 3)).toHaveLength(6);
    // Category D: "At least 2 per Term" SI in every term.
    for (const term of [1, 2, 3, 4, 5, 6])
      expect(
        schedule.events.filter((e) => e.urn === 100004 && e.term === term && e.kind === 'SI').length,
      ).toBeGreaterThanOrEqual(2);
    expect(schedule.shortfalls).toEqual([]);
  });

  it('four-tier: a Stabilise school has six weekly CEO 1:1s in term 3, never closer than four days ("CEO 1:1 every week")', async () => {
    const { schedule, schools } = await fixturePlan('four-tier');
    const stabilise = schools.filter((s) => s.tier === 'stabilise');
    expect(stabilise.length).toBeGreaterThan(0);
    for (const s of stabilise) {
      const ones = schedule.events.filter((e) => e.urn === s.urn && e.activity_id === 'ceo-1to1-stabilise');
      expect(
        ones.filter((e) => e.term === 3),
        `${s.urn}`,
      ).toHaveLength(6);
      const days = ones.map((e) => toDayNumber(e.date));
      days.forEach((d, i) => i && expect(d - days[i - 1]).toBeGreaterThanOrEqual(4));
    }
    // "Each academy will have a health check conducted by the Trust School Improvement Executive lead": central time.
    expect(
      schedule.events.filter((e) => e.activity === 'Health check').every((e) => e.person !== null && e.days === 1),
    ).toBe(true);
    // "Trust board detailed review of standards and progress every term": once a term per trust.
    const board = schedule.events.filter((e) => e.activity_id === 'board-standards-review');
    expect(new Set(board.map((e) => `${e.name}|${e.term}`)).size).toBe(board.length);
  });

  it('ult-core-second-tier: the Raising Achievement Board only "where there is educational cause for concern"', async () => {
    const { schedule, schools } = await fixturePlan('ult-core-second-tier');
    const rab = new Set(schedule.events.filter((e) => e.activity_id === 'raising-achievement-board').map((e) => e.urn));
    const second = schools.filter((s) => s.tier === 'second-tier');
    const financeOnly = second.filter((s) => !rab.has(s.urn));
    expect(rab.size).toBeGreaterThan(0);
    expect(financeOnly.length).toBeGreaterThan(0);
    for (const s of financeOnly)
      expect(String(s.extra.finance_concern ?? '').toLowerCase() === 'yes' || s.fields.attainment_pct === null).toBe(
        true,
      );
  });

  it('equals-categories: SIA days and the 3-yearly review are the preventative strand only', async () => {
    const { schedule, schools } = await fixturePlan('equals-categories');
    const corrective = new Set(schools.filter((s) => s.tier === '3' || s.tier === '4').map((s) => s.urn));
    expect(
      schedule.events.filter(
        (e) => ['sia-visit', 'external-qa-review'].includes(e.activity_id) && corrective.has(e.urn as number),
      ),
    ).toEqual([]);
    expect(schedule.onRequest.map((r) => r.activity_id)).toEqual(['peer-review', 'sia-extra-support', 'emed-review']);
  });
});

describe('a generated trust of 100 schools with 6 named people (the done-when)', () => {
  const tiers = ['lead', 'grow', 'grow', 'grow', 'reinvent', 'lead', 'grow', 'lead', 'grow', 'stabilise'];
  const schools = Array.from({ length: 100 }, (_, i) =>
    school(110001 + i, tiers[i % tiers.length], { trust: i < 60 ? 'Trust A' : 'Trust B' }),
  );
  const team: Capacity[] = [
    { name: 'Alex Morgan', role: 'CEO', days_per_year: 190 },
    {
      name: 'Jordan Hale',
      role: 'Director of education',
      also_leads: ['School Improvement Executive lead', 'Trust executive leader', 'CEO'],
      days_per_year: 190,
    },
    { name: 'Sam Okafor', role: 'School Improvement Executive lead', also_leads: ['CEO'], days_per_year: 190 },
    { name: 'Priya Shah', role: 'School Improvement Executive lead', also_leads: ['CEO'], days_per_year: 190 },
    { name: 'Chris Byrne', role: 'Trust executive leader', also_leads: ['CEO'], days_per_year: 190 },
    {
      name: 'Dana Lee',
      role: 'Trust executive leader',
      also_leads: ['CEO', 'School Improvement Executive lead'],
      days_per_year: 190,
    },
  ];
  const policy = loadConfig({ cwd: FIXTURES, preset: 'four-tier' }).policy;
  const schedule = buildSchedule(schools, policy.calendar!, cal, { capacity: team });

  it('nobody is booked at two schools on a day', () => {
    expectNoDoubleBooking(schedule);
    expect(schedule.people.map((p) => p.name)).toEqual(team.map((p) => p.name));
  });
  it('weekly 1:1s are six in the six-week term 3 and never closer than four days', () => {
    for (const s of schools.filter((x) => x.tier === 'stabilise')) {
      const days = schedule.events
        .filter((e) => e.urn === s.urn && e.activity_id === 'ceo-1to1-stabilise')
        .map((e) => toDayNumber(e.date));
      expect(
        days.filter((d) => d >= cal.terms[2].startDay && d <= cal.terms[2].endDay),
        `${s.urn}`,
      ).toHaveLength(6);
      days.forEach((d, i) => i && expect(d - days[i - 1]).toBeGreaterThanOrEqual(4));
    }
  });
  it('every event has a person with its role, or is listed as unscheduled with a reason', () => {
    for (const e of schedule.events) {
      if (e.type === 'school') continue;
      const p = schedule.people.find((x) => x.name === e.person)!;
      expect(p.roles).toContain(e.role);
    }
    for (const u of schedule.unscheduled) expect(u.reason).toMatch(/fully booked|no school day/);
  });
});

describe('the scheduler at England scale: same output, cheaper arithmetic', () => {
  it("a day's weekday by arithmetic is the calendar's, for every day from 1900 to 2100", () => {
    // Was isoWeekday(fromDayNumber(day)): a date string per day asked, 60% of a year's calendar.
    for (let day = toDayNumber('1900-01-01'); day <= toDayNumber('2100-12-31'); day++)
      if (weekdayOfDay(day) !== isoWeekday(fromDayNumber(day))) expect(fromDayNumber(day)).toBe('the same weekday');
    expect([weekdayOfDay(toDayNumber('2026-09-03')), weekdayOfDay(toDayNumber('1969-12-28'))]).toEqual([4, 7]);
  });

  // The index of the year's school days replaces a scan of every day asking every term.
  const first = cal.terms[0].startDay - 10;
  const last = cal.terms[5].endDay + 10;
  const scan = (closed: Map<number, string>, from: number, to: number) => {
    const days: number[] = [];
    for (let d = from; d <= to; d++) if (isSchoolDay(cal, d) && !closed.has(d)) days.push(d);
    return days;
  };
  const owner = (closed: Map<number, string>): Owner => ({
    key: '100001',
    urn: 100001,
    name: 'School 100001',
    trust: null,
    tier: null,
    level: null,
    closed,
    from: null,
    fromText: null,
  });
  // Two INSET days of the school's own: a Monday of term 3 and a Wednesday of term 5.
  const inset = new Map([
    [toDayNumber('2027-01-11'), 'INSET'],
    [toDayNumber('2027-04-21'), 'INSET'],
  ]);

  it("the year's school days are the days isSchoolDay says yes to, in order", () => {
    expect(schoolDaysOf(cal)).toEqual(scan(new Map(), first, last));
    expect(schoolDaysOf(cal)).toBe(schoolDaysOf(cal)); // worked out once for a calendar
    const days = [3, 5, 9];
    expect([2, 3, 4, 9, 10].map((d) => firstAtOrAfter(days, d))).toEqual([0, 0, 1, 2, 3]);
  });

  it("a school's days in a window, and the next N of them, are the scan's (its INSET days off)", () => {
    for (const closed of [new Map<number, string>(), inset]) {
      for (let from = first; from <= last; from += 3) {
        const to = from + 30;
        expect(ownerSchoolDays(cal, owner(closed), from, to), `${from}`).toEqual(scan(closed, from, to));
        for (const n of [1, 2, 3]) {
          const days = scan(closed, from, to).slice(0, n);
          expect(ownerSchoolDaysFrom(cal, owner(closed), from, to, n), `${from} ${n}`).toEqual(
            days.length === n ? days : null,
          );
        }
      }
    }
  });

  it('the start days nearest the target first are the sort by distance (earlier first on a tie)', () => {
    const days = scan(inset, cal.terms[2].startDay, cal.terms[2].endDay);
    const sorted = (target: number) => [...days].sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b);
    const byNearness = (list: number[], target: number) => {
      const out: number[] = [];
      const walk = new NearestWalk().from(list, target);
      for (let at = walk.next(); at >= 0; at = walk.next()) out.push(list[at]);
      return out;
    };
    for (let target = days[0] - 5; target <= days[days.length - 1] + 5; target++)
      expect(byNearness(days, target), `${target}`).toEqual(sorted(target));
    expect(byNearness([], 5)).toEqual([]);
  });

  it('occurrences are placed in the order of the sort by rank, target day and place in the list', () => {
    const policy = calendarOf([
      { id: 'review', name: 'Review', kind: 'QA', type: 'visit', lead: 'SIA', terms: [5, 2], days: 2 },
      { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', terms: [4, 4, 1] },
      { id: 'weekly', name: 'Weekly', kind: 'SI', type: 'meeting', lead: 'SIA', every_weeks: 2, weekday: 'wed' },
      { id: 'talk', name: 'Talk', kind: 'SI', type: 'meeting', lead: 'EHT', terms: [1], week: 3, weekday: 'tue' },
    ]);
    const schools = Array.from({ length: 12 }, (_, i) => school(100001 + i, null));
    const due = dueOccurrences(schools, policy, cal).occurrences;
    const occurrences = due.toArray();
    const rank = (o: (typeof occurrences)[number]) => (o.activity.days > 1 ? 0 : o.series ? 1 : 2);
    const sorted = occurrences
      .map((o, i) => ({ o, i }))
      .sort((x, y) => rank(x.o) - rank(y.o) || x.o.target - y.o.target || x.i - y.i)
      .map(({ i }) => i);
    expect(new Set(occurrences.map((o) => o.target)).size).toBeLessThan(occurrences.length); // ties to break
    // The places in the list due, in the order they are placed.
    expect([...hardestFirst(due)]).toEqual(sorted);
  });

  it('a school with no days of its own has the occurrences worked out in full for one whose own days change nothing', () => {
    // What is the same for every plain school (a term's part, its shape, a cadence's steps) is
    // worked out once; a school with an INSET day (here in a holiday) is worked out on its own.
    const policy = calendarOf([
      { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', terms: [4, 4, 1] },
      { id: 'talk', name: 'Talk', kind: 'SI', type: 'meeting', lead: 'EHT', terms: [2], week: 3, weekday: 'tue' },
      { id: 'twice', name: 'Twice', kind: 'SI', type: 'meeting', lead: 'EHT', times_a_year: 2 },
      { id: 'weekly', name: 'Weekly', kind: 'SI', type: 'meeting', lead: 'SIA', every_weeks: 1, weekday: 'wed' },
      { id: 'board', name: 'Board', kind: 'QA', type: 'meeting', per: 'trust', lead: 'CEO', terms: [3] },
      { id: 'peer', name: 'Peer review', kind: 'QA', lead: 'SIA', every_years: 2, from: 'last_peer_review', term: 5 },
    ]);
    const schools = (extra: Record<string, string>) =>
      Array.from({ length: 7 }, (_, i) =>
        school(
          100001 + i,
          null,
          { last_peer_review: i % 2 ? '2024-11-15' : null, trust: i % 3 ? 'Trust A' : null },
          extra,
        ),
      );
    const plain = dueOccurrences(schools({}), policy, cal);
    const own = dueOccurrences(schools({ inset_days: '2026-12-25' }), policy, cal);
    const read = (due: typeof plain) => due.occurrences.toArray().map((o) => ({ ...o, owner: o.owner.key }));
    expect(read(plain).length).toBeGreaterThan(7 * 30);
    expect(read(plain)).toEqual(read(own));
    expect([...plain.dropped]).toEqual([...own.dropped]);
    expect(plain.missingDates).toEqual(own.missingDates);
  });

  it('activities for the same schools one after another have what each has alone (their owners listed once)', () => {
    const policy = calendarOf([
      { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', tiers: ['A', 'B'], terms: [1, 4] },
      { id: 'talk', name: 'Talk', kind: 'SI', type: 'meeting', lead: 'EHT', tiers: ['A', 'B'], terms: [2] },
      { id: 'weekly', name: 'Weekly', kind: 'SI', type: 'meeting', lead: 'SIA', tiers: ['A', 'B'], every_weeks: 2 },
      { id: 'b', name: 'B only', kind: 'SI', type: 'meeting', lead: 'SIA', tiers: ['B'], terms: [3] },
      { id: 'joined', name: 'Joined', kind: 'SI', lead: 'SIA', tiers: ['B'], terms: [6], due_from: 'joined_trust' },
      { id: 'board', name: 'Board', kind: 'QA', type: 'meeting', per: 'trust', lead: 'CEO', tiers: ['B'], terms: [3] },
      {
        id: 'board2',
        name: 'Board 2',
        kind: 'QA',
        type: 'meeting',
        per: 'trust',
        lead: 'CEO',
        tiers: ['B'],
        terms: [5],
      },
    ]);
    // A school re-tiered from B to C in term 4: its spans are owners of their own.
    const retiered: CalendarSchool = {
      ...school(100009, 'B', { trust: 'Trust B' }),
      periods: [
        { tier: 'B', level: null, from: null, until: toDayNumber('2027-02-22'), text: null },
        { tier: 'C', level: null, from: toDayNumber('2027-02-22'), until: null, text: 're-tiered' },
      ],
    };
    const schools = [
      ...Array.from({ length: 6 }, (_, i) =>
        school(100001 + i, i % 2 ? 'A' : 'B', { trust: i % 3 ? 'Trust A' : null }, { joined_trust: '2027-05-01' }),
      ),
      retiered,
    ];
    const read = (due: ReturnType<typeof dueOccurrences>) =>
      due.occurrences.toArray().map((o) => ({ ...o, owner: [o.owner.key, o.owner.tier, o.owner.span, o.owner.from] }));
    const alone = policy.activities.flatMap((a) => read(dueOccurrences(schools, { ...policy, activities: [a] }, cal)));
    expect(alone.length).toBeGreaterThan(60);
    expect(read(dueOccurrences(schools, policy, cal))).toEqual(alone);
  });

  it('a window every holder was full for is remembered: the same schedule as searching again', () => {
    // An INSET day in a holiday changes no school day, but a school with days of its own is
    // always searched afresh: the two schedules must be the same, event for event.
    const people: Capacity[] = [
      { name: 'A', role: 'SIA', days_per_year: 40 },
      { name: 'B', role: 'SIA', also_leads: ['EHT'], days_per_term: 3 },
    ];
    const policy = calendarOf([
      { id: 'review', name: 'Review', kind: 'QA', type: 'visit', lead: 'SIA', terms: [5], days: 2 },
      { id: 'qa', name: 'QA visit', kind: 'QA', type: 'visit', lead: 'SIA', terms: [4, 4], time: 0.5 },
      { id: 'talk', name: 'Talk', kind: 'SI', type: 'meeting', lead: 'EHT', terms: [2] },
      { id: 'weekly', name: 'Weekly', kind: 'SI', type: 'meeting', lead: 'SIA', every_weeks: 1, weekday: 'wed' },
    ]);
    const schools = (extra: Record<string, string>) =>
      Array.from({ length: 30 }, (_, i) => school(100001 + i, null, {}, extra));
    const remembered = buildSchedule(schools({}), policy, cal, { capacity: people });
    const searched = buildSchedule(schools({ inset_days: '2026-12-25' }), policy, cal, { capacity: people });
    expect(remembered.unscheduled.length).toBeGreaterThan(100);
    expect(remembered.events.length).toBeGreaterThan(30);
    expect(remembered.unscheduled).toEqual(searched.unscheduled);
    expect(remembered.events).toEqual(searched.events);
  });
});
