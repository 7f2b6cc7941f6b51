// Delivered against plan: hand-checked marks of planned events from a visit log (core/delivery.ts)
// and the budget's days beside the log (core/delivered.ts), on the shipped 2026/27 term dates
// (term 3: Mon 4 Jan - Fri 12 Feb 2027; term 4: Mon 22 Feb - Thu 25 Mar 2027).
// Equals: "For all schools there will be a single visit report for each visit" (003, line 143):
// one entry is one visit, so an entry stands for at most one planned event.
import { describe, expect, it } from 'vitest';
import type { BudgetResult } from '../../src/core/budget.js';
import { deliveredAgainstBudget } from '../../src/core/delivered.js';
import { markDelivery } from '../../src/core/delivery.js';
import type { LogEntry } from '../../src/core/log.js';
import type { CalendarEvent } from '../../src/core/schedule.js';
import { termCalendar, type TermCalendar } from '../../src/core/terms.js';

const cal: TermCalendar = termCalendar({
  dates: [
    { start: '2026-09-03', end: '2026-10-23' },
    { start: '2026-11-02', end: '2026-12-18' },
    { start: '2027-01-04', end: '2027-02-12' },
    { start: '2027-02-22', end: '2027-03-25' },
    { start: '2027-04-12', end: '2027-05-28' },
    { start: '2027-06-07', end: '2027-07-21' },
  ],
  closures: [],
});

function event(date: string, over: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    date,
    end: date,
    term: 3,
    urn: 100001,
    name: 'Ashgrove Primary School',
    trust: 'Northbridge Learning Trust',
    tier: 'A',
    activity: 'School WFAP',
    activity_id: 't3-school-wfap',
    kind: 'SI',
    type: 'visit',
    lead: 'Sam Okafor',
    role: 'School improvement adviser',
    person: 'Sam Okafor',
    days: 1,
    occurrence: '1',
    note: null,
    ...over,
  };
}

let nextLine = 2;
function entry(date: string, over: Partial<LogEntry> = {}): LogEntry {
  return {
    line: nextLine++,
    date,
    urn: 100001,
    activity: 't3-school-wfap',
    person: 'Sam Okafor',
    days: 1,
    outcome: null,
    notes: null,
    ...over,
  };
}

const statusOf = (events: CalendarEvent[], log: LogEntry[], asOf: string, trustOf?: (urn: number) => string | null) => {
  const marks = markDelivery(events, log, asOf, cal, trustOf);
  return events.map((e) => marks.of.get(e)!.status);
};

