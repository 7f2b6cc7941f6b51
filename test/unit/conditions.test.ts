// The rule language: three-valued logic over blank values, thresholds, national comparators,
// derived facts, overrides and output fields, on small hand-made policies.
import { describe, expect, it } from 'vitest';
import { PolicySchema, type Policy } from '../../src/core/policy.js';
import { classify } from '../../src/core/classify.js';
import { unique } from '../../src/core/conditions.js';
import { schools } from '../helpers/schools.js';

const asOf = '2026-09-01';

function policy(tiers: unknown[], extra: Record<string, unknown> = {}): Policy {
  return PolicySchema.parse({ id: 'test', name: 'Test policy', tiers, ...extra }) as Policy;
}

const twoTiers = (when: unknown) =>
  policy([
    { id: 'high', label: 'High', level: 2, days: 5, rules: [{ name: 'the rule', when }] },
    { id: 'low', label: 'Low', level: 1, days: 1, default: true },
  ]);

describe('three-valued conditions', () => {
  it('a blank value needed by a rule leaves the school needing data, naming the field', () => {
    const [p] = classify(
      schools([{ urn: '100001', name: 'A' }]),
      twoTiers({ field: 'ofsted_overall', is: 'Inadequate' }),
      { asOf },
    ).placements;
    expect(p).toMatchObject({
      tier: null,
      days: null,
      missing: ['ofsted_overall'],
      reasons: ['Needs data: ofsted_overall'],
    });
  });
  it('any: one true part decides even if another is blank', () => {
    const when = {
      any: [
        { field: 'ofsted_overall', is: 'Inadequate' },
        { field: 'attendance_pct', lt: 90 },
      ],
    };
    const [p] = classify(schools([{ urn: '100001', name: 'A', attendance_pct: '85' }]), twoTiers(when), {
      asOf,
    }).placements;
    expect(p.tier).toBe('high');
    expect(p.reasons).toEqual(['the rule: attendance % below 90: 85']);
  });
  it('all: one false part decides even if another is blank', () => {
    const when = {
      all: [
        { field: 'ofsted_overall', is: 'Inadequate' },
        { field: 'attendance_pct', lt: 90 },
      ],
    };
    const [p] = classify(schools([{ urn: '100001', name: 'A', attendance_pct: '95' }]), twoTiers(when), {
      asOf,
    }).placements;
    expect(p.tier).toBe('low');
  });
  it('not inverts, and keeps unknown unknown', () => {
    const when = { not: { field: 'governance_effective', is: 'yes' } };
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', governance_effective: 'no' },
        { urn: '100002', name: 'B' },
      ]),
      twoTiers(when),
      { asOf },
    ).placements;
    expect(placed.map((p) => p.tier)).toEqual(['high', null]);
  });
  it('if_blank says what a blank counts as', () => {
    const when = { field: 'staff_turnover_pct', gt: 20, if_blank: false };
    const [p] = classify(schools([{ urn: '100001', name: 'A' }]), twoTiers(when), { asOf }).placements;
    expect(p.tier).toBe('low');
  });
  it('a school is never placed past a tier it lacked the data for', () => {
    const p3 = policy([
      {
        id: 'top',
        label: 'Top',
        level: 3,
        days: 9,
        rules: [{ name: 'inadequate', when: { field: 'ofsted_overall', is: 4 } }],
      },
      {
        id: 'mid',
        label: 'Mid',
        level: 2,
        days: 5,
        rules: [{ name: 'low attendance', when: { field: 'attendance_pct', lt: 90 } }],
      },
      { id: 'low', label: 'Low', level: 1, days: 1, default: true },
    ]);
    const [p] = classify(schools([{ urn: '100001', name: 'A', attendance_pct: '80' }]), p3, { asOf }).placements;
    expect(p).toMatchObject({ tier: null, missing: ['ofsted_overall'] });
  });
});

