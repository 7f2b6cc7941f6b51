// Published layouts: recognised from their headers, mapped to canonical fields, the rest carried.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyLayout, detectLayout, dropIndexColumns, layoutById, ungradedGrade } from '../../src/io/layouts.js';
import { decode, repairC1 } from '../../src/io/read-text.js';
import { readCsvTable, type RawTable } from '../../src/io/read-table.js';
import { isHeaderRow, toSchools } from '../../src/core/school.js';
import { FIXTURES } from '../helpers/run-sit.js';

const table = (headers: string[], ...rows: string[][]): RawTable => ({
  file: 't.csv',
  headers,
  headerLine: 1,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
});
const read = (name: string) => {
  const t = dropIndexColumns(readCsvTable(decode(readFileSync(`${FIXTURES}/quirks/${name}`), name), isHeaderRow));
  const layout = detectLayout(t.headers)!;
  const applied = applyLayout(t, layout);
  return { layout, applied, ...toSchools(applied.table.headers, applied.table.rows, applied.fieldOf) };
};

describe('recognising layouts from headers', () => {
  it('tells the three Ofsted eras apart', () => {
    expect(
      detectLayout(['URN', 'School name', 'Overall effectiveness', 'Previous graded inspection overall effectiveness'])
        ?.id,
    ).toBe('ofsted-legacy');
    expect(
      detectLayout(['URN', 'Quality of education', 'Overall effectiveness', 'Previous overall effectiveness'])?.id,
    ).toBe('ofsted-2024-25');
    expect(
      detectLayout(['URN', 'Safeguarding standards', 'Leadership and governance', 'Latest OEIF overall effectiveness'])
        ?.id,
    ).toBe('ofsted-report-card');
  });
  it('recognises GIAS and the DfE files, matching headers as SPEC 3 says (case, spaces)', () => {
    expect(detectLayout(['URN', 'EstablishmentName', 'PhaseOfEducation (name)'])?.id).toBe('gias');
    expect(detectLayout(['school_urn', 'school_name', 'AVG_ATT8'])?.id).toBe('dfe-ks4');
    expect(detectLayout(['school_urn', 'sess_overall_percent'])?.id).toBe('dfe-attendance');
    expect(detectLayout(['urn', 'name', 'ofsted_overall'])).toBeNull();
  });
  it('--layout names a layout; an unknown name is a usage error listing them', () => {
    expect(layoutById('gias').id).toBe('gias');
    expect(() => layoutById('nope')).toThrow(/choose one of: ofsted-report-card/);
  });
});

describe('applying a layout', () => {
  it('computes attendance as 100 minus overall absence, keeping the original column', () => {
    const t = table(
      ['school_urn', 'school_name', 'sess_overall_percent'],
      ['100001', 'A', '6.25'],
      ['100002', 'B', 'z'],
    );
    const applied = applyLayout(t, layoutById('dfe-attendance'));
    const { schools, problems } = toSchools(applied.table.headers, applied.table.rows, applied.fieldOf);
    expect(problems).toEqual([]);
    expect(schools.map((s) => s.fields.attendance_pct)).toEqual([93.75, null]);
    expect(schools[0].extra).toEqual({ sess_overall_percent: '6.25' });
    expect(applied.filled).toEqual(['urn', 'name', 'attendance_pct']);
  });
  it('reads an ungraded inspection that confirms a grade as that grade, and no other outcome', () => {
    expect(ungradedGrade('School remains Good (Concerns) - S5 Next')).toBe('Good');
    expect(ungradedGrade('School remains Outstanding')).toBe('Outstanding');
    expect(ungradedGrade('Standards maintained')).toBe('');
    expect(ungradedGrade('3')).toBe('3');
  });
  it('drops the unnamed row index pandas writes, and keeps an unnamed column with text', () => {
    expect(dropIndexColumns(table(['', 'URN'], ['0', '100001'], ['1.0', '100002'])).headers).toEqual(['URN']);
    expect(dropIndexColumns(table(['', 'URN'], ['note', '100001'])).headers).toEqual(['', 'URN']);
  });
});

describe('hand-made files with the quirks of published ones', () => {
  it('Windows-1252, title rows, CRLF, an index column, 2.0 and 9, 01/01/1900, a doubled space in a header', () => {
    const { schools, problems, layout } = read('ofsted-cp1252.csv');
    expect(problems).toEqual([]);
    expect(layout.id).toBe('ofsted-legacy');
    expect(schools.map((s) => s.name)).toEqual([
      'St Thérèse\u2019s Catholic Primary School',
      'Ysgol Gymraeg Brynæron \u2013 Annex',
      'Çedar Wood Academy',
      'Zoë Garden Nursery',
    ]);
    expect(schools[0].fields).toMatchObject({
      urn: 200001,
      trust: 'Académie Trust',
      ofsted_overall: 'requires-improvement',
      previous_ofsted_overall: 'requires-improvement',
      previous_ofsted_date: null,
    });
    expect(schools[1].fields).toMatchObject({ ofsted_quality_of_education: null, safeguarding_effective: null });
    expect(schools[2].fields).toMatchObject({ ofsted_category: 'SM', trust: null });
    expect(Object.keys(schools[0].extra)).toEqual(['Web Link']);
  });
  it('the report-card layout fills the rc_* fields, with the last OEIF inspection as the graded one', () => {
    const { schools, problems } = read('ofsted-report-cards.csv');
    expect(problems).toEqual([]);
    expect(schools[0].fields).toMatchObject({
      rc_date: '2025-11-25',
      rc_leadership_governance: 'needs-attention',
      rc_post16: null,
      rc_safeguarding: 'met',
      ofsted_overall: 'requires-improvement',
      ofsted_date: '2023-09-19',
    });
    expect(schools[6].fields.ofsted_overall).toBe('good'); // "School remains Good"
    expect(schools[7].fields.ofsted_category).toBe('SWK');
  });
  it('C1 controls left by a converter become the Windows-1252 characters they were (U+0096 is an en dash)', () => {
    expect(repairC1('Schools \u0096 Section 8 conversion')).toBe('Schools \u2013 Section 8 conversion');
    expect(repairC1('plain')).toBe('plain');
  });
});
