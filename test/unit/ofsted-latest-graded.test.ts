// The latest graded inspection in every Ofsted layout (SPEC section 3), on rows with the
// published headers and made-up values, and the RISE rules of SPEC section 2 that read it.
import { describe, expect, it } from 'vitest';
import { AS_AT_HEADERS, IN_YEAR_2024_25_HEADERS, REPORT_CARD_HEADERS } from '../helpers/ofsted-headers.js';
import { placeRows, readRows, type Row } from '../helpers/ofsted-rows.js';

const school = (urn: string, extra: Row = {}): Row => ({
  URN: urn,
  'School name': `School ${urn}`,
  'Ofsted phase': 'Primary',
  ...extra,
});

/** 2024/25 in-year rows: the school's latest event, then the Previous columns. */
const inYear = (urn: string, extra: Row): Row =>
  school(urn, {
    'Inspection start date': '14/01/2025',
    'Previous inspection start date': '10/10/2019',
    'Previous safeguarding is effective?': 'Yes',
    'Does the previous inspection relate to the school in its current form?': 'Yes',
    ...extra,
  });
const ungradedS8 = (urn: string, previous: string, extra: Row = {}) =>
  inYear(urn, {
    'Inspection type': 'S8 Inspection of Good/Outstanding school',
    'Inspection type grouping': 'Section 8 (did not convert)',
    'Event type grouping': 'Schools - S8',
    'Did the latest ungraded inspection convert to a graded inspection?': 'No',
    'Outcomes for ungraded and monitoring inspections': 'Standards maintained',
    'Previous overall effectiveness': previous,
    'Previous quality of education': previous,
    'Previous effectiveness of leadership and management': previous,
    ...extra,
  });

