// A re-tiering's effect on the schedule: "events of the old tier up to the day before, the new
// tier's from the date" (issue 17). four-tier: "CEO 1:1 every 4 / 4 / 2 / 1 weeks" for Lead / Grow /
// Reinvent / Stabilise; health check annual for Grow, every term for Stabilise (sources/001).
// 100002 Birchfield Academy is Grow in the fixture; here it is re-tiered to Stabilise from Monday
// 1 February 2027 (term 3 runs Mon 4 Jan - Fri 12 Feb 2027, SPEC section 6).
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { budget } from '../../src/core/budget.js';
import { calendarSchools, planYear } from '../../src/core/plan.js';
import { applyTierChanges } from '../../src/core/tier-changes.js';
import { loadTerms } from '../../src/io/load-data.js';
import { loadConfig } from '../../src/io/config.js';
import { fixtureSchools } from '../helpers/fixtures.js';

const loaded = loadConfig({ cwd: '/', preset: 'four-tier', config: undefined });
const policy = loaded.policy;
const { cal } = loadTerms(loaded);
const asOf = '2026-09-01';
const placements = classify(fixtureSchools(), policy, { asOf }).placements;
const retiered = applyTierChanges(
  placements,
  [
    {
      line: 2,
      urn: 100002,
      from: '2027-02-01',
      tier: 'stabilise',
      reason: 'Head left',
      agreedBy: null,
      agreedOn: null,
    },
  ],
  policy,
  asOf,
);
const plan = (ps: typeof placements) => planYear(policy, calendarSchools(ps), cal, { asOf });
const before = plan(placements);
const after = plan(retiered);
const eventsOf = (s: typeof before, activity: string) =>
  s.events.filter((e) => e.urn === 100002 && e.activity_id === activity).map((e) => e.date);

