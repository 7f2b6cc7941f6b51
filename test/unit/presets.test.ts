// Every preset places every fixture school as its source document says (the documents are in
// presets/sources/, mapped in its README). Each group of expectations quotes the line of the
// source that makes it right; where the preset had to choose (a threshold, a reading), the group
// says "sit's choice" and names the choice, as the preset's `choice:` does. Boundaries are tested
// on hand-made schools one step either side. As of 2026-09-01 throughout.
import { describe, expect, it } from 'vitest';
import { classify, type Placement } from '../../src/core/classify.js';
import type { Evaluation } from '../../src/core/conditions.js';
import { toSchools } from '../../src/core/school.js';
import { PRESETS } from '../../src/preset-texts.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';

const asOf = '2026-09-01';
const schools = fixtureSchools();

function placements(preset: string) {
  const result = classify(schools, presetPolicy(preset), { asOf });
  expect(result.problems).toEqual([]);
  return new Map(result.placements.map((p) => [p.school.urn, p]));
}

/** Expected tier for each URN, grouped by the rule that decides it. */
function expectTiers(preset: string, groups: { because: string; tier: string | null; urns: number[] }[]) {
  const placed = placements(preset);
  const covered = groups.flatMap((g) => g.urns).sort();
  expect(covered).toEqual([...placed.keys()].sort()); // every fixture school is accounted for
  for (const group of groups) {
    for (const urn of group.urns) {
      expect({ urn, tier: placed.get(urn)!.tier, because: group.because }).toEqual({
        urn,
        tier: group.tier,
        because: group.because,
      });
    }
  }
  return placed;
}

/** A Good primary school with nothing of concern, changed by `change`: the base of every boundary case. */
const BASE: Record<string, string> = {
  urn: '199001',
  name: 'Boundary Primary School',
  phase: 'primary',
  trust: '',
  ofsted_overall: 'Good',
  ofsted_date: '2023-03-01',
  previous_ofsted_overall: 'Good',
  previous_ofsted_date: '2018-03-01',
  attendance_pct: '95.0',
  persistent_absence_pct: '13.0',
  attainment_pct: '65',
  progress_score: '0.2',
  suspension_rate_pct: '1.0',
  permanent_exclusions: '0',
  staff_turnover_pct: '10',
  headteacher_start: '2018-09-01',
  leadership_capacity: 'self-improving',
  safeguarding_effective: 'yes',
  governance_effective: 'yes',
  finance_concern: 'no',
};

function place(preset: string, change: Record<string, string>): Placement {
  const row = { ...BASE, ...change };
  const headers = Object.keys(row);
  const { schools: made, problems } = toSchools(headers, [{ line: 2, cells: headers.map((h) => row[h]) }]);
  expect(problems).toEqual([]);
  const result = classify(made, presetPolicy(preset), { asOf });
  expect(result.problems).toEqual([]);
  return result.placements[0];
}
const tierOf = (preset: string, change: Record<string, string>) => place(preset, change).tier;
/** The words of every test under a condition. */
const leaves = (e: Evaluation): string[] => (e.op === 'test' ? [e.text] : (e.children ?? []).flatMap(leaves));

describe('every preset is a valid policy', () => {
  it.each(Object.keys(PRESETS))('%s loads and validates', (name) => {
    expect(presetPolicy(name).id).toBe(name);
  });
});