describe('2024/25 in-year file: the latest event may be ungraded (SPEC 3: "then the graded judgement is the one in the Previous ... columns")', () => {
  it('a section 8 that did not convert: the graded judgement, date and sub-judgements come from the Previous columns; the outcome is carried', async () => {
    const data = await readRows(IN_YEAR_2024_25_HEADERS, [ungradedS8('100001', '2')]);
    expect(data.layout?.id).toBe('ofsted-2024-25');
    expect(data.schools[0].fields).toMatchObject({
      ofsted_overall: 'good',
      ofsted_date: '2019-10-10',
      ofsted_quality_of_education: 'good',
      ofsted_leadership_management: 'good',
      ofsted_ungraded_type: 'S8 Inspection of Good/Outstanding school (Section 8 (did not convert))',
      ofsted_ungraded_outcome: 'Standards maintained',
      ofsted_ungraded_date: '2025-01-14',
      previous_ofsted_given: false,
    });
    const [p] = await placeRows(IN_YEAR_2024_25_HEADERS, [ungradedS8('100001', '2')]);
    expect(p.tier).toBe('universal');
  });
  it('a monitoring visit of a school in special measures keeps its category from the graded inspection', async () => {
    const row = ungradedS8('100002', '4', {
      'Inspection type': 'Special Measures Monitoring Inspection',
      'Inspection type grouping': 'Monitoring visit',
      'Did the latest ungraded inspection convert to a graded inspection?': 'NULL',
      'Outcomes for ungraded and monitoring inspections': 'Taking effective action',
      'Previous category of concern': 'SM',
    });
    const [p] = await placeRows(IN_YEAR_2024_25_HEADERS, [row]);
    expect(p.tier).toBe('structural');
    expect(p.reasons[0]).toMatch(/^Special measures/);
  });
  it('a monitoring visit of an RI school: RI is the latest graded, and the grade before it is not in the file (needs data, naming the field)', async () => {
    const row = ungradedS8('100003', '3', {
      'Inspection type': 'Requires Improvement Monitoring Inspection',
      'Inspection type grouping': 'Monitoring visit',
      'Outcomes for ungraded and monitoring inspections': 'Taking effective action',
    });
    const [p] = await placeRows(IN_YEAR_2024_25_HEADERS, [row]);
    expect(p.tier).toBeNull();
    expect(p.missing).toEqual(['previous_ofsted_overall']);
  });
  it('a no-formal-designation visit with no judgement: the Previous (Outstanding) inspection is the graded one', async () => {
    const row = ungradedS8('100004', '1', {
      'Inspection type': 'S8 No Formal Designation Visit',
      'Inspection type grouping': 'No formal designation',
      'Did the latest ungraded inspection convert to a graded inspection?': 'NULL',
      'Outcomes for ungraded and monitoring inspections': 'NULL',
    });
    const data = await readRows(IN_YEAR_2024_25_HEADERS, [row]);
    expect(data.schools[0].fields).toMatchObject({
      ofsted_overall: 'outstanding',
      ofsted_ungraded_type: 'S8 No Formal Designation Visit (No formal designation)',
    });
  });
  it('"An ungraded inspection that converted is itself graded": its own sub-judgements, and the Previous grade is the one before', async () => {
    const row = inYear('100005', {
      'Inspection type': 'S8 Inspection of Good/Outstanding school',
      'Inspection type grouping': 'Section 8 (converted)',
      'Did the latest ungraded inspection convert to a graded inspection?': 'Yes',
      'Quality of education': '3',
      'Behaviour and attitudes': '2',
      'Personal development': '2',
      'Effectiveness of leadership and management': '3',
      'Safeguarding is effective': 'Yes',
      'Previous overall effectiveness': '3',
    });
    const data = await readRows(IN_YEAR_2024_25_HEADERS, [row]);
    expect(data.schools[0].fields).toMatchObject({
      ofsted_overall: null,
      ofsted_quality_of_education: 'requires-improvement',
      ofsted_date: '2025-01-14',
      previous_ofsted_overall: 'requires-improvement',
      ofsted_ungraded_type: null,
    });
    const [p] = await placeRows(IN_YEAR_2024_25_HEADERS, [row]);
    expect(p.tier).toBe('targeted');
  });
  it('a graded 2024/25 inspection with no Previous inspection is a new school: nothing before, not stuck', async () => {
    const row = inYear('100006', {
      'Inspection type': 'Academy First Section 5',
      'Quality of education': '3',
      'Effectiveness of leadership and management': '3',
      'Previous inspection start date': 'NULL',
    });
    const [p] = await placeRows(IN_YEAR_2024_25_HEADERS, [row]);
    expect(p.tier).toBe('universal');
  });
});

describe('report-card era file (Leeds layout): the last OEIF inspection and the ungraded inspection columns', () => {
  const oeif = (urn: string, extra: Row) =>
    school(urn, { 'Inspection start date of latest OEIF graded inspection': '05/12/2023', ...extra });
  it('a "Requires Improvement S5 Reinspection" says the inspection before was RI: latest RI is stuck', async () => {
    const [p] = await placeRows(REPORT_CARD_HEADERS, [
      oeif('100011', {
        'Inspection type of latest OEIF graded inspection': 'Requires Improvement S5 Reinspection Visit 1',
        'Latest OEIF overall effectiveness': '3',
      }),
    ]);
    expect(p.tier).toBe('targeted');
    expect(p.reasons[0]).toMatch(/Requires Improvement S5 Reinspection Visit 1/);
  });
  it('a latest OEIF RI with nothing before it in the file needs the previous grade (the file has no such column): never placed silently', async () => {
    const [p] = await placeRows(REPORT_CARD_HEADERS, [
      oeif('100012', {
        'Inspection type of latest OEIF graded inspection': 'S5 Inspection',
        'Latest OEIF overall effectiveness': '3',
      }),
    ]);
    expect(p.tier).toBeNull();
    expect(p.missing).toEqual(['previous_ofsted_overall']);
  });
  it('an earlier ungraded "School remains Good" says the grade before a 2024/25 RI inspection was Good: not stuck', async () => {
    const [p] = await placeRows(REPORT_CARD_HEADERS, [
      oeif('100013', {
        'Inspection type of latest OEIF graded inspection': 'S5 Inspection',
        'Latest OEIF overall effectiveness': 'Not judged',
        'Latest OEIF quality of education': '3',
        'Latest OEIF effectiveness of leadership and management': '3',
        'Date of latest ungraded inspection': '29/01/2020',
        'Ungraded inspection overall outcome': 'School remains Good',
      }),
    ]);
    expect(p.tier).toBe('universal');
  });
  it('only an ungraded inspection ("Standards maintained"): universal, saying so', async () => {
    const [p] = await placeRows(REPORT_CARD_HEADERS, [
      school('100014', {
        'Date of latest ungraded inspection': '22/01/2025',
        'Ungraded inspection overall outcome': 'Standards maintained',
      }),
    ]);
    expect(p.tier).toBe('universal');
    expect(p.reasons[0]).toMatch(/^Only an ungraded inspection in the file: .*Standards maintained/);
  });
});