describe('a re-tiering switches the schedule on its date', () => {
  it('keeps the old tier cadence up to the day before the change', () => {
    expect(placements.find((p) => p.school.urn === 100002)!.tier).toBe('grow');
    // Every 4 weeks on Wednesday from Wed 9 Sep 2026 (term 1 starts on a Thursday): Jan 27 is 20 weeks on.
    expect(eventsOf(before, 'ceo-1to1-grow')).toContain('2027-02-24');
    expect(eventsOf(after, 'ceo-1to1-grow')).toEqual([
      '2026-09-09',
      '2026-10-07',
      '2026-11-04',
      '2026-12-02',
      '2027-01-27',
    ]);
  });

  it("runs the new tier's cadence from the change date", () => {
    expect(eventsOf(before, 'ceo-1to1-stabilise')).toEqual([]);
    const weekly = eventsOf(after, 'ceo-1to1-stabilise');
    // Weekly from the first Wednesday on or after Mon 1 Feb; none in the half-term week (15-19 Feb).
    expect(weekly.slice(0, 4)).toEqual(['2027-02-03', '2027-02-10', '2027-02-24', '2027-03-03']);
    expect(weekly.every((d) => d >= '2027-02-01')).toBe(true);
  });

  it("keeps a termly activity to its tier's part of the term, with a note", () => {
    // Grow's annual health check (term 3) before the change; Stabilise's termly one from it (terms 3 and 5).
    const annual = after.events.find((e) => e.urn === 100002 && e.activity_id === 'health-check-annual')!;
    expect(annual.date < '2027-02-01').toBe(true);
    expect(annual.note).toMatch(/^until 2027-01-31: re-tiered to Tier 4 Stabilise/);
    const termly = eventsOf(after, 'health-check-termly');
    expect(termly).toHaveLength(2); // term 1 is before the change: not due
    expect(termly[0] >= '2027-02-01' && termly[0] <= '2027-02-12').toBe(true);
    expect(eventsOf(after, 'statement-of-action')).toEqual([]); // term 1 only
  });

  it('gives each event the tier in force on its day', () => {
    const mine = after.events.filter((e) => e.urn === 100002);
    expect(mine.filter((e) => e.date < '2027-02-01').every((e) => e.tier === 'grow')).toBe(true);
    expect(mine.filter((e) => e.date >= '2027-02-01').every((e) => e.tier === 'stabilise')).toBe(true);
  });

  it("leaves every other school's events as they were (a termly spread may give another day in its term)", () => {
    const others = (s: typeof before) =>
      s.events
        .filter((e) => e.urn !== 100002)
        .map((e) => `${e.urn} ${e.activity_id} ${e.term} ${e.occurrence} ${e.tier}`);
    expect(others(after).sort()).toEqual(others(before).sort());
  });

  it('costs the schedule as built: the budget and the calendar agree to the day', () => {
    const result = budget(retiered, policy, undefined, after, asOf);
    const school = result.schools.find((s) => s.urn === 100002)!;
    const scheduled = after.events.filter((e) => e.urn === 100002).reduce((sum, e) => sum + e.days, 0);
    expect(school.scheduled).toBe(scheduled);
    const perTerm = [1, 2, 3, 4, 5, 6].map((t) =>
      after.events.filter((e) => e.urn === 100002 && e.term === t).reduce((sum, e) => sum + e.days, 0),
    );
    expect(school.perTerm).toEqual(perTerm);
    expect(school.basis).toMatch(/^re-tiered \(grow -> stabilise from 2027-02-01\), costed as scheduled; /);
    expect(result.assumptions[0]).toMatch(/^A re-tiered school's days are its schedule as built, not prorated/);
  });
});

describe('a re-tiering agreed during the term does not re-plan into the past', () => {
  // The annual health check is spread over term 3: 100002 Birchfield (Grow) on Mon 11 January,
  // 100026 (Grow) on Thu 11 February. Each is re-tiered to Stabilise from Mon 1 February, agreed by the Trust
  // Board on a day of January: an event of the old tier is not moved to a day before the change
  // was agreed (nobody could keep a plan made on the 28th for the 26th), and one already past
  // when it was agreed stays on its day.
  const change = (urn: number, agreedOn: string | null) =>
    applyTierChanges(
      placements,
      [{ line: 2, urn, from: '2027-02-01', tier: 'stabilise', reason: 'Head left', agreedBy: 'Trust Board', agreedOn }],
      policy,
      asOf,
    );
  const annual = (s: typeof before, urn: number) =>
    s.events.filter((e) => e.urn === urn && e.activity_id === 'health-check-annual').map((e) => e.date);

  it('keeps an old-tier event planned after the agreement on or after it, as near its day as it can', () => {
    // 100018 is Lead, whose annual health check is also in term 3: planned for Wed 3 February.
    expect(annual(before, 100018)).toEqual(['2027-02-03']);
    // Agreed on no day known: the spread over its old tier's part of the term, before the 28th.
    expect(annual(plan(change(100018, null)), 100018)[0] < '2027-01-28').toBe(true);
    // Agreed on Thursday the 28th: Thursday 28 and Friday 29 are left; Friday is the nearer.
    expect(annual(plan(change(100018, '2027-01-28')), 100018)).toEqual(['2027-01-29']);
  });

  it('leaves it where the plan had it when that was before the agreement', () => {
    expect(annual(before, 100002)).toEqual(['2027-01-11']);
    expect(annual(plan(change(100002, null)), 100002)).toEqual(['2027-01-07']);
    expect(annual(plan(change(100002, '2027-01-28')), 100002)).toEqual(['2027-01-11']);
  });

  it('drops it, saying why, when no school day of its part is left after the agreement', () => {
    const late = plan(change(100026, '2027-01-30'));
    expect(annual(late, 100026)).toEqual([]);
    const dropped = [...late.dropped].find((d) => d.urn === 100026 && d.activity_id === 'health-check-annual');
    expect(dropped?.reason).toBe(
      're-tiered from 2027-02-01, agreed on 2027-01-30: no school day of the term before the change was left after the agreement',
    );
  });
});

describe('a re-tiering agreed after its date (backdated) switches the plan on the day it was agreed', () => {
  // README: "one the plan had before that day stays on its day"; nothing is planned into days
  // already past when it was agreed. 100018 (Lead) has its annual health check on Wed 3 February
  // (above); here it is re-tiered to Stabilise from Mon 1 February, agreed only later.
  const backdated = (agreedOn: string) =>
    plan(
      applyTierChanges(
        placements,
        [
          {
            line: 2,
            urn: 100018,
            from: '2027-02-01',
            tier: 'stabilise',
            reason: 'Head left',
            agreedBy: 'Trust Board',
            agreedOn,
          },
        ],
        policy,
        asOf,
      ),
    );
  const of = (s: typeof before, activity: string) =>
    s.events.filter((e) => e.urn === 100018 && e.activity_id === activity);

  it('keeps an old-tier event the plan had before the agreement on its day, in the old tier', () => {
    const events = of(backdated('2027-02-10'), 'health-check-annual');
    // Not moved to Fri 29 January, the last day before the recorded date: that day was past too.
    expect(events.map((e) => [e.date, e.tier])).toEqual([['2027-02-03', 'lead']]);
  });

  it("plans the new tier's activities only from the agreement", () => {
    const s = backdated('2027-02-10');
    const stabilise = s.events.filter((e) => e.urn === 100018 && e.tier === 'stabilise').map((e) => e.date);
    expect(stabilise.length).toBeGreaterThan(0);
    expect(stabilise.every((d) => d >= '2027-02-10')).toBe(true);
    // Weekly on Wednesday from the agreement (Wed 10 February), not from Wed 3 February.
    expect(of(s, 'ceo-1to1-stabilise')[0].date).toBe('2027-02-10');
    // Stabilise's health check each term: in term 3's days from the agreement (10-12 February).
    expect(
      of(s, 'health-check-termly')
        .filter((e) => e.term === 3)
        .map((e) => e.date),
    ).toEqual(['2027-02-11']);
  });

  it('drops an old-tier event the plan had on or after the agreement, saying why', () => {
    const s = backdated('2027-02-02');
    expect(of(s, 'health-check-annual')).toEqual([]);
    expect([...s.dropped].find((d) => d.urn === 100018 && d.activity_id === 'health-check-annual')?.reason).toBe(
      "the plan had it on 2027-02-03, after the re-tiering was agreed on 2027-02-02: the old tier's plan ended then",
    );
  });
});
