// Every preset places every fixture school as its source document says. Each group of
// expectations cites the sentence of the source (as summarised in SPEC section 2 and quoted in
// the preset's `source:` lines) that makes it right. As of 2026-09-01 throughout.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { PRESETS } from '../../src/presets.js';
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
      expect({ urn, tier: placed.get(urn)!.tier, because: group.because }).toEqual({ urn, tier: group.tier, because: group.because });
    }
  }
  return placed;
}

describe('every preset is a valid policy', () => {
  it.each(Object.keys(PRESETS))('%s loads and validates', (name) => {
    expect(presetPolicy(name).id).toBe(name);
  });
});

describe('dfe-tsio-2023', () => {
  it('places each fixture school as the offer says', () => {
    const placed = expectTiers('dfe-tsio-2023', [
      { because: '"2 or more consecutive Requires Improvement judgements, with the latest in the 2023/24 academic year": RI 11/10/2023 after RI 2021; RI 06/12/2023 after RI 2021; RI 12/06/2024 after RI 2022; RI 22/05/2024 after RI 2020', tier: 'eligible', urns: [100004, 100008, 100017, 100024] },
      { because: '"judged Inadequate in the 2023/24 academic year": Inadequate 07/02/2024', tier: 'eligible', urns: [100005] },
      { because: '"any school may be added by the regional director": override with a reason', tier: 'eligible', urns: [100019] },
      { because: 'Inadequate in 2021/22, not 2023/24 (05/05/2022)', tier: 'not-eligible', urns: [100006] },
      { because: 'one RI (20/03/2024) after a Good: not two consecutive', tier: 'not-eligible', urns: [100007] },
      { because: 'latest graded Good or Outstanding', tier: 'not-eligible', urns: [100001, 100002, 100003, 100009, 100010, 100011, 100012, 100013, 100014, 100015, 100016, 100018, 100020, 100021, 100022, 100023, 100026] },
      { because: 'never inspected: needs an overall grade', tier: null, urns: [100025] },
    ]);
    // Route: "standalone school (LA-maintained, single-academy trust, MAT with one school) or trust (MAT with eligible schools)".
    expect(placed.get(100004)!.fields.route).toBe('trust'); // Kestrel Academies Trust, 8 schools in the file
    expect(placed.get(100024)!.fields.route).toBe('trust'); // Northbridge Learning Trust
    expect(placed.get(100019)!.fields.route).toBe('trust'); // added by the RD, Kestrel
    expect(placed.get(100005)!.fields.route).toBe('standalone'); // LA-maintained (no trust)
    expect(placed.get(100017)!.fields.route).toBe('standalone'); // LA-maintained
    expect(placed.get(100008)!.fields.route).toBe('standalone'); // Meadowvale: a MAT with one school here
    expect(placed.get(100001)!.fields.route).toBeNull(); // not eligible: no route
    expect(placed.get(100004)!.days).toBe(10); // "up to 10 days of support from a trust CEO"
    expect(placed.get(100004)!.daysText).toBe('up to 10');
    expect(placed.get(100025)!.missing).toEqual(['ofsted_overall', 'ofsted_date']);
    expect(placed.get(100019)!.override).toMatch(/regional director/);
  });
});

describe('four-tier', () => {
  it('places each fixture school by the tier descriptors', () => {
    const placed = expectTiers('four-tier', [
      { because: 'Tier 4 Stabilise: Inadequate / in a category (SM, SWK)', tier: 'stabilise', urns: [100005, 100006] },
      { because: 'Tier 4 descriptor safeguarding: safeguarding not effective', tier: 'stabilise', urns: [100013] },
      { because: 'Tier 4 descriptor attendance: 89.8 vs national 94.5 (primary) is 4.7 below, beyond the 4-point threshold', tier: 'stabilise', urns: [100014] },
      { because: 'Tier 4 descriptor leadership: leadership capacity insufficient', tier: 'stabilise', urns: [100016] },
      { because: 'Tier 3 Reinvent: Requires Improvement', tier: 'reinvent', urns: [100004, 100007, 100008, 100017, 100024] },
      { because: 'Tier 3 descriptor leadership: needs support', tier: 'reinvent', urns: [100011] },
      { because: 'Tier 3 descriptor national test data: 45 vs 61 is 16 below (more than 10)', tier: 'reinvent', urns: [100019] },
      { because: 'Tier 3 descriptor persistent absence: 31.5 vs 25.6 (secondary) is 5.9 above (more than 5)', tier: 'reinvent', urns: [100020] },
      { because: 'Tier 3 descriptor governance: not effective', tier: 'reinvent', urns: [100021] },
      { because: 'Tier 3 descriptor staff turnover: 28% (more than 20%)', tier: 'reinvent', urns: [100022] },
      { because: 'Tier 1 Lead: Good or better, supports others, attainment and attendance at or above national', tier: 'lead', urns: [100001, 100002, 100015, 100018, 100023] },
      { because: 'Tier 2 Grow: good, improving itself, no Reinvent or Stabilise descriptor', tier: 'grow', urns: [100003, 100009, 100010, 100012, 100026] },
      { because: 'no inspection and no attainment: needs data', tier: null, urns: [100025] },
    ]);
    expect(placed.get(100014)!.reasons[0]).toContain('-4.7 (89.8 vs national 94.5 for primary)');
    // The source states cadences, not days: never 0.
    expect(placed.get(100001)!.days).toBeNull();
    // Its leadership needs support (a Reinvent descriptor), but Stabilise comes first and cannot be
    // ruled out without an inspection grade: it is not placed past that rule.
    expect(placed.get(100025)!.missing).toEqual(['ofsted_overall']);
  });
});