describe('values a rule can test', () => {
  it('thresholds by name, with the phrase they stand for', () => {
    const p = policy(
      [
        {
          id: 'high',
          label: 'High',
          level: 2,
          days: 5,
          rules: [{ name: 'well below', when: { vs_national: 'attendance_pct', lt: '$well_below' } }],
        },
        { id: 'low', label: 'Low', level: 1, days: 1, default: true },
      ],
      {
        thresholds: { well_below: { value: -2, means: 'well below national' } },
        national: { attendance_pct: { primary: 94.5, default: 93 } },
      },
    );
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', phase: 'primary', attendance_pct: '92.4' },
        { urn: '100002', name: 'B', phase: 'secondary', attendance_pct: '91.5' },
        { urn: '100003', name: 'C', phase: 'primary', attendance_pct: '92.5' },
      ]),
      p,
      { asOf },
    ).placements;
    // 92.4 - 94.5 = -2.1 < -2; secondary uses the default 93: 91.5 - 93 = -1.5; 92.5 - 94.5 = -2, not below -2.
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low', 'low']);
    expect(placed[0].reasons[0]).toBe(
      'well below: attendance % against national below -2 ("well below national"): -2.1 (92.4 vs national 94.5 for primary)',
    );
  });
  it('an unknown threshold, fact or comparator is a config error', () => {
    const bad = PolicySchema.safeParse({
      id: 't',
      name: 't',
      tiers: [
        {
          id: 'a',
          label: 'A',
          level: 2,
          days: 1,
          rules: [
            {
              name: 'r',
              when: {
                all: [
                  { field: 'attendance_pct', lt: '$nope' },
                  { fact: 'nope', gte: 1 },
                  { vs_national: 'attainment_pct', lt: 0 },
                ],
              },
            },
          ],
        },
        { id: 'b', label: 'B', level: 1, days: 1, default: true },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual([
      'no threshold named "nope" in thresholds',
      expect.stringMatching(/^no fact named "nope"/),
      'no national comparator for "attainment_pct" under national',
    ]);
  });
  it('years since a date, as of a given day', () => {
    const p = twoTiers({ years_since: 'headteacher_start', lt: 1 });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', headteacher_start: '2026-01-05' },
        { urn: '100002', name: 'B', headteacher_start: '01/09/2025' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low']); // 0.66 years; exactly 1 year is not below 1
  });
  // rlt-categories, category D: "(Head teachers new to the role)"; C: "New leadership team". The
  // preset's choice is under 1 year and under 2 years in post. The boundary is the anniversary.
  it('years since is exact at the boundary: 364 days is under 1 year, 365 days is not, 729 days is under 2', () => {
    const asOfBoundary = '2026-09-01';
    const oneYear = twoTiers({ years_since: 'headteacher_start', lt: 1 });
    const rows = [
      { urn: '100001', name: '364 days', headteacher_start: '2025-09-02' },
      { urn: '100002', name: '365 days', headteacher_start: '2025-09-01' },
    ];
    const placed = classify(schools(rows), oneYear, { asOf: asOfBoundary }).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low']);
    // Shown cut to two places: 364 days is 0.99 years, never the 1.00 it is not.
    expect(placed[0].reasons).toEqual([
      'the rule: years since headteacher start date below 1: 0.99 (2025-09-02 to 2026-09-01)',
    ]);
    const twoYears = twoTiers({ years_since: 'headteacher_start', lt: 2 });
    const two = classify(
      schools([
        { urn: '100001', name: '729 days', headteacher_start: '2024-09-02' },
        { urn: '100002', name: '730 days', headteacher_start: '2024-09-01' },
      ]),
      twoYears,
      { asOf: asOfBoundary },
    ).placements;
    expect(two.map((x) => x.tier)).toEqual(['high', 'low']);
  });
  // The years to each date are remembered (shared by every condition on a date): another as-of
  // date, or another condition on the same date, must not be answered from the first one's.
  it('years since: the remembered years follow the as-of date and serve two conditions alike', () => {
    const rows = [
      { urn: '100001', name: 'A', headteacher_start: '2025-09-02' },
      { urn: '100002', name: 'B', headteacher_start: '2025-09-02' },
    ];
    const underOne = twoTiers({ years_since: 'headteacher_start', lt: 1 });
    const overHalf = twoTiers({ years_since: 'headteacher_start', gte: 0.5 });
    const tiers = (p: Policy, day: string) => classify(schools(rows), p, { asOf: day }).placements.map((x) => x.tier);
    expect(tiers(underOne, '2026-09-01')).toEqual(['high', 'high']); // 364 days
    expect(tiers(underOne, '2026-09-02')).toEqual(['low', 'low']); // 1 year
    expect(tiers(overHalf, '2026-09-02')).toEqual(['high', 'high']);
    expect(tiers(overHalf, '2025-12-01')).toEqual(['low', 'low']); // about 0.25 years
    expect(tiers(underOne, '2026-09-01')).toEqual(['high', 'high']);
  });
  it('an inspection in a given academic year (1 September to 31 August)', () => {
    const p = twoTiers({ field: 'ofsted_date', in_academic_year: '2023/24' });
    const placed = classify(
      schools(
        ['31/08/2023', '01/09/2023', '31/08/2024', '01/09/2024'].map((d, i) => ({
          urn: String(100001 + i),
          name: d,
          ofsted_date: d,
        })),
      ),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['low', 'high', 'high', 'low']);
  });
  it('consecutive Requires Improvement judgements', () => {
    const p = twoTiers({ fact: 'consecutive_ri', gte: 2 });
    const placed = classify(
      schools([
        { urn: '100001', name: 'RI RI', ofsted_overall: 'RI', previous_ofsted_overall: '3' },
        { urn: '100002', name: 'RI Good', ofsted_overall: 'RI', previous_ofsted_overall: 'Good' },
        { urn: '100003', name: 'Good', ofsted_overall: 'Good' },
        { urn: '100004', name: 'RI ?', ofsted_overall: 'RI' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low', 'low', null]);
    expect(placed[3].missing).toEqual(['previous_ofsted_overall']);
  });
  it('a column the trust added, by its name', () => {
    const p = twoTiers({ field: 'finance_concern', is: 'yes', if_blank: false });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', 'Finance Concern': 'Yes' },
        { urn: '100002', name: 'B' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low']);
  });
  it('an in: test answers each value by itself, the first few values (compared before the rest) as the others', () => {
    // Twelve trusts, every third one listed, met three times over in a shuffled order: the answers
    // of the values compared first and of those looked up after must each be their own.
    const listed = ['Trust 0', 'Trust 3', 'Trust 6', 'Trust 9'];
    const p = twoTiers({ field: 'trust', in: listed, if_blank: false });
    const order = [5, 0, 7, 3, 11, 1, 9, 2, 8, 4, 6, 10];
    const rows = [0, 1, 2].flatMap((round) =>
      order.map((t, i) => ({ urn: String(100000 + round * 100 + i), name: `S${round}-${i}`, trust: `Trust ${t}` })),
    );
    const placed = classify(schools(rows), p, { asOf }).placements;
    expect(placed.map((x) => x.tier)).toEqual(rows.map((r) => (listed.includes(r.trust) ? 'high' : 'low')));
  });
});

describe('unique', () => {
  it('keeps each item once, in the order first met, in a new list, short or long', () => {
    const short = ['b', 'a', 'b', 'c', 'a'];
    expect(unique(short)).toEqual(['b', 'a', 'c']);
    expect(unique(short)).not.toBe(short);
    expect(unique(['a'])).toEqual(['a']);
    expect(unique([])).toEqual([]);
    const long = Array.from({ length: 30 }, (_, i) => `f${(i * 7) % 11}`);
    expect(unique(long)).toEqual([...new Set(long)]);
  });
});

describe('reasons, each wording made once per rule', () => {
  it('two rules worded alike keep their own names, and a needs-data reason names its own fields', () => {
    const p = policy([
      {
        id: 'a',
        label: 'A',
        level: 3,
        days: 5,
        rules: [
          { name: 'first', when: { field: 'phase', is: 'primary' } },
          { name: 'second', when: { field: 'phase', is: 'primary' } },
        ],
      },
      {
        id: 'b',
        label: 'B',
        level: 2,
        days: 3,
        rules: [{ name: 'fourth', when: { field: 'phase', is: 'secondary' } }],
      },
      {
        id: 'c',
        label: 'C',
        level: 1,
        days: 1,
        default: true,
        rules: [{ name: 'third', when: { field: 'phase', is: 'nursery' } }],
      },
    ]);
    const both = policy([
      {
        id: 'x',
        label: 'X',
        level: 2,
        days: 5,
        rules: [
          {
            name: 'r',
            when: {
              all: [
                { field: 'ofsted_overall', is: 'Good' },
                { field: 'leadership_capacity', is: 'needs-support' },
              ],
            },
          },
        ],
      },
      { id: 'y', label: 'Y', level: 1, days: 1, default: true },
    ]);
    const rows = schools([
      { urn: '100001', name: 'A', phase: 'primary' },
      { urn: '100002', name: 'B', phase: 'secondary' },
      { urn: '100003', name: 'C', phase: 'primary' },
      { urn: '100004', name: 'D', phase: 'nursery' },
    ]);
    const placed = classify(rows, p, { asOf }).placements;
    expect(placed.map((x) => x.reasons)).toEqual([
      ['first: phase is primary', 'second: phase is primary'],
      ['fourth: phase is secondary'],
      ['first: phase is primary', 'second: phase is primary'],
      ['third: phase is nursery'],
    ]);
    const needing = classify(
      schools([
        { urn: '100001', name: 'A', ofsted_overall: 'Good', leadership_capacity: '' },
        { urn: '100002', name: 'B', ofsted_overall: '', leadership_capacity: '' },
        { urn: '100003', name: 'C', ofsted_overall: '', leadership_capacity: 'needs-support' },
        { urn: '100004', name: 'D', ofsted_overall: 'Good', leadership_capacity: '' },
      ]),
      both,
      { asOf },
    ).placements;
    expect(needing.map((x) => x.reasons)).toEqual([
      ['Needs data: leadership_capacity'],
      ['Needs data: ofsted_overall, leadership_capacity'],
      ['Needs data: ofsted_overall'],
      ['Needs data: leadership_capacity'],
    ]);
  });
  it('past the wordings it keeps, a rule still words each school by its own values', () => {
    const p = twoTiers({ field: 'trust', present: true });
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      urn: String(100000 + i),
      name: `S${i}`,
      trust: `Trust ${i % 1200}`,
    }));
    const placed = classify(schools(rows), p, { asOf }).placements;
    placed.forEach((x, i) => expect(x.reasons).toEqual([`the rule: trust is given: Trust ${i % 1200}`]));
  });
});

describe('choices, each set worked out once per tier', () => {
  /** Tier A (level 2, five days) with these rules and choices, then the default tier B. */
  const tierAThenB = (a: Record<string, unknown>) =>
    policy([
      { id: 'a', label: 'A', level: 2, days: 5, ...a },
      { id: 'b', label: 'B', level: 1, days: 1, default: true },
    ]);
  it("a placement has its tier's choices and those of the rules that decided it, whichever sets came before", () => {
    const p = tierAThenB({
      choice: 'tier',
      rules: [
        { name: 'one', choice: '["two","three"]', when: { field: 'phase', is: 'primary' } },
        { name: 'two', choice: 'two', when: { field: 'leadership_capacity', is: 'needs-support' } },
        { name: 'three', choice: 'three', when: { field: 'trust', present: true } },
      ],
    });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', phase: 'primary', leadership_capacity: '', trust: '' },
        { urn: '100002', name: 'B', phase: '', leadership_capacity: 'needs-support', trust: 'T' },
        { urn: '100003', name: 'C', phase: 'primary', leadership_capacity: 'needs-support', trust: 'T' },
        { urn: '100004', name: 'D', phase: '', leadership_capacity: '', trust: 'T' },
        { urn: '100005', name: 'E', phase: '', leadership_capacity: 'needs-support', trust: 'T' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.choices)).toEqual([
      ['tier', '["two","three"]'],
      ['tier', 'two', 'three'],
      ['tier', '["two","three"]', 'two', 'three'],
      ['tier', 'three'],
      ['tier', 'two', 'three'],
    ]);
    // The same choices are one list, kept once and frozen: no placement can change another's.
    expect(placed[1].choices).toBe(placed[4].choices);
    expect(() => (placed[1].choices as string[]).push('changed')).toThrow(TypeError);
    expect(placed[4].choices).toEqual(['tier', 'two', 'three']);
  });

  it("placements that share their tier's choices (or have none) share one frozen list, which none can change", () => {
    const p = tierAThenB({
      choice: 'the tier',
      rules: [{ name: 'primary', when: { field: 'phase', is: 'primary' } }],
    });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', phase: 'primary' },
        { urn: '100002', name: 'B', phase: 'primary' },
        { urn: '100003', name: 'C', phase: 'secondary' },
        { urn: '100004', name: 'D', phase: 'secondary' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => [x.tier, x.choices, x.missing])).toEqual([
      ['a', ['the tier'], []],
      ['a', ['the tier'], []],
      ['b', [], []],
      ['b', [], []],
    ]);
    expect(placed[0].choices).toBe(placed[1].choices);
    expect(() => (placed[0].choices as string[]).push('changed')).toThrow(TypeError);
    expect(() => (placed[2].missing as string[]).push('changed')).toThrow(TypeError);
    expect(placed[1].choices).toEqual(['the tier']);
    expect(placed[3].missing).toEqual([]);
  });

  it('a tier of more than thirty rules has the choices of every rule that held, in order', () => {
    // The first thirty rules that hold are remembered as bits, the rest as a list: both count.
    const rules = Array.from({ length: 34 }, (_, i) => ({
      name: `r${i}`,
      choice: `c${i}`,
      when: i % 3 === 0 ? { field: 'phase', is: 'primary' } : { field: 'phase', is: 'secondary' },
    }));
    const p = tierAThenB({ choice: 'tier', rules });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', phase: 'primary' },
        { urn: '100002', name: 'B', phase: 'primary' },
      ]),
      p,
      { asOf },
    ).placements;
    const held = ['tier', ...Array.from({ length: 12 }, (_, k) => `c${3 * k}`)];
    expect(placed[0].choices).toEqual(held);
    expect(placed[1].choices).toEqual(held);
    expect(placed[0].reasons).toHaveLength(12);
  });

  it("a rule's empty choice adds nothing to a placement's choices", () => {
    const p = tierAThenB({
      choice: 'tier',
      rules: [
        { name: 'blank', choice: '', when: { field: 'phase', is: 'primary' } },
        { name: 'named', choice: 'named', when: { field: 'trust', present: true } },
      ],
    });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', phase: 'primary', trust: '' },
        { urn: '100002', name: 'B', phase: 'primary', trust: 'T' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.choices)).toEqual([['tier'], ['tier', 'named']]);
  });

  it('lists that would join to the same text are still told apart', () => {
    const p = tierAThenB({
      rules: [
        { name: 'one', choice: 'p\nq', when: { field: 'phase', is: 'primary' } },
        { name: 'two', choice: 'p', when: { field: 'trust', present: true } },
        { name: 'three', choice: 'q', when: { field: 'leadership_capacity', is: 'needs-support' } },
      ],
    });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', phase: 'primary', trust: '', leadership_capacity: '' },
        { urn: '100002', name: 'B', phase: '', trust: 'T', leadership_capacity: 'needs-support' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.choices)).toEqual([['p\nq'], ['p', 'q']]);
  });

  it('schools that need the same fields share one frozen list of them', () => {
    const p = tierAThenB({ rules: [{ name: 'graded', when: { field: 'ofsted_overall', is: 4 } }] });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', ofsted_overall: '' },
        { urn: '100002', name: 'B', ofsted_overall: '' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => [x.tier, x.missing])).toEqual([
      [null, ['ofsted_overall']],
      [null, ['ofsted_overall']],
    ]);
    expect(placed[0].missing).toBe(placed[1].missing);
    expect(() => (placed[0].missing as string[]).push('changed')).toThrow(TypeError);
  });

  it('schools that need the same two fields share one list, apart from those that need one', () => {
    const p = tierAThenB({
      rules: [
        {
          name: 'both',
          when: {
            all: [
              { field: 'ofsted_overall', is: 4 },
              { field: 'leadership_capacity', is: 'insufficient' },
            ],
          },
        },
      ],
    });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', ofsted_overall: '', leadership_capacity: '' },
        { urn: '100002', name: 'B', ofsted_overall: '', leadership_capacity: '' },
        { urn: '100003', name: 'C', ofsted_overall: '4', leadership_capacity: '' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.missing)).toEqual([
      ['ofsted_overall', 'leadership_capacity'],
      ['ofsted_overall', 'leadership_capacity'],
      ['leadership_capacity'],
    ]);
    expect(placed[0].missing).toBe(placed[1].missing);
  });
});

