// Support days for the 26 fixture schools under every preset, checked by hand. With a calendar the
// budget is the schedule costed (issue 12): each figure is the scheduled events' days, with the
// tier's stated days beside it; the DfE offer has no calendar and is costed as it states its days.
// As of 2026-09-01 throughout, on the default 2026/27 terms, with the fixture team of six.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { budget, capacityReport, costItem } from '../../src/core/budget.js';
import { classify } from '../../src/core/classify.js';
import { calendarSchools, planYear } from '../../src/core/plan.js';
import { termCalendar } from '../../src/core/terms.js';
import { TermsSchema } from '../../src/core/terms-schema.js';
import type { Capacity } from '../../src/core/config.js';
import { loadConfig } from '../../src/io/config.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';
import { FIXTURES } from '../helpers/run-sit.js';

const asOf = '2026-09-01';
const schools = fixtureSchools();
const WEEKS = [7, 7, 6, 5, 7, 6];
const cal = termCalendar(TermsSchema.parse(parse(defaultTermsText).terms));
const team = loadConfig({ cwd: FIXTURES }).config.capacity as Capacity[];

function run(preset: string, capacity: Capacity[] | undefined = team) {
  const policy = presetPolicy(preset);
  const { placements } = classify(schools, policy, { asOf });
  const schedule = policy.calendar ? planYear(policy, calendarSchools(placements), cal, { asOf, capacity }) : null;
  const result = budget(placements, policy, capacity, schedule, asOf);
  const school = (urn: number) => result.schools.find((s) => s.urn === urn)!;
  const tier = (id: string) => result.byTier.find((t) => t.tier === id)!;
  return { result, school, tier, schedule };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("rlt-categories: the schedule costed, the source's days beside it", () => {
  const { result, school, tier, schedule } = run('rlt-categories');

  it('category A: "12 days 2 per term" beside 13 scheduled (a QA and an SI visit a term; the term-5 Trust Review is 2 days)', () => {
    expect(school(100001)).toMatchObject({ days: 13, scheduled: 13, stated: '12', unknown: false });
    expect(school(100001).perTerm).toEqual([2, 2, 2, 2, 3, 2]);
    expect(school(100001).basis).toContain('the source states 12 days: the schedule has 1 more');
  });

  it('category C: "Up to 15 days" is the ceiling beside the 13 scheduled', () => {
    expect(school(100011)).toMatchObject({ days: 13, ceiling: 15, stated: 'up to 15', isCeiling: true });
    expect(school(100011).basis).toContain("within the source's ceiling of 15 days");
  });

  it("category B: no days stated, so the days are the schedule's alone", () => {
    expect(school(100003)).toMatchObject({ days: 13, stated: null, unknown: false });
    expect(school(100003).basis).toContain('the source states no number of days');
  });

  it('category D: the termly visits plus fortnightly executive support ("Weekly or fortnightly support")', () => {
    const d = school(100004);
    const exec = schedule!.events.filter((e) => e.urn === 100004 && e.activity_id === 'd-executive-support');
    expect(d.days).toBe(13 + exec.length);
    expect(tier('D').schools).toBe(8);
  });

  it('calendar and budget agree to the day: per school, per trust event, per person and in total', () => {
    const events = schedule!.events;
    for (const s of result.schools)
      expect(s.scheduled, `${s.urn}`).toBe(sum(events.filter((e) => e.urn === s.urn).map((e) => e.days)));
    // "Weekly head teacher meetings": once for all the schools, not once per school.
    const heads = result.trustEvents.find((t) => t.activity === 'Head teacher meeting')!;
    expect(heads).toMatchObject({ trust: 'All schools', count: 39, days: 19.5 });
    expect(result.total.days).toBe(sum(events.map((e) => e.days)));
    expect(
      result.total.perTerm.map((d, i) => d - sum(events.filter((e) => e.term === i + 1).map((e) => e.days))),
    ).toEqual([0, 0, 0, 0, 0, 0]);
    for (const p of result.capacity!.byPerson)
      expect(p.year.demand, p.name).toBe(sum(events.filter((e) => e.person === p.name).map((e) => e.days)));
    expect(result.byTrust.reduce((a, t) => a + t.days, 0)).toBe(result.total.days);
  });

  it("each school's events counted by activity in the order the calendar first meets them, and by term", () => {
    const events = schedule!.events;
    for (const s of result.schools) {
      const byActivity = new Map<string, { n: number; days: number }>();
      const perTerm = [0, 0, 0, 0, 0, 0];
      for (const e of events) {
        if (e.urn !== s.urn || e.days === 0) continue;
        const a = byActivity.get(e.activity) ?? { n: 0, days: 0 };
        a.n += 1;
        a.days += e.days;
        byActivity.set(e.activity, a);
        perTerm[e.term - 1] += e.days;
      }
      const lines = [...byActivity].map(
        ([activity, { n, days }]) => `${n} x ${activity} = ${days} day${days === 1 ? '' : 's'}`,
      );
      expect(s.basis, `${s.urn}`).toContain(`scheduled: ${lines.length ? lines.join(', ') : 'no events'} (`);
      // rlt-categories states no days beyond the calendar: a school's terms are its events'.
      expect(s.perTerm, `${s.urn}`).toEqual(perTerm);
    }
  });

  it("demand per person against that person's days", () => {
    const c = result.capacity!;
    expect(c.byPerson.map((p) => [p.name, p.year.capacity])).toEqual([
      ['Alex Morgan', 60],
      ['Jordan Hale', 150],
      ['Sam Okafor', 120],
      ['Priya Shah', 120],
      ['Tom Reilly', 120],
      ['Aisha Begum', 120],
      ['Chris Byrne', 120],
      ['Dana Lee', 120],
    ]);
    expect(c.unassigned).toEqual([]);
    // The fixture trust's team can keep the plan: nobody past their days in a term or the year.
    expect(c.overAllocated).toBe(false);
  });
});

describe('four-tier: CEO 1:1s and health checks as scheduled', () => {
  const { result, school, schedule } = run('four-tier');
  it('a Stabilise school: weekly 1:1s at a quarter day, three health checks a day each, and its committees', () => {
    const events = schedule!.events.filter((e) => e.urn === 100005);
    expect(school(100005).days).toBe(sum(events.map((e) => e.days)));
    // "External health checks every term from School Improvement Executive Lead": central time, counted.
    expect(events.filter((e) => e.activity === 'Health check').map((e) => e.days)).toEqual([1, 1, 1]);
    expect(result.total.days).toBe(sum(schedule!.events.map((e) => e.days)));
  });
});

describe('dfe-tsio-2023: "up to 10 days ... per school on the standalone route, per trust on the trust route"', () => {
  const { result, school, tier } = run('dfe-tsio-2023');
  it('counts the trust route once per trust and the extra 5 days as subject to approval', () => {
    // Standalone: 100005, 100008, 100017: 3 x 10 = 30.
    expect(school(100005)).toMatchObject({ days: 10, isCeiling: true });
    // Trust route: Kestrel (100004, 100019) once: 10; Northbridge (100024) once: 10.
    expect(school(100004).days).toBe(0);
    expect(school(100004).basis).toContain('counted once for Kestrel Academies Trust');
    // Each item chosen by the school's route says so (when: { value: route, is: trust }).
    expect(school(100004).basis).toContain(
      'up to 10 days: a ceiling, counted at its upper bound; chosen by its data: route is trust',
    );
    expect(school(100005).basis).toContain('chosen by its data: route is standalone');
    expect(result.byTrust.find((t) => t.trust === 'Kestrel Academies Trust')!.days).toBe(10);
    // 30 + 10 + 10 = 50, not 6 x 10 = 60.
    expect(tier('eligible').days).toBe(50);
    expect(result.total.days).toBe(50);
    // "plus up to 5 more days ... subject to RD approval": 3 standalone x 5 + 2 trusts x 5 = 25, not counted.
    expect(result.total.conditional).toBe(25);
    expect(school(100005).basis).toContain("subject to the regional director's approval (not counted)");
    // Not eligible: "days: 0" is a stated 0, not unknown.
    expect(school(100001)).toMatchObject({ days: 0, unknown: false });
  });
});

describe('equals-categories: "up to 3 / 3 / 5 / 7 / 10 days" as ceilings beside the schedule', () => {
  const { result, tier, schedule } = run('equals-categories');
  it('a preventative school has its 3 SIA days scheduled; the ceilings are shown', () => {
    // "SIA - Each school has 3 days a year, 1 each term" for the eleven 2a schools (Northgate is 2a: "close to or above national figures"), plus the external QA
    // reviews due ("Every 3 years each school will receive an external QA review"), a day each.
    const reviews = schedule!.events.filter((e) => e.activity_id === 'external-qa-review' && e.tier === '2a').length;
    expect(reviews).toBeGreaterThan(0);
    expect(tier('2a')).toMatchObject({ schools: 11, days: 33 + reviews });
    // Corrective (3): the CEO meeting (half a day) scheduled; "Up to 7 days" the ceiling.
    expect(tier('3')).toMatchObject({ days: 2.5, ceiling: 35 });
    expect(result.total.ceiling).toBeGreaterThan(result.total.days);
  });
});

describe('ult-core-second-tier: no days stated; second-tier external support paid from school funds', () => {
  const { school } = run('ult-core-second-tier');
  it('costs the schedule and shows who pays for external support', () => {
    expect(school(100004)).toMatchObject({ tier: 'second-tier', paidBy: 'school funds', unknown: true });
    expect(school(100001)).toMatchObject({ tier: 'core', paidBy: 'trust', unknown: false });
    expect(school(100001).days).toBeGreaterThan(0);
  });
});

describe('capacity', () => {
  it('flags the terms where demand exceeds capacity, and is null without a capacity list', () => {
    expect(run('equals-categories', []).result.capacity).toBeNull();
    expect(capacityReport([{ role: 'x', days_per_term: 5 }], [5, 5, 5, 5, 5, 6], 31)!.terms.map((t) => t.over)).toEqual(
      [false, false, false, false, false, true],
    );
  });
});

describe('costItem', () => {
  it('a stated 0 is a number, not unknown', () => {
    expect(costItem({ name: 'x', days: 0, per: 'school' }, 't', 0, WEEKS)).toMatchObject({ kind: 'exact', days: 0 });
  });
});

describe('trusts in the order an English reader looks them up', () => {
  it('by name as en-GB collation sorts it (case and accents after the letters), schools outside a trust last', () => {
    // What 'a'.localeCompare(b, 'en-GB') gives: not code-point order, which puts "ark" after "Zed".
    const names = [
      'St Mary Trust',
      'ark Trust',
      'Ásh Trust',
      'st albans Trust',
      'Beacon Trust',
      'Zed Trust',
      'Ash Trust',
      'École Trust',
      'eagle Trust',
    ];
    const policy = presetPolicy('rlt-categories');
    const mixed = schools.map((s, i) => ({
      ...s,
      fields: { ...s.fields, trust: i < names.length * 2 ? names[i % names.length] : null },
    }));
    const { placements } = classify(mixed, policy, { asOf });
    const result = budget(placements, policy, team, null, asOf);
    expect(result.byTrust.map((t) => t.trust)).toEqual([
      'ark Trust',
      'Ash Trust',
      'Ásh Trust',
      'Beacon Trust',
      'eagle Trust',
      'École Trust',
      'st albans Trust',
      'St Mary Trust',
      'Zed Trust',
      null,
    ]);
  });
});