describe('rlt-categories', () => {
  it('places each fixture school by the criteria for allocating support', () => {
    const placed = expectTiers('rlt-categories', [
      { because: 'D: "Requires Improvement or below"', tier: 'D', urns: [100004, 100005, 100006, 100007, 100008, 100017, 100024] },
      { because: 'D: "insufficient capacity without leadership or executive support"', tier: 'D', urns: [100016] },
      { because: 'C: "sufficient capacity, some support needed" (needs-support)', tier: 'C', urns: [100011, 100014] },
      { because: 'C: "new leadership team": head in post 1.4 years (Larkspur), 0.7 years with capacity to support others (Oakwood)', tier: 'C', urns: [100012, 100015] },
      { because: 'override by the Trust Board with a reason', tier: 'C', urns: [100018] },
      { because: 'A: "capacity to improve itself or others (Ofsted Outstanding/Good)"', tier: 'A', urns: [100001, 100002, 100023] },
      { because: 'B: Outstanding/Good, capacity to improve itself (the default)', tier: 'B', urns: [100003, 100009, 100010, 100013, 100019, 100020, 100021, 100022, 100026] },
      { because: 'never inspected', tier: null, urns: [100025] },
    ]);
    expect(placed.get(100001)!.daysText).toBe('12 (2 per term)'); // "A: 12 days (2 per term)"
    expect(placed.get(100003)!.days).toBeNull(); // "B: days not stated in the source"
    expect(placed.get(100003)!.daysText).toMatch(/^not stated in the source/);
    expect(placed.get(100011)!.daysText).toBe('up to 15'); // "C: up to 15 days"
    expect(placed.get(100018)!.override).toMatch(/interim head/);
    expect(placed.get(100018)!.reasons).toEqual([expect.stringMatching(/^Override: /)]);
  });
});

describe('equals-categories', () => {
  it('places each fixture school in categories 1, 2a, 2b, 3, 4', () => {
    const placed = expectTiers('equals-categories', [
      { because: '"4 Inadequate" (and schools in an Ofsted category)', tier: '4', urns: [100005, 100006] },
      { because: '"3 Requires Improvement"', tier: '3', urns: [100004, 100007, 100008, 100017, 100024] },
      { because: '"1 Outstanding"', tier: '1', urns: [100001, 100012, 100018, 100023] },
      { because: '"2b Good with weaknesses (declining)": Good after Outstanding', tier: '2b', urns: [100009] },
      { because: '"2b ... close to Good": attainment 39 vs 45.9 (-6.9), 45 vs 61 (-16); attendance 89.8 vs 94.5 (-4.7)', tier: '2b', urns: [100010, 100019, 100014] },
      { because: '"2a Securely Good" (Thornbury: attendance exactly 1.5 below, not more)', tier: '2a', urns: [100002, 100003, 100011, 100013, 100015, 100016, 100020, 100021, 100022, 100026] },
      { because: 'never inspected', tier: null, urns: [100025] },
    ]);
    expect(placed.get(100005)!.fields.strand).toBe('corrective'); // "corrective (at risk of, or in, an Ofsted category)"
    expect(placed.get(100004)!.fields.strand).toBe('corrective');
    expect(placed.get(100009)!.fields.strand).toBe('preventative');
    expect(['1', '2a', '2b', '3', '4'].map((id) => [...placed.values()].find((p) => p.tier === id)!.days)).toEqual([3, 3, 5, 7, 10]); // "up to 3 / 3 / 5 / 7 / 10 days"
  });
});

describe('ult-core-second-tier', () => {
  it('gives second-tier support where the school is not performing in line with expectations', () => {
    const placed = expectTiers('ult-core-second-tier', [
      { because: 'inspection judgement below Good', tier: 'second-tier', urns: [100004, 100005, 100006, 100007, 100008, 100017, 100024] },
      { because: 'outcomes: attainment more than 5 below national (39 vs 45.9; 45 vs 61)', tier: 'second-tier', urns: [100010, 100019] },
      { because: 'leadership not in line with expectations (needs support, insufficient); Zephyr is placed on leadership alone although it has no inspection', tier: 'second-tier', urns: [100011, 100014, 100016, 100025] },
      { because: 'finance not in line with expectations (finance_concern: yes)', tier: 'second-tier', urns: [100022] },
      { because: 'core support for every other school', tier: 'core', urns: [100001, 100002, 100003, 100009, 100012, 100013, 100015, 100018, 100020, 100021, 100023, 100026] },
    ]);
    expect(placed.get(100004)!.fields.paid_by).toBe('school funds'); // "external second-tier support is paid from school funds"
    expect(placed.get(100001)!.fields.paid_by).toBe('trust');
  });
});