describe('markDelivery', () => {
  it('an entry on the planned day for the same school and activity (its id or its name) is done', () => {
    const planned = [event('2027-01-12')];
    expect(statusOf(planned, [entry('2027-01-12')], '2027-02-01')).toEqual(['done']);
    expect(statusOf(planned, [entry('2027-01-12', { activity: 'school wfap' })], '2027-02-01')).toEqual(['done']);
    const marks = markDelivery(planned, [entry('2027-01-12', { line: 7 })], '2027-02-01', cal);
    expect(marks.of.get(planned[0])!.why).toBe('logged on 2027-01-12 by Sam Okafor, 1 day (log line 7)');
  });

  it('an entry elsewhere in the same term is moved; one in another term is not, and the event is missed', () => {
    const planned = [event('2027-01-12')];
    expect(statusOf(planned, [entry('2027-02-03')], '2027-02-20')).toEqual(['moved']);
    // 23 February 2027 is in term 4: it does not stand for a term-3 event.
    const marks = markDelivery(planned, [entry('2027-02-23')], '2027-03-01', cal);
    expect(marks.of.get(planned[0])!.status).toBe('missed');
    expect(marks.unmatched.map((e) => e.date)).toEqual(['2027-02-23']);
  });

  it('with nothing logged: missed once the last day has passed at --as-of, planned until then (the day itself included)', () => {
    const planned = [event('2027-02-10')];
    expect(statusOf(planned, [], '2027-02-01')).toEqual(['planned']);
    expect(statusOf(planned, [], '2027-02-10')).toEqual(['planned']);
    expect(statusOf(planned, [], '2027-02-11')).toEqual(['missed']);
  });

  it('a weekly cadence: the exact day first, then the nearest of what is left; the rest missed', () => {
    const weekly = [
      event('2027-01-05'),
      event('2027-01-12', { occurrence: '2' }),
      event('2027-01-19', { occurrence: '3' }),
    ];
    // 19 Jan is on its day (done); 13 Jan is 1 day from the 12th and 8 from the 5th: it stands for the 12th.
    expect(statusOf(weekly, [entry('2027-01-13'), entry('2027-01-19')], '2027-01-25')).toEqual([
      'missed',
      'moved',
      'done',
    ]);
  });

  it('the same marks whatever order the log is in, and ties go to the earlier event', () => {
    const two = [event('2027-01-11'), event('2027-01-15', { occurrence: '2' })];
    // 13 Jan is 2 days from each: the earlier event takes it.
    const log = [entry('2027-01-13')];
    expect(statusOf(two, log, '2027-01-20')).toEqual(['moved', 'missed']);
    const a = [entry('2027-01-11', { line: 3 }), entry('2027-01-14', { line: 4 }), entry('2027-01-15', { line: 5 })];
    const forward = statusOf(two, a, '2027-01-20');
    const backward = statusOf(two, [...a].reverse(), '2027-01-20');
    expect(forward).toEqual(['done', 'done']);
    expect(backward).toEqual(forward);
  });

  it('an entry after --as-of does not count yet (the log as it stood that day)', () => {
    const planned = [event('2027-01-12')];
    const marks = markDelivery(planned, [entry('2027-01-12')], '2027-01-11', cal);
    expect(marks.of.get(planned[0])!.status).toBe('planned');
    expect(marks.later).toHaveLength(1);
  });

  it('each entry stands for one event only (a single visit report for each visit)', () => {
    const twoSchoolsSameDay = [event('2027-01-12'), event('2027-01-12', { occurrence: '2' })];
    expect(statusOf(twoSchoolsSameDay, [entry('2027-01-12')], '2027-01-20')).toEqual(['done', 'missed']);
  });

  it('another school, or free text, marks nothing; free text is left unmatched', () => {
    const planned = [event('2027-01-12')];
    const log = [entry('2027-01-12', { urn: 100002 }), entry('2027-01-12', { activity: 'phone call with the head' })];
    const marks = markDelivery(planned, log, '2027-01-20', cal);
    expect(marks.of.get(planned[0])!.status).toBe('missed');
    expect(marks.unmatched).toHaveLength(2);
  });

  it('any day of a two-day review is done', () => {
    const review = [event('2027-01-12', { end: '2027-01-13', days: 2 })];
    expect(statusOf(review, [entry('2027-01-13', { days: 2 })], '2027-01-20')).toEqual(['done']);
  });

  it("a trust's event is met by an entry from one of its schools; all schools' by any school", () => {
    const trustEvent = event('2027-01-12', {
      urn: null,
      name: 'Northbridge Learning Trust',
      activity_id: 'trust-board',
    });
    const allEvent = event('2027-01-14', { urn: null, name: 'All schools', activity_id: 'heads-meeting' });
    const trustOf = (urn: number) => (urn === 100001 ? 'Northbridge Learning Trust' : 'Kestrel Academies Trust');
    const other = [entry('2027-01-12', { urn: 100004, activity: 'trust-board' })];
    expect(statusOf([trustEvent], other, '2027-01-20', trustOf)).toEqual(['missed']);
    const own = [entry('2027-01-12', { activity: 'trust-board' })];
    expect(statusOf([trustEvent], own, '2027-01-20', trustOf)).toEqual(['done']);
    const heads = [entry('2027-01-14', { urn: 100004, activity: 'heads-meeting' })];
    expect(statusOf([allEvent], heads, '2027-01-20', trustOf)).toEqual(['done']);
  });
});

