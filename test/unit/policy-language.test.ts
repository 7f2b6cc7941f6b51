// The rule language beyond single tests: counting, named definitions, arithmetic and comparisons
// between columns, declared values for extra columns. Every answer here is worked by hand.
import { describe, expect, it } from 'vitest';
import { PolicySchema, type Policy } from '../../src/core/policy.js';
import { classify } from '../../src/core/classify.js';
import { schools } from '../helpers/schools.js';
import { explanationText } from '../../src/io/explanation.js';

const asOf = '2026-09-01';

function policy(extra: Record<string, unknown>, when: unknown): Policy {
  return PolicySchema.parse({
    id: 'test',
    name: 'Test policy',
    tiers: [
      { id: 'high', label: 'High', level: 2, days: 5, rules: [{ name: 'the rule', when }] },
      { id: 'low', label: 'Low', level: 1, days: 1, default: true },
    ],
    ...extra,
  }) as Policy;
}

const areas = ['a1', 'a2', 'a3', 'a4', 'a5'];
const redIn = areas.map((a) => ({ field: a, is: 'red' }));

describe('count', () => {
  const twoOrMore = policy({}, { count: redIn, gte: 2 });
  it('"two or more of these five areas are red": true, false, and unknown only when the blanks could decide', () => {
    const placed = classify(
      schools([
        { urn: '100001', name: 'two red', a1: 'red', a2: 'red', a3: 'green', a4: 'green', a5: 'green' },
        { urn: '100002', name: 'one red', a1: 'red', a2: 'amber', a3: 'green', a4: 'green', a5: 'green' },
        { urn: '100003', name: 'one red, one blank', a1: 'red', a2: 'green', a3: 'green', a4: 'green' },
        { urn: '100004', name: 'two red, one blank', a1: 'red', a2: 'red', a3: 'green', a4: 'green' },
        { urn: '100005', name: 'none red, one blank', a1: 'green', a2: 'green', a3: 'green', a4: 'green' },
      ]),
      twoOrMore,
      { asOf },
    ).placements;
    // A blank a5 could make two reds for school 3 (needs data), cannot change school 4 (two already), nor school 5 (at most one).
    expect(placed.map((p) => p.tier)).toEqual(['high', 'low', null, 'high', 'low']);
    expect(placed[2].missing).toEqual(['a5']);
  });
  it('is explained in one line: how many held, and which', () => {
    const [p] = classify(
      schools([{ urn: '100001', name: 'A', a1: 'red', a2: 'green', a3: 'red', a4: 'green', a5: 'red' }]),
      twoOrMore,
      { asOf },
    ).placements;
    expect(p.reasons).toEqual(['the rule: at least 2 of these 5: 3 of 5 hold (a1 is red; a3 is red; a5 is red)']);
    const text = explanationText(p, twoOrMore, asOf, false);
    expect(text).toContain('yes  at least 2 of these 5: 3 of 5 hold\n');
    expect(text.split('\n').filter((l) => /^\s+(yes|no)\s+a\d is red\b/.test(l)).length).toBe(5); // one line per area, not per pair
  });
  it('"just one or two areas of weakness": gte and lte together, and exactly', () => {
    const oneOrTwo = policy(
      {},
      {
        all: [
          { count: redIn, gte: 1 },
          { count: redIn, lte: 2 },
        ],
      },
    );
    const exactlyOne = policy({}, { count: redIn, is: 1 });
    const rows = schools([
      { urn: '100001', name: 'none', a1: 'green', a2: 'green', a3: 'green', a4: 'green', a5: 'green' },
      { urn: '100002', name: 'one', a1: 'red', a2: 'green', a3: 'green', a4: 'green', a5: 'green' },
      { urn: '100003', name: 'three', a1: 'red', a2: 'red', a3: 'red', a4: 'green', a5: 'green' },
    ]);
    expect(classify(rows, oneOrTwo, { asOf }).placements.map((p) => p.tier)).toEqual(['low', 'high', 'low']);
    expect(classify(rows, exactlyOne, { asOf }).placements.map((p) => p.tier)).toEqual(['low', 'high', 'low']);
  });
  it('needs exactly one of is/gte/lte/gt/lt, and no more than it lists', () => {
    expect(
      PolicySchema.safeParse({
        id: 't',
        name: 't',
        tiers: [
          { id: 'a', label: 'A', level: 2, days: 1, rules: [{ name: 'r', when: { count: redIn, gte: 6 } }] },
          { id: 'b', label: 'B', level: 1, days: 1, default: true },
        ],
      }).error!.issues.map((i) => i.message),
    ).toEqual(['count: 6 is more than the 5 conditions listed']);
  });
});