describe('overrides', () => {
  const p = twoTiers({ field: 'ofsted_overall', is: 'Inadequate' });
  it('an override with a reason wins and is marked', () => {
    const [x] = classify(
      schools([
        { urn: '100001', name: 'A', ofsted_overall: 'Good', override_tier: 'high', override_reason: 'Board decision' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(x).toMatchObject({ tier: 'high', override: 'Board decision', reasons: ['Override: Board decision'] });
  });
  it('an override for another policy is ignored; one naming a tier this policy lacks is a data problem', () => {
    const result = classify(
      schools([
        { urn: '100001', name: 'A', ofsted_overall: 'Good', override_tier: 'other-policy:top', override_reason: 'x' },
        {
          urn: '100002',
          name: 'B',
          ofsted_overall: 'Good',
          override_tier: 'test:top; other:low',
          override_reason: 'y',
        },
      ]),
      p,
      { asOf },
    );
    expect(result.problems).toEqual([
      { line: 3, column: 'override_tier', message: '"top" is not a tier of policy test; expected one of high, low' },
    ]);
  });
});

describe('policy shape', () => {
  it('needs exactly one default tier, listed last, and unique ids', () => {
    const r = PolicySchema.safeParse({
      id: 't',
      name: 't',
      tiers: [
        { id: 'a', label: 'A', level: 1, days: 1, default: true },
        { id: 'a', label: 'B', level: 2, days: 1, rules: [{ name: 'r', when: { field: 'urn', present: true } }] },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([
      'the default tier "a" must be listed last: tiers after it could never be reached',
      'tier id "a" is used twice',
    ]);
  });
  it('an output field cannot take the name of a field every placement has (tier, urn, name, label, days, ...)', () => {
    const tiers = [
      { id: 'a', label: 'A', level: 2, days: 1, rules: [{ name: 'r', when: { field: 'urn', present: true } }] },
      { id: 'b', label: 'B', level: 1, days: 1, default: true },
    ];
    for (const name of ['tier', 'urn', 'name', 'label', 'days', 'days_text', 'reasons', 'missing', 'override']) {
      const r = PolicySchema.safeParse({ id: 't', name: 't', tiers, fields: { [name]: [{ value: 'x' }] } });
      expect(r.success).toBe(false);
      expect(r.error!.issues).toEqual([
        expect.objectContaining({
          path: ['fields', name],
          message: expect.stringContaining(`cannot be named "${name}"`),
        }),
      ]);
    }
    expect(PolicySchema.safeParse({ id: 't', name: 't', tiers, fields: { route: [{ value: 'x' }] } }).success).toBe(
      true,
    );
  });
  it('refuses unknown fields in a policy', () => {
    const r = PolicySchema.safeParse({
      id: 't',
      name: 't',
      colour: 'red',
      tiers: [
        { id: 'a', label: 'A', level: 2, days: 1, rules: [{ name: 'r', when: { field: 'urn', present: true } }] },
        { id: 'b', label: 'B', level: 1, days: 1, default: true },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].code).toBe('unrecognized_keys');
  });
});

describe('the text-free test agrees with the full evaluation', () => {
  it('for every rule and output field of every preset, on every fixture school', async () => {
    const { PRESETS } = await import('../../src/preset-texts.js');
    const { fixtureSchools, presetPolicy } = await import('../helpers/fixtures.js');
    const { compilePolicy } = await import('../../src/core/classify.js');
    const { trustSizes } = await import('../../src/core/facts.js');
    const all = fixtureSchools();
    const ctx = { asOf, trustSizes: trustSizes(all) };
    let compared = 0;
    for (const name of Object.keys(PRESETS)) {
      const compiled = compilePolicy(presetPolicy(name));
      const evaluators = [
        ...compiled.tiers.flatMap((t) => t.rules.map((r) => r.evaluate)),
        ...compiled.fields.flatMap(([, values]) => values.flatMap((v) => (v.evaluate ? [v.evaluate] : []))),
      ];
      for (const school of all) {
        for (const evaluate of evaluators) {
          expect(evaluate.test(school, ctx)).toBe(evaluate(school, ctx).outcome);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