describe('deliveredAgainstBudget', () => {
  // Two schools (12 and 3 days allocated), one person with 30 days; events as scheduled.
  const result = {
    schools: [
      { urn: 100001, name: 'Ashgrove', tier: 'A', days: 12, scheduled: 10 },
      { urn: 100004, name: 'Dunmore', tier: 'D', days: 3, scheduled: 3 },
    ],
    byTier: [
      { tier: 'A', label: 'Category A' },
      { tier: 'D', label: 'Category D' },
    ],
    total: { days: 15, perTerm: [3, 3, 3, 2, 2, 2] },
    capacity: { byPerson: [{ name: 'Sam Okafor', role: 'School improvement adviser', year: { capacity: 30 } }] },
    trustEvents: [],
  } as unknown as BudgetResult;
  const events = [
    event('2026-09-10', { term: 1, days: 1 }),
    event('2027-01-12', { days: 1 }),
    event('2027-01-13', { urn: 100004, person: null, days: 2 }),
  ];
  const log = [
    entry('2026-09-10', { days: 1 }),
    entry('2027-01-14', { urn: 100004, days: 2, person: 'sam okafor' }),
    entry('2027-01-20', { days: 0.5, person: 'Visiting SLE' }),
    entry('2027-03-01', { days: 1 }), // after --as-of
    entry('2026-08-20', { days: 1 }), // before term 1: another academic year
  ];
  const d = deliveredAgainstBudget(
    result,
    events,
    log,
    markDelivery(events, log, '2027-02-01', cal),
    '2027-02-01',
    cal,
  );

  it('per school: allocated, scheduled, delivered (on or before --as-of, in the year) and remaining', () => {
    expect(d.schools).toEqual([
      { urn: 100001, name: 'Ashgrove', tier: 'A', allocated: 12, scheduled: 10, delivered: 1.5, remaining: 10.5 },
      { urn: 100004, name: 'Dunmore', tier: 'D', allocated: 3, scheduled: 3, delivered: 2, remaining: 1 },
    ]);
    expect(d.counted).toBe(3);
    expect(d.notCounted.map((n) => n.reason)).toEqual([
      'after --as-of 2027-02-01',
      'outside the academic year 2026/27 (2026-09-03 to 2027-07-21)',
    ]);
  });

  it('per person: capacity days allocated, booked days scheduled (names matched whatever the case); others listed', () => {
    expect(d.people).toEqual([
      {
        name: 'Sam Okafor',
        role: 'School improvement adviser',
        allocated: 30,
        scheduled: 2,
        delivered: 3,
        remaining: 27,
      },
      { name: 'Visiting SLE', role: null, allocated: null, scheduled: 0, delivered: 0.5, remaining: null },
    ]);
  });

  it('per tier and per term, and the total', () => {
    expect(d.tiers.map((t) => [t.tier, t.allocated, t.delivered, t.remaining])).toEqual([
      ['A', 12, 1.5, 10.5],
      ['D', 3, 2, 1],
    ]);
    expect(d.terms.map((t) => [t.term, t.allocated, t.scheduled, t.delivered])).toEqual([
      [1, 3, 1, 1],
      [2, 3, 0, 0],
      [3, 3, 3, 2.5],
      [4, 2, 0, 0],
      [5, 2, 0, 0],
      [6, 2, 0, 0],
    ]);
    expect(d.total).toEqual({ allocated: 15, scheduled: 4, delivered: 3.5, remaining: 11.5 });
  });
});