describe('not yet inspected is a fact (SPEC 3)', () => {
  it('rise-2025 places a school with no inspection in the file in universal, with the reason "not yet inspected"', async () => {
    for (const headers of [REPORT_CARD_HEADERS, AS_AT_HEADERS, IN_YEAR_2024_25_HEADERS]) {
      const [p] = await placeRows(headers, [school('100021')]);
      expect(p.tier).toBe('universal');
      expect(p.reasons[0]).toMatch(/^Not yet inspected/);
    }
  });
  it('a preset whose rules need a grade still reports it as needing data, naming the field', async () => {
    const [p] = await placeRows(AS_AT_HEADERS, [school('100022')], 'rlt-categories');
    expect(p.tier).toBeNull();
    expect(p.missing).toContain('ofsted_overall');
  });
});

describe('RISE as SPEC section 2 says', () => {
  const asAt = (urn: string, extra: Row) =>
    school(urn, {
      'Inspection start date': '10/05/2023',
      'Does the latest graded inspection relate to the URN of the current school?': 'Yes',
      ...extra,
    });
  it('"a graded Inadequate with no category given" is structural', async () => {
    const [p] = await placeRows(AS_AT_HEADERS, [
      asAt('100031', { 'Overall effectiveness': '4.0', 'Previous graded inspection overall effectiveness': '2.0' }),
    ]);
    expect(p.tier).toBe('structural');
    expect(p.reasons[0]).toMatch(/^Graded Inadequate with no category/);
  });
  it('a report card leading to RSI is structural before 1 September 2026 and targeted from then (--as-of decides)', async () => {
    const card = school('100032', {
      'Leadership and governance': 'Expected standard',
      Inclusion: 'Expected standard',
      Achievement: 'Urgent improvement',
      'Curriculum and teaching': 'Expected standard',
      'Safeguarding standards': 'Met',
      'Leadership and governance - date of judgement': '20/01/2026',
    });
    const [before] = await placeRows(REPORT_CARD_HEADERS, [card], 'rise-2025', '2026-08-31');
    const [from] = await placeRows(REPORT_CARD_HEADERS, [card], 'rise-2025', '2026-09-01');
    expect(before.tier).toBe('structural');
    expect(from.tier).toBe('targeted');
    expect(from.reasons[0]).toMatch(/from 1 September 2026/);
  });
  it('a stuck school whose deciding inspection was of a predecessor: structure_changed true with a reason, tier unchanged', async () => {
    const row = asAt('100033', {
      'Overall effectiveness': '3.0',
      'Previous graded inspection overall effectiveness': '3.0',
    });
    const [same] = await placeRows(AS_AT_HEADERS, [row]);
    const [changed] = await placeRows(AS_AT_HEADERS, [
      { ...row, 'Does the latest graded inspection relate to the URN of the current school?': 'No' },
    ]);
    expect(same).toMatchObject({ tier: 'targeted', fields: { structure_changed: null } });
    expect(changed.tier).toBe('targeted');
    expect(changed.fields.structure_changed).toBe('true');
    expect(changed.fields.structure_reason).toMatch(/predecessor school/);
  });
});