describe('dfe-tsio-2023', () => {
  it('places each fixture school as the offer says', () => {
    const placed = expectTiers('dfe-tsio-2023', [
      {
        because:
          '"Schools that receive 2 or more consecutive \'requires improvement\' Ofsted judgements, with the latest one in 2023 to 2024": RI 11/10/2023 after RI 2021; RI 06/12/2023 after RI 2021; RI 12/06/2024 after RI 2022; RI 22/05/2024 after RI 2020',
        tier: 'eligible',
        urns: [100004, 100008, 100017, 100024],
      },
      {
        because:
          '"Schools that receive a single \'inadequate\' Ofsted judgement in 2023 to 2024": Inadequate 07/02/2024',
        tier: 'eligible',
        urns: [100005],
      },
      {
        because:
          '"Regional directors will also retain the flexibility to offer support to any school": override with a reason',
        tier: 'eligible',
        urns: [100019],
      },
      { because: 'Inadequate in 2021/22, not "in 2023 to 2024" (05/05/2022)', tier: 'not-eligible', urns: [100006] },
      {
        because: 'one RI (20/03/2024) after a Good: not "2 or more consecutive"',
        tier: 'not-eligible',
        urns: [100007],
      },
      {
        because: 'latest graded Good or Outstanding: neither criterion',
        tier: 'not-eligible',
        urns: [
          100001, 100002, 100003, 100009, 100010, 100011, 100012, 100013, 100014, 100015, 100016, 100018, 100020,
          100021, 100022, 100023, 100026,
        ],
      },
      { because: 'never inspected: needs an overall grade', tier: null, urns: [100025] },
    ]);
    // "Multi-academy trusts with eligible 'requires improvement' schools" take the trust route;
    // "Standalone schools and academies: local authority-maintained schools, singleacademy trusts
    // ... (SATs) and multi-academy trusts (MATs) with only one school" the standalone route.
    expect(placed.get(100004)!.fields.route).toBe('trust'); // Kestrel Academies Trust, 8 schools in the file
    expect(placed.get(100024)!.fields.route).toBe('trust'); // Northbridge Learning Trust
    expect(placed.get(100019)!.fields.route).toBe('trust'); // added by the RD, Kestrel
    expect(placed.get(100005)!.fields.route).toBe('standalone'); // LA-maintained (no trust)
    expect(placed.get(100017)!.fields.route).toBe('standalone'); // LA-maintained
    expect(placed.get(100008)!.fields.route).toBe('standalone'); // Meadowvale: "MATs with only one school" (one in the file)
    expect(placed.get(100001)!.fields.route).toBeNull(); // not eligible: no route
    expect(placed.get(100004)!.days).toBe(10); // "up to 10 days' support and advice from a trust CEO"
    expect(placed.get(100004)!.daysText).toBe('up to 10');
    expect(placed.get(100025)!.missing).toEqual(['ofsted_overall', 'ofsted_date']);
    expect(placed.get(100019)!.override).toMatch(/regional director/);
  });

  it('"with the latest one in 2023 to 2024": sit\'s choice of the academic year, 1 September 2023 to 31 August 2024', () => {
    const ri = { ofsted_overall: 'RI', previous_ofsted_overall: 'RI' };
    expect(tierOf('dfe-tsio-2023', { ...ri, ofsted_date: '2023-08-31' })).toBe('not-eligible');
    expect(tierOf('dfe-tsio-2023', { ...ri, ofsted_date: '2023-09-01' })).toBe('eligible');
    expect(tierOf('dfe-tsio-2023', { ...ri, ofsted_date: '2024-08-31' })).toBe('eligible');
    expect(tierOf('dfe-tsio-2023', { ...ri, ofsted_date: '2024-09-01' })).toBe('not-eligible');
    expect(tierOf('dfe-tsio-2023', { ofsted_overall: 'Inadequate', ofsted_date: '2024-08-31' })).toBe('eligible');
  });
});

