// Support days for the 26 fixture schools under every preset, checked by hand. Each figure shows
// its arithmetic and the sentence of the source (SPEC section 2 / the preset) it comes from.
// As of 2026-09-01 throughout; term weeks 7, 7, 6, 5, 7, 6 (38 school weeks) from the presets.
import { describe, expect, it } from 'vitest';
import { budget, capacityReport, costItem } from '../../src/core/budget.js';
import { classify } from '../../src/core/classify.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';

const asOf = '2026-09-01';
const schools = fixtureSchools();
const WEEKS = [7, 7, 6, 5, 7, 6];

function run(preset: string, capacity?: Parameters<typeof budget>[2]) {
  const policy = presetPolicy(preset);
  const { placements } = classify(schools, policy, { asOf });
  const result = budget(placements, policy, capacity);
  const school = (urn: number) => result.schools.find((s) => s.urn === urn)!;
  const tier = (id: string) => result.byTier.find((t) => t.tier === id)!;
  return { result, school, tier };
}

const close = (xs: number[], ys: number[]) => xs.forEach((x, i) => expect(x).toBeCloseTo(ys[i], 9));

describe('rlt-categories', () => {
  const { result, school, tier } = run('rlt-categories');

  it('category A: "12 days (2 per term)" - exact, 2 in each term', () => {
    // 100001, 100002, 100023 are A (presets.test.ts): 3 x 12 = 36 days.
    expect(school(100001)).toMatchObject({ days: 12, ceiling: 12, unknown: false, isCeiling: false });
    close(school(100001).perTerm, [2, 2, 2, 2, 2, 2]);
    expect(tier('A')).toMatchObject({ schools: 3, days: 36 });
  });

  it('category C: "up to 15 days" - counted at the upper bound and marked a ceiling', () => {
    // 100011, 100012, 100014, 100015, 100018 are C: 5 x 15 = 75; 15 / 6 = 2.5 a term.
    expect(school(100011)).toMatchObject({ days: 15, ceiling: 15, isCeiling: true });
    expect(school(100011).basis).toContain('up to 15 days: a ceiling');
    close(school(100011).perTerm, [2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
    expect(tier('C')).toMatchObject({ schools: 5, days: 75 });
  });

  it('category B: days "not stated in the source" stay unknown, never 0', () => {
    // 9 B schools: 100003, 100009, 100010, 100013, 100019, 100020, 100021, 100022, 100026.
    expect(school(100003)).toMatchObject({ days: null, unknown: true });
    expect(school(100003).basis).toContain('not stated in the source');
    expect(tier('B')).toMatchObject({ schools: 9, days: 0, unknown: 9 });
  });

  it('category D: "weekly or fortnightly support" - fortnightly is the planning figure, weekly the ceiling', () => {
    // 38 weeks / 2 = 19 visits x 0.5 day = 9.5 days; weekly: 38 x 0.5 = 19 days.
    // Term 1: 7 weeks / 2 x 0.5 = 1.75; term 3: 6 / 2 x 0.5 = 1.5; term 4: 5 / 2 x 0.5 = 1.25.
    expect(school(100004)).toMatchObject({ days: 9.5, ceiling: 19, isCeiling: true });
    expect(school(100004).basis).toContain('every 2 weeks over 38 school weeks = 19 x 0.5 days = 9.5 days; ceiling every 1 week = 19 days');
    close(school(100004).perTerm, [1.75, 1.75, 1.5, 1.25, 1.75, 1.5]);
    // 8 D schools: 8 x 9.5 = 76; ceiling 8 x 19 = 152.
    expect(tier('D')).toMatchObject({ schools: 8, days: 76, ceiling: 152 });
  });

  it('totals: 36 + 75 + 76 = 187 known days; 9 unknown; 1 needs data (100025 has no Ofsted grade)', () => {
    expect(result.total).toMatchObject({ schools: 26, days: 187, unknown: 9, needsData: 1 });
    // ceiling: 36 + 75 + 152 = 263.
    expect(result.total.ceiling).toBe(263);
    // per term: A 6 + C 12.5 + D 8 x (1.75, 1.75, 1.5, 1.25, 1.75, 1.5) = 14, 14, 12, 10, 14, 12.
    close(result.total.perTerm, [32.5, 32.5, 30.5, 28.5, 32.5, 30.5]);
    expect(school(100025)).toMatchObject({ tier: null, days: null, unknown: false });
  });

  it('by trust adds up to the total', () => {
    // Kestrel: D 100004, 100006, 100016 (3 x 9.5 = 28.5) + C 100011, 100014 (30) = 58.5.
    expect(result.byTrust.find((t) => t.trust === 'Kestrel Academies Trust')).toMatchObject({ schools: 8, days: 58.5, unknown: 2, needsData: 1 });
    expect(result.byTrust.reduce((a, t) => a + t.days, 0)).toBe(187);
    expect(result.byTrust.at(-1)!.trust).toBeNull(); // schools outside a trust come last
  });
});

describe('four-tier: CEO 1:1 every 4 / 4 / 2 / 1 weeks over 38 school weeks, half a day each', () => {
  const { result, school, tier } = run('four-tier');
  it('converts each cadence to days with the assumption shown', () => {
    // Lead/Grow: 38 / 4 = 9.5 x 0.5 = 4.75. Reinvent: 38 / 2 = 19 x 0.5 = 9.5. Stabilise: 38 x 0.5 = 19.
    expect(school(100001).days).toBe(4.75); // lead
    expect(school(100003).days).toBe(4.75); // grow
    expect(school(100004).days).toBe(9.5); // reinvent
    expect(school(100005).days).toBe(19); // stabilise
    expect(school(100005).basis).toContain('half a day per 1:1');
    // 3 lead, 7 grow, 8 reinvent, 8 stabilise (placements: test/unit/presets.test.ts):
    // 14.25 + 33.25 + 76 + 152 = 275.5.
    expect([tier('lead').days, tier('grow').days, tier('reinvent').days, tier('stabilise').days]).toEqual([14.25, 33.25, 76, 152]);
    expect(result.total).toMatchObject({ days: 275.5, unknown: 0, needsData: 0 });
    // Term 4 (5 weeks): lead 5/4 x 0.5 = 0.625 x 10 (lead + grow) = 6.25; reinvent 5/2 x 0.5 x 8 = 10; stabilise 5 x 0.5 x 8 = 20.
    expect(result.total.perTerm[3]).toBeCloseTo(36.25, 9);
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

describe('equals-categories: "up to 3 / 3 / 5 / 7 / 10 days"', () => {
  const { result, tier } = run('equals-categories');
  it('counts each category at its upper bound', () => {
    // 1: 4 x 3 = 12; 2a: 11 x 3 = 33; 2b: 3 x 5 = 15; 3: 5 x 7 = 35; 4: 2 x 10 = 20. Sum 115.
    expect(['1', '2a', '2b', '3', '4'].map((t) => tier(t).days)).toEqual([12, 33, 15, 35, 20]);
    expect(result.total).toMatchObject({ days: 115, unknown: 0, needsData: 1 });
  });
});

describe('ult-core-second-tier: no days stated; second-tier external support paid from school funds', () => {
  const { result, school } = run('ult-core-second-tier');
  it('keeps every school unknown and shows who pays', () => {
    expect(result.total).toMatchObject({ days: 0, unknown: 26 });
    expect(school(100004)).toMatchObject({ tier: 'second-tier', days: null, paidBy: 'school funds' });
    expect(school(100001)).toMatchObject({ tier: 'core', paidBy: 'trust' });
  });
});

describe('capacity', () => {
  it('flags the terms where demand exceeds capacity, and the year', () => {
    // 72 a year = 12 a term, + 10 + 10 a term = 32 a term, 192 a year; rlt demand 32.5 in terms 1, 2, 5.
    const { result } = run('rlt-categories', [
      { role: 'Director of education', days_per_year: 72 },
      { role: 'SIA', days_per_term: 10 },
      { role: 'SIA', days_per_term: 10 },
    ]);
    const c = result.capacity!;
    expect(c.terms.filter((t) => t.over).map((t) => t.term)).toEqual([1, 2, 5]);
    expect(c.terms[0]).toMatchObject({ demand: 32.5, capacity: 32, balance: -0.5 });
    expect(c.year).toMatchObject({ demand: 187, capacity: 192, over: false });
    expect(c.overAllocated).toBe(true);
  });

  it('is null without a capacity list, and within capacity is not flagged', () => {
    expect(run('rlt-categories').result.capacity).toBeNull();
    expect(capacityReport([{ role: 'x', days_per_term: 5 }], [5, 5, 5, 5, 5, 5], 30)!.overAllocated).toBe(false);
  });
});

describe('costItem', () => {
  it('a stated 0 is a number, not unknown', () => {
    expect(costItem({ name: 'x', days: 0, per: 'school' }, 't', 0, WEEKS)).toMatchObject({ kind: 'exact', days: 0 });
  });
});