describe('deliveredAgainstBudget: events for a whole trust', () => {
  // A weekly head teacher meeting for all schools (0.5 days, Jordan Hale) is logged against one
  // school, as "an event for a whole trust is met by an entry from one of its schools": its days
  // are the trust's, not that school's (Ashgrove received none of them).
  const result = {
    schools: [
      { urn: 100001, name: 'Ashgrove', tier: 'A', trust: 'Northbridge Learning Trust', days: 12, scheduled: 1 },
    ],
    byTier: [{ tier: 'A', label: 'Category A' }],
    total: { days: 13, perTerm: [0, 0, 13, 0, 0, 0] },
    capacity: null,
    trustEvents: [
      { trust: 'All schools', activity: 'Head teacher meeting', count: 2, days: 1, perTerm: [0, 0, 1, 0, 0, 0] },
    ],
  } as unknown as BudgetResult;
  const meeting = { urn: null, name: 'All schools', trust: null, tier: null, activity: 'Head teacher meeting' };
  const events = [
    event('2027-01-12', { days: 1 }),
    event('2027-01-13', {
      ...meeting,
      activity_id: 'heads-meeting',
      type: 'meeting',
      days: 0.5,
      person: 'Jordan Hale',
    }),
    event('2027-01-20', {
      ...meeting,
      activity_id: 'heads-meeting',
      type: 'meeting',
      days: 0.5,
      person: 'Jordan Hale',
    }),
  ];
  const log = [
    entry('2027-01-12', { days: 1 }),
    entry('2027-01-13', { activity: 'heads-meeting', person: 'Jordan Hale', days: 0.5 }),
    entry('2027-01-20', { activity: 'Head teacher meeting', person: 'Jordan Hale', days: 0.5 }),
  ];
  const marks = markDelivery(events, log, '2027-02-01', cal, () => 'Northbridge Learning Trust');
  const d = deliveredAgainstBudget(result, events, log, marks, '2027-02-01', cal);

  it("counts a trust-wide event's entry for the trust, not for the school it was logged against", () => {
    expect(d.schools.map((s) => [s.urn, s.delivered, s.remaining])).toEqual([[100001, 1, 11]]);
    expect(d.trustWide).toEqual([{ name: 'All schools', allocated: 1, scheduled: 1, delivered: 1, remaining: 0 }]);
    expect(d.tiers.map((t) => [t.tier, t.delivered])).toEqual([['A', 1]]);
    expect(d.total.delivered).toBe(2);
  });
});

describe('deliveredAgainstBudget counts an entry where the calendar marked it', () => {
  // Ashgrove has a review of its own (12 January) and its trust one (20 January) by the same
  // activity; the entry of the 20th is the trust's review done on its day, as the calendar marks
  // it, so its day is the trust's: the school's own review is still to be delivered.
  const trust = 'Northbridge Learning Trust';
  const result = {
    schools: [{ urn: 100001, name: 'Ashgrove', tier: 'A', trust, days: 1, scheduled: 1 }],
    byTier: [{ tier: 'A', label: 'Category A' }],
    total: { days: 2, perTerm: [0, 0, 2, 0, 0, 0] },
    capacity: null,
    trustEvents: [{ trust, activity: 'Review', count: 1, days: 1, perTerm: [0, 0, 1, 0, 0, 0] }],
  } as unknown as BudgetResult;
  const review = { activity: 'Review', activity_id: 'review', days: 1 };
  const events = [
    event('2027-01-12', review),
    event('2027-01-20', { ...review, urn: null, name: trust, trust, tier: null }),
  ];
  const log = [entry('2027-01-20', { activity: 'review', days: 1 })];
  const marks = markDelivery(events, log, '2027-02-01', cal, () => trust);

  it('as the calendar does: the trust review done, its day the trust’s', () => {
    expect(marks.of.get(events[1])?.status).toBe('done');
    const d = deliveredAgainstBudget(result, events, log, marks, '2027-02-01', cal);
    expect(d.schools.map((s) => [s.urn, s.delivered, s.remaining])).toEqual([[100001, 0, 1]]);
    expect(d.trustWide).toEqual([{ name: trust, allocated: 1, scheduled: 1, delivered: 1, remaining: 0 }]);
  });
});