describe('four-tier', () => {
  it("places each fixture school by the tier descriptors (sit's choice: one descriptor is enough, from Stabilise down)", () => {
    const placed = expectTiers('four-tier', [
      {
        because:
          'Stabilise, sit\'s choice for "External data ... will inform the evidence base": Inadequate / in a category (SM, SWK)',
        tier: 'stabilise',
        urns: [100005, 100006],
      },
      { because: 'Stabilise: "Safeguarding arrangements are ineffective"', tier: 'stabilise', urns: [100013] },
      {
        because:
          'Stabilise: "Attendance and PA (well) below national averages": 89.8 vs 94.5 (primary) is 4.7 below, beyond 4',
        tier: 'stabilise',
        urns: [100014],
      },
      {
        because:
          'Stabilise: "Unstable leadership and/or ineffective governance fail to hold anyone to account": leadership insufficient (Pinecrest); governance not effective (Upton Meadows)',
        tier: 'stabilise',
        urns: [100016, 100021],
      },
      {
        because:
          'Stabilise: "High staff absence with difficulty to recruit or retain good staff": staff turnover 28% (Valley Road), 22% (Zephyr, not yet inspected), above 20%',
        tier: 'stabilise',
        urns: [100022, 100025],
      },
      {
        because:
          'Reinvent, sit\'s choice for "priorities that secure good against the Ofsted framework": Requires Improvement',
        tier: 'reinvent',
        urns: [100004, 100007, 100008, 100017, 100024],
      },
      {
        because:
          'Reinvent: "Leaders are taking actionable steps to improve culture and consistency": leadership needs support',
        tier: 'reinvent',
        urns: [100011],
      },
      {
        because:
          'Reinvent: national test data not "close to national averages" (Grow): 45 vs 61 is 16 below (more than 10)',
        tier: 'reinvent',
        urns: [100019],
      },
      {
        because:
          'Reinvent: "Attendance and PA are below national averages but improving": PA 31.5 vs 25.6 (secondary) is 5.9 above (more than 5)',
        tier: 'reinvent',
        urns: [100020],
      },
      {
        because:
          'Lead: "sustain outstanding" and "provides Trust wide capacity": Outstanding, supports others, attainment at or above national',
        tier: 'lead',
        urns: [100001, 100018, 100023],
      },
      {
        because:
          'Grow: judged Good, not Outstanding ("move the academy to outstanding"), though supporting others (Birchfield, Oakwood); or not supporting others',
        tier: 'grow',
        urns: [100002, 100003, 100009, 100010, 100012, 100015, 100026],
      },
    ]);
    expect(placed.get(100014)!.reasons[0]).toContain('-4.7 (89.8 vs national 94.5 for primary)');
    // The source states cadences, not days: never 0.
    expect(placed.get(100001)!.days).toBeNull();
  });

  it('ineffective governance is a Stabilise descriptor only ("Unstable leadership and/or ineffective governance")', () => {
    expect(tierOf('four-tier', { governance_effective: 'no' })).toBe('stabilise');
    expect(tierOf('four-tier', {})).toBe('grow');
  });

  it('"Attendance and PA (well) below national averages" (Stabilise) and "below national averages" (Reinvent): sit\'s choice of 4 and 2 points', () => {
    expect(tierOf('four-tier', { attendance_pct: '92.5' })).toBe('grow'); // exactly 2 below 94.5: close to national
    expect(tierOf('four-tier', { attendance_pct: '92.4' })).toBe('reinvent');
    expect(tierOf('four-tier', { attendance_pct: '90.5' })).toBe('reinvent'); // exactly 4 below
    expect(tierOf('four-tier', { attendance_pct: '90.4' })).toBe('stabilise');
  });

  it("persistent absence is tested for Stabilise too: sit's choice of more than 10 points above national (Reinvent: more than 5)", () => {
    expect(tierOf('four-tier', { persistent_absence_pct: '19.6' })).toBe('grow'); // exactly 5 above 14.6
    expect(tierOf('four-tier', { persistent_absence_pct: '19.7' })).toBe('reinvent');
    expect(tierOf('four-tier', { persistent_absence_pct: '24.6' })).toBe('reinvent'); // exactly 10 above
    expect(tierOf('four-tier', { persistent_absence_pct: '24.7' })).toBe('stabilise');
  });

  it('suspensions against national, not an absolute rate: "Fixed term exclusion may remain above national averages" (Reinvent), "exclusions are well above national averages" (Stabilise)', () => {
    expect(tierOf('four-tier', { suspension_rate_pct: '2.27' })).toBe('grow'); // the primary national rate, 2023/24
    expect(tierOf('four-tier', { suspension_rate_pct: '2.3' })).toBe('reinvent');
    expect(tierOf('four-tier', { suspension_rate_pct: '7.27' })).toBe('reinvent'); // exactly 5 above: sit's choice of "well above"
    expect(tierOf('four-tier', { suspension_rate_pct: '7.3' })).toBe('stabilise');
    // Under the old absolute 10% a secondary rate of 10.5 was "high". The preset enters only the primary
    // national rate (the all-schools rate is far below the secondary one): a secondary rate is not tested
    // until the trust enters the secondary figure (sit's choice, said in the rule).
    const secondary = { phase: 'secondary', attendance_pct: '92', persistent_absence_pct: '22', attainment_pct: '50' };
    expect(tierOf('four-tier', { ...secondary, suspension_rate_pct: '10.5' })).toBe('grow');
    expect(tierOf('four-tier', { ...secondary, suspension_rate_pct: '25' })).toBe('grow');
    // Not silent: sit explain shows the rate and that it was not compared, never "blank"; the rules and
    // the threshold say it is sit's choice. (No national rate for other phases is in ../shared/data or the sources.)
    const tests = (p: Placement) => p.trace.flatMap((t) => t.rules.flatMap((r) => leaves(r.evaluation)));
    const suspension = tests(place('four-tier', { ...secondary, suspension_rate_pct: '10.5' })).filter((t) =>
      t.startsWith('suspension rate % against national'),
    );
    expect(suspension).toHaveLength(2);
    for (const t of suspension)
      expect(t).toMatch(/: 10\.5, with no national figure for secondary in the policy, which counts as no$/);
    const blank = tests(place('four-tier', { ...secondary, suspension_rate_pct: '' })).filter((t) =>
      t.startsWith('suspension rate % against national'),
    );
    for (const t of blank) expect(t).toMatch(/: blank, which counts as no$/);
    const policy = presetPolicy('four-tier');
    expect(policy.thresholds.suspensions_above.choice).toMatch(/only the primary rate is entered/);
    const rules = policy.tiers.flatMap((t) => t.rules ?? []).filter((r) => /xclusion/.test(r.name));
    for (const rule of rules)
      expect(rule.choice).toMatch(/a phase with no national rate entered \(only primary's is\)/);
  });

  it('permanent exclusions: "exclusions are well above national averages" (Stabilise), sit\'s choice of more than 2 in the year', () => {
    expect(tierOf('four-tier', { permanent_exclusions: '2' })).toBe('grow');
    expect(tierOf('four-tier', { permanent_exclusions: '3' })).toBe('stabilise');
  });

  it('staff retention is a Stabilise descriptor ("difficulty to recruit or retain good staff"), sit\'s choice of turnover above 20%', () => {
    expect(tierOf('four-tier', { staff_turnover_pct: '20' })).toBe('grow');
    expect(tierOf('four-tier', { staff_turnover_pct: '20.1' })).toBe('stabilise');
  });

  it('"National test data is close to national averages" (Grow): sit\'s choice, not close when more than 10 points below', () => {
    expect(tierOf('four-tier', { attainment_pct: '51' })).toBe('grow'); // exactly 10 below 61
    expect(tierOf('four-tier', { attainment_pct: '50.9' })).toBe('reinvent');
  });

  it('Lead: "provides Trust wide capacity" and "sustain outstanding", students "consistently achieve highly" (at or above national: sit\'s choice)', () => {
    const lead = { ofsted_overall: 'Outstanding', leadership_capacity: 'supports-others' };
    expect(tierOf('four-tier', { ...lead, attainment_pct: '61' })).toBe('lead');
    expect(tierOf('four-tier', { ...lead, attainment_pct: '60.9' })).toBe('grow');
    expect(tierOf('four-tier', { ...lead, ofsted_overall: 'Good' })).toBe('grow'); // "move the academy to outstanding"
  });

  it("explains each choice as sit's, apart from the source", () => {
    const p = place('four-tier', { staff_turnover_pct: '25' });
    const rule = p.trace[0].rules.find((r) => r.rule === 'Difficulty to retain good staff')!;
    expect(rule.source).toBe('High staff absence with difficulty to recruit or retain good staff');
    expect(rule.choice).toMatch(/blank staff turnover/);
    expect(p.choices.join(' ')).toMatch(/any one Stabilise descriptor/);
  });
});

describe('rlt-categories', () => {
  it('places each fixture school by the criteria for allocating support', () => {
    const placed = expectTiers('rlt-categories', [
      {
        because: 'D: "(OFSTED rating Requires Improvement or below.)"',
        tier: 'D',
        urns: [100004, 100005, 100006, 100007, 100008, 100017, 100024],
      },
      {
        because: 'D: "Insufficient capacity to improve own school without Leadership or Executive Support"',
        tier: 'D',
        urns: [100016],
      },
      {
        because:
          'C: "Sufficient capacity to improve own school – some support required from the Trust" (needs-support)',
        tier: 'C',
        urns: [100011, 100014],
      },
      {
        because:
          'C: "New leadership team", sit\'s choice of a head in post under two years: 1.4 years (Larkspur), 0.7 years with capacity to support others (Oakwood)',
        tier: 'C',
        urns: [100012, 100015],
      },
      { because: 'override by the Trust Board with a reason', tier: 'C', urns: [100018] },
      {
        because: 'A: "Capacity to improve themselves or others (OFSTED rating Outstanding or Good)"',
        tier: 'A',
        urns: [100001, 100002, 100023],
      },
      {
        because:
          'B: "Capacity to improve own school and some capacity to support others (OFSTED rating Outstanding or Good)" (the default)',
        tier: 'B',
        urns: [100003, 100009, 100010, 100013, 100019, 100020, 100021, 100022, 100026],
      },
      { because: 'never inspected', tier: null, urns: [100025] },
    ]);
    expect(placed.get(100001)!.daysText).toBe('12 (2 per term)'); // A: "12 days 2 per term"
    expect(placed.get(100003)!.days).toBeNull(); // B: the days cell is blank in the source
    expect(placed.get(100003)!.daysText).toMatch(
      /^no set number of days: .*\(sit's choice: left blank, never counted as 0\)$/,
    );
    expect(placed.get(100011)!.daysText).toBe('up to 15'); // C: "Up to 15 days"
    expect(placed.get(100016)!.days).toBeNull(); // D: "Weekly or fortnightly support dependent upon need"
    expect(placed.get(100018)!.override).toMatch(/interim head/);
    expect(placed.get(100018)!.reasons).toEqual([expect.stringMatching(/^Override: /)]);
  });

  it('"(Head teachers new to the role)" (D) and "New leadership team" (C): sit\'s choice of under one and under two years', () => {
    // 300 days in post: new to the role; with leadership needing support, D; capable of supporting others, C.
    expect(tierOf('rlt-categories', { headteacher_start: '2025-11-05', leadership_capacity: 'needs-support' })).toBe(
      'D',
    );
    expect(tierOf('rlt-categories', { headteacher_start: '2025-11-05', leadership_capacity: 'supports-others' })).toBe(
      'C',
    );
    // 500 days: not new to the role, but a new leadership team.
    expect(tierOf('rlt-categories', { headteacher_start: '2025-04-19' })).toBe('C');
    // Three years: neither; Good and self-improving is B.
    expect(tierOf('rlt-categories', { headteacher_start: '2023-09-01' })).toBe('B');
    expect(tierOf('rlt-categories', { headteacher_start: '2023-09-01', leadership_capacity: 'supports-others' })).toBe(
      'A',
    );
  });
});

describe('equals-categories', () => {
  it('places each fixture school in categories 1, 2a, 2b, 3, 4', () => {
    const placed = expectTiers('equals-categories', [
      {
        because:
          '4: "These schools are judged to be inadequate overall ... These schools are already in an Ofsted category"',
        tier: '4',
        urns: [100005, 100006],
      },
      {
        because:
          '3: "These schools \'Require Improvement\'" (Greenway, RI after Good, is not close to Good: attainment 54 vs 61 is 7 below)',
        tier: '3',
        urns: [100004, 100007, 100008, 100017, 100024],
      },
      {
        because: '1: "These schools will have received an outstanding judgement for overall effectiveness from Ofsted"',
        tier: '1',
        urns: [100001, 100012, 100018, 100023],
      },
      {
        because:
          "2b: \"previously been judged to be 'good' but are in decline\": Good after Outstanding (sit's choice: a fall from Outstanding is decline)",
        tier: '2b',
        urns: [100009],
      },
      {
        because:
          '2b: in decline, achievement not "close to or above national figures" (sit\'s choice, more than 5 below): 39 vs 45.9, 45 vs 61',
        tier: '2b',
        urns: [100010, 100019],
      },
      {
        because:
          '2a: "judged to have a good Overall Effectiveness ... Achievement is close to or above national figures" (Northgate: attendance is not in the category descriptions; Thornbury likewise)',
        tier: '2a',
        urns: [100002, 100003, 100011, 100013, 100014, 100015, 100016, 100020, 100021, 100022, 100026],
      },
      { because: 'never inspected', tier: null, urns: [100025] },
    ]);
    // "school's at risk of entering an ofsted category or in an ofsted category to follow the 'Corrective'"
    expect(placed.get(100005)!.fields.strand).toBe('corrective');
    expect(placed.get(100004)!.fields.strand).toBe('corrective');
    // "school's judged by ofsted to be good and outstanding ... follow the 'Preventative'"
    expect(placed.get(100009)!.fields.strand).toBe('preventative');
    // "Up to 3 days" / "Up to 3 days" / "Up to 5 days" / "Up to 7 days" / "Up to 10 days"
    expect(['1', '2a', '2b', '3', '4'].map((id) => [...placed.values()].find((p) => p.tier === id)!.days)).toEqual([
      3, 3, 5, 7, 10,
    ]);
  });

  it("2b: \"judged to require improvement, but are believed to be close to being judged as 'Good'\" (sit's choice of the reading)", () => {
    const ri = { ofsted_overall: 'RI', ofsted_date: '2024-03-01', previous_ofsted_overall: 'Good' };
    const close = place('equals-categories', { ...ri, attainment_pct: '56', attendance_pct: '93.0' }); // exactly 5 and 1.5 below
    expect(close.tier).toBe('2b');
    expect(close.days).toBe(5);
    expect(close.fields.strand).toBe('corrective'); // not "remaining good/outstanding"
    expect(tierOf('equals-categories', { ...ri, attainment_pct: '55.9', attendance_pct: '93.0' })).toBe('3');
    expect(tierOf('equals-categories', { ...ri, attainment_pct: '56', attendance_pct: '92.9' })).toBe('3');
    expect(tierOf('equals-categories', { ...ri, previous_ofsted_overall: 'RI', attainment_pct: '70' })).toBe('3'); // not "previously been judged to be 'good'"
  });

  it("report cards (sit's mapping, no overall grade): an area at Needs attention is 2b; Leadership and governance at Needs attention is 3", () => {
    const card = {
      rc_date: '2026-01-20',
      rc_inclusion: 'Expected standard',
      rc_curriculum_teaching: 'Needs attention',
      rc_achievement: 'Expected standard',
      rc_attendance_behaviour: 'Expected standard',
      rc_personal_development: 'Strong standard',
      rc_leadership_governance: 'Expected standard',
      rc_safeguarding: 'Met',
    };
    expect(tierOf('equals-categories', card)).toBe('2b');
    expect(tierOf('equals-categories', { ...card, rc_leadership_governance: 'Needs attention' })).toBe('3');
    expect(
      tierOf('equals-categories', {
        ...card,
        rc_curriculum_teaching: 'Strong standard',
        rc_inclusion: 'Strong standard',
        rc_achievement: 'Strong standard',
        rc_attendance_behaviour: 'Exceptional',
        rc_leadership_governance: 'Strong standard',
      }),
    ).toBe('1');
  });

  it('2b "in decline" against 2a "close to or above national figures": sit\'s choice of 5 points; Outstanding to Good is decline by sit\'s choice', () => {
    expect(tierOf('equals-categories', { attainment_pct: '56' })).toBe('2a'); // exactly 5 below 61
    expect(tierOf('equals-categories', { attainment_pct: '55.9' })).toBe('2b');
    expect(tierOf('equals-categories', { attendance_pct: '90' })).toBe('2a'); // attendance is not in the category descriptions
    const declined = place('equals-categories', { previous_ofsted_overall: 'Outstanding' });
    expect(declined.tier).toBe('2b');
    expect(declined.reasons.join(' ')).toMatch(/sit's choice/);
    expect(declined.choices.join(' ')).toMatch(/a fall from Outstanding to Good is sit's reading of decline/);
  });
});

describe('ult-core-second-tier', () => {
  it('gives second-tier support where the school is "not performing in line with expectations, for example, in their outcomes, inspection judgement, leadership, finance"', () => {
    const placed = expectTiers('ult-core-second-tier', [
      {
        because: 'inspection judgement below Good',
        tier: 'second-tier',
        urns: [100004, 100005, 100006, 100007, 100008, 100017, 100024],
      },
      {
        because:
          'outcomes: short of "the top 20% of schools nationally" by being below national (sit\'s choice): 39 vs 45.9, 45 vs 61, 60 vs 61 (Ivybridge), 44 vs 45.9 (Thornbury)',
        tier: 'second-tier',
        urns: [100009, 100010, 100019, 100020],
      },
      {
        because:
          'leadership (needs support, insufficient); Zephyr is placed on leadership alone although it has no inspection',
        tier: 'second-tier',
        urns: [100011, 100014, 100016, 100025],
      },
      { because: 'finance (finance_concern: yes)', tier: 'second-tier', urns: [100022] },
      {
        because: '"All schools in ULT are provided with a level of core support"',
        tier: 'core',
        urns: [100001, 100002, 100003, 100012, 100013, 100015, 100018, 100021, 100023, 100026],
      },
    ]);
    // "Any school requiring external second tier support will be expected to pay for this from school funds."
    expect(placed.get(100004)!.fields.paid_by).toBe('school funds');
    expect(placed.get(100001)!.fields.paid_by).toBe('trust');
    // "a Raising Achievement Board (RAB) where there is educational cause for concern": not for finance alone.
    expect(placed.get(100004)!.fields.educational_concern).toBe('yes');
    expect(placed.get(100025)!.fields.educational_concern).toBe('yes');
    expect(placed.get(100022)!.fields.educational_concern).toBe('no');
    expect(placed.get(100001)!.fields.educational_concern).toBe('no');
  });

  it('one definition, newer_inspection_ri_or_below, decides "inspection judgement" for report cards and 2024/25 inspections, for the second tier and the Raising Achievement Board alike', () => {
    // Written once (no copy to drift): the rule and the educational_concern field both use it.
    const policy = presetPolicy('ult-core-second-tier');
    const uses = JSON.stringify(policy).match(/"use":"newer_inspection_ri_or_below"/g) ?? [];
    expect(uses).toHaveLength(2);
    const card = {
      rc_date: '2026-01-20',
      rc_inclusion: 'Expected standard',
      rc_curriculum_teaching: 'Expected standard',
      rc_achievement: 'Expected standard',
      rc_attendance_behaviour: 'Expected standard',
      rc_personal_development: 'Expected standard',
      rc_leadership_governance: 'Expected standard',
      rc_safeguarding: 'Met',
    };
    const sub = {
      ofsted_overall: '',
      ofsted_date: '2025-01-15',
      ofsted_quality_of_education: 'Good',
      ofsted_leadership_management: 'Good',
    };
    // "not performing in line with expectations, for example, in their ... inspection judgement":
    // each arm of sit's mapping places the school in the second tier, with a Raising Achievement Board
    // ("where there is educational cause for concern"); the school just short of each arm does not.
    const cases: [Record<string, string>, string, string][] = [
      [card, 'core', 'no'],
      [{ ...card, rc_leadership_governance: 'Needs attention' }, 'second-tier', 'yes'],
      [{ ...card, rc_achievement: 'Urgent improvement' }, 'second-tier', 'yes'],
      [{ ...card, rc_safeguarding: 'Not met' }, 'second-tier', 'yes'],
      [sub, 'core', 'no'],
      [{ ...sub, ofsted_quality_of_education: 'RI' }, 'second-tier', 'yes'],
      [{ ...sub, ofsted_leadership_management: 'Inadequate' }, 'second-tier', 'yes'],
    ];
    for (const [change, tier, concern] of cases) {
      const p = place('ult-core-second-tier', change);
      expect({ change, tier: p.tier, concern: p.fields.educational_concern }).toEqual({ change, tier, concern });
      if (tier === 'second-tier')
        expect(p.reasons[0]).toMatch(
          /^Inspection below the expected standard \(report card or 2024\/25 inspection\): Requires Improvement or below at a report card or 2024\/25 inspection \(sit's mapping\): /,
        );
    }
  });

  it('outcomes against "the top 20% of schools nationally": sit\'s choice, below the national figure is not in line', () => {
    expect(tierOf('ult-core-second-tier', { attainment_pct: '61' })).toBe('core');
    expect(tierOf('ult-core-second-tier', { attainment_pct: '60.9' })).toBe('second-tier');
  });
});