describe('definitions', () => {
  const definitions = {
    ri_or_below: {
      label: 'Requires Improvement or below',
      when: {
        any: [
          { field: 'ofsted_overall', in: ['RI', 'Inadequate'] },
          { field: 'rc_leadership_governance', in: ['Needs attention', 'Urgent improvement'] },
        ],
      },
    },
    attendance_rating: {
      label: 'attendance rating',
      cases: [
        { value: 'red', when: { field: 'attendance_pct', lt: 90 } },
        { value: 'amber', when: { field: 'attendance_pct', lt: 94 } },
      ],
      else: 'green',
    },
    attendance_change: {
      label: 'change in attendance since last year',
      calc: { minus: ['attendance_pct', 'attendance_last_year'] },
    },
  };
  it('a named condition is used by name, and reads with its label', () => {
    const p = policy({ definitions }, { use: 'ri_or_below' });
    const placed = classify(
      schools([
        { urn: '100001', name: 'RI', ofsted_overall: 'RI', rc_leadership_governance: 'Expected standard' },
        { urn: '100002', name: 'Good', ofsted_overall: 'Good', rc_leadership_governance: 'Expected standard' },
        { urn: '100003', name: 'Good?', ofsted_overall: 'Good' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low', null]);
    expect(placed[0].reasons).toEqual([
      'the rule: Requires Improvement or below: Ofsted overall effectiveness is Requires improvement or Inadequate: Requires improvement',
    ]);
    expect(placed[2].missing).toEqual(['rc_leadership_governance']);
    expect(explanationText(placed[0], p, asOf, false)).toContain('yes  Requires Improvement or below:\n');
  });
  it('a value chosen by cases, read by value:, feeds a count (an area rating rolled up)', () => {
    const p = policy(
      { definitions },
      {
        count: [
          { value: 'attendance_rating', is: 'red' },
          { field: 'a1', is: 'red' },
        ],
        gte: 2,
      },
    );
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', attendance_pct: '89.9', a1: 'red' },
        { urn: '100002', name: 'B', attendance_pct: '90', a1: 'red' },
        { urn: '100003', name: 'C', a1: 'red' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low', null]);
    expect(placed[0].reasons[0]).toContain('attendance rating is red: red (attendance % below 90: 89.9)');
    expect(placed[2].missing).toEqual(['attendance_pct']);
  });
  it('a derived number: this year minus last year', () => {
    const p = policy({ definitions }, { value: 'attendance_change', lte: -2.3 });
    const placed = classify(
      schools([
        { urn: '100001', name: 'fell 2.3', attendance_pct: '91.2', attendance_last_year: '93.5' },
        { urn: '100002', name: 'fell 2.2', attendance_pct: '91.3', attendance_last_year: '93.5' },
        { urn: '100003', name: 'no last year', attendance_pct: '91.3' },
      ]),
      p,
      { asOf },
    ).placements;
    // 91.2 - 93.5 = -2.3 exactly (not the -2.2999... of floating point), so at most -2.3 holds.
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low', null]);
    expect(placed[0].reasons).toEqual([
      'the rule: change in attendance since last year at most -2.3: -2.3 (91.2 - 93.5)',
    ]);
    expect(placed[2].missing).toEqual(['attendance_last_year']);
  });
  it('unknown names, conditions read as values, and definitions defined by themselves are config errors', () => {
    const bad = (defs: unknown, when: unknown) =>
      PolicySchema.safeParse({
        id: 't',
        name: 't',
        definitions: defs,
        tiers: [
          { id: 'a', label: 'A', level: 2, days: 1, rules: [{ name: 'r', when }] },
          { id: 'b', label: 'B', level: 1, days: 1, default: true },
        ],
      }).error!.issues.map((i) => i.message);
    expect(bad({}, { use: 'nope' })).toEqual(['no definition named "nope" under definitions; known: none']);
    expect(bad(definitions, { value: 'ri_or_below', is: true })).toEqual([
      '"ri_or_below" is a condition: test it with "use: ri_or_below", not as a value',
    ]);
    expect(bad(definitions, { value: 'attendance_rating', is: 'rde' })).toEqual([
      '"rde" is not one of the values of attendance_rating: red, amber, green',
    ]);
    expect(bad({ x: { when: { use: 'y' } }, y: { when: { use: 'x' } } }, { use: 'x' })).toEqual([
      '"x" is defined by itself (x -> y -> x)',
    ]);
  });
  it("a rule may read the policy's own output field, unless it depends on the tier", () => {
    const fields = { phase_group: [{ value: 'primary', when: { field: 'phase', is: 'primary' } }, { value: 'other' }] };
    const p = policy({ fields }, { value: 'phase_group', is: 'primary' });
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', phase: 'primary' },
        { urn: '100002', name: 'B', phase: 'secondary' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low']);
    const byTier = PolicySchema.safeParse({
      id: 't',
      name: 't',
      fields: { route: [{ value: 'x', tiers: ['a'] }] },
      tiers: [
        { id: 'a', label: 'A', level: 2, days: 1, rules: [{ name: 'r', when: { value: 'route', is: 'x' } }] },
        { id: 'b', label: 'B', level: 1, days: 1, default: true },
      ],
    });
    expect(byTier.error!.issues.map((i) => i.message)).toEqual([
      'the output field "route" depends on the tier (tiers:), which the rules decide; a rule cannot read it',
    ]);
    const maybeNone = PolicySchema.safeParse({
      id: 't',
      name: 't',
      fields: { group: [{ value: 'x', when: { field: 'phase', is: 'primary' } }] },
      tiers: [
        { id: 'a', label: 'A', level: 2, days: 1, rules: [{ name: 'r', when: { value: 'group', is: 'x' } }] },
        { id: 'b', label: 'B', level: 1, days: 1, default: true },
      ],
    });
    expect(maybeNone.error!.issues.map((i) => i.message)).toEqual([
      'a rule reads the output field "group", which can be left without a value: give its last value no when, so every school has one',
    ]);
  });
});

describe('comparisons between columns and arithmetic', () => {
  it('a column against another column', () => {
    const p = policy({}, { field: 'attainment_pct', lt: { field: 'attainment_last_year' } });
    const placed = classify(
      schools([
        { urn: '100001', name: 'fell', attainment_pct: '58', attainment_last_year: '61' },
        { urn: '100002', name: 'same', attainment_pct: '61', attainment_last_year: '61' },
        { urn: '100003', name: 'no last year', attainment_pct: '61' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low', null]);
    expect(placed[0].reasons).toEqual(['the rule: attainment % below attainment_last_year: 58 against 61']);
    expect(placed[2].missing).toEqual(['attainment_last_year']);
  });
  it('a three-year trend: fell two years running, and the mean of three years', () => {
    const fellTwice = policy(
      {},
      {
        all: [
          { field: 'att_2024', lt: { field: 'att_2023' } },
          { field: 'att_2025', lt: { field: 'att_2024' } },
        ],
      },
    );
    const meanBelow = policy({}, { calc: { mean: ['att_2023', 'att_2024', 'att_2025'] }, lt: 92 });
    const rows = schools([
      { urn: '100001', name: 'down, down', att_2023: '94', att_2024: '93', att_2025: '88' },
      { urn: '100002', name: 'down, up', att_2023: '94', att_2024: '91', att_2025: '92' },
    ]);
    expect(classify(rows, fellTwice, { asOf }).placements.map((x) => x.tier)).toEqual(['high', 'low']);
    // (94 + 93 + 88) / 3 = 91.67 < 92; (94 + 91 + 92) / 3 = 92.33.
    expect(classify(rows, meanBelow, { asOf }).placements.map((x) => x.tier)).toEqual(['high', 'low']);
  });
  it('a value that is not a number, in arithmetic, needs data naming the column', () => {
    const p = policy({}, { calc: { minus: ['att_2025', 'att_2024'] }, lt: 0 });
    const [x] = classify(schools([{ urn: '100001', name: 'A', att_2025: 'n/k', att_2024: '93' }]), p, {
      asOf,
    }).placements;
    expect(x).toMatchObject({ tier: null, missing: ['att_2025'] });
  });
});

describe('declared values for extra columns', () => {
  const p = policy(
    { columns: { ksna_staffing: ['green', 'amber', 'red'], budget_deficit: 'number' } },
    { field: 'ksna_staffing', is: 'red', if_blank: false },
  );
  it('an undeclared value is a data error with its line and column; a blank is allowed', () => {
    const result = classify(
      schools([
        { urn: '100001', name: 'A', ksna_staffing: 'Red', budget_deficit: '12000' },
        { urn: '100002', name: 'B', ksna_staffing: 'rde' },
        { urn: '100003', name: 'C', budget_deficit: 'lots' },
        { urn: '100004', name: 'D' },
      ]),
      p,
      { asOf },
    );
    expect(result.problems).toEqual([
      {
        line: 3,
        column: 'ksna_staffing',
        message:
          '"rde" is not a declared value of ksna_staffing; expected green, amber, red (or blank), as columns: in the config says',
      },
      { line: 4, column: 'budget_deficit', message: '"lots" is not a number (columns: budget_deficit: number)' },
    ]);
    expect(result.placements).toEqual([]);
  });
  it('a rule testing an undeclared value is a config error', () => {
    const r = PolicySchema.safeParse({
      id: 't',
      name: 't',
      columns: { ksna_staffing: ['green', 'amber', 'red'] },
      tiers: [
        {
          id: 'a',
          label: 'A',
          level: 2,
          days: 1,
          rules: [{ name: 'r', when: { field: 'KSNA staffing', in: ['red', 'rde'] } }],
        },
        { id: 'b', label: 'B', level: 1, days: 1, default: true },
      ],
    });
    expect(r.error!.issues.map((i) => i.message)).toEqual([
      '"rde" is not one of the values of KSNA staffing: green, amber, red',
    ]);
  });
});

describe('the README rule-language reference', () => {
  it('its definitions example is a policy that parses and places schools as it says', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Definitions'));
    const yaml = section.slice(
      section.indexOf('```yaml\n') + 8,
      section.indexOf('```\n', section.indexOf('```yaml\n') + 8),
    );
    const p = PolicySchema.parse({
      id: 'readme',
      name: 'README example',
      national: { attendance_pct: { default: 92.9 } },
      ...parse(yaml),
    }) as Policy;
    const placed = classify(
      schools([
        {
          urn: '100001',
          name: 'fell 2.5',
          ofsted_overall: 'Good',
          rc_leadership_governance: 'Expected standard',
          attendance_pct: '91',
          attendance_last_year: '93.5',
        },
        {
          urn: '100002',
          name: 'steady',
          ofsted_overall: 'Good',
          rc_leadership_governance: 'Expected standard',
          attendance_pct: '93',
          attendance_last_year: '93.5',
        },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['intensive', 'universal']);
  });
});

describe('numbers written in a rule and read from a column', () => {
  it('"4" in a column (or a case value) is the 4 a rule writes', () => {
    const p = policy(
      { definitions: { group: { cases: [{ value: 4, when: { field: 'standards_group', is: 4 } }], else: 1 } } },
      { value: 'group', is: 4 },
    );
    const placed = classify(
      schools([
        { urn: '100001', name: 'A', standards_group: '4' },
        { urn: '100002', name: 'B', standards_group: '3' },
      ]),
      p,
      { asOf },
    ).placements;
    expect(placed.map((x) => x.tier)).toEqual(['high', 'low']);
  });
});
