import { describe, expect, it } from 'vitest';
import { decode } from '../../src/io/read-text.js';
import { readCsvTable, detectDelimiter } from '../../src/io/read-table.js';
import { readYamlTable } from '../../src/io/read-yaml-table.js';
import { isHeaderRow, toSchools, mapColumns } from '../../src/core/school.js';
import { FIELDS } from '../../src/core/fields.js';

const csv = (text: string | Buffer) => {
  const source = decode(Buffer.isBuffer(text) ? text : Buffer.from(text), 'test.csv');
  const table = readCsvTable(source, isHeaderRow);
  return { source, table, ...toSchools(table.headers, table.rows) };
};

describe('reading CSV as Excel writes it (SPEC 3)', () => {
  it('matches headers ignoring case, spaces, hyphens and underscores', () => {
    const map = mapColumns(['URN', 'School Name', 'Ofsted-Overall', 'ATTENDANCE PCT', 'Notes']);
    expect(map.fieldOf).toEqual(['urn', 'name', 'ofsted_overall', 'attendance_pct', null]);
  });
  it('reads a BOM, CRLF and semicolons, carrying unknown columns through', () => {
    const { schools, problems, source } = csv(
      '\uFEFFurn;name;ofsted_overall;Notes\r\n100001;Ashgrove;Good;keep me\r\n',
    );
    expect(source.encoding).toBe('utf-8');
    expect(problems).toEqual([]);
    expect(schools[0]).toMatchObject({ urn: 100001, name: 'Ashgrove', line: 2, extra: { Notes: 'keep me' } });
    expect(schools[0].fields.ofsted_overall).toBe('good');
  });
  it('reads tab-separated files', () => {
    expect(detectDelimiter('urn\tname\n')).toBe('\t');
    expect(csv('urn\tname\n100001\tA\n').schools[0].name).toBe('A');
  });
  it('reads Windows-1252 without mojibake', () => {
    const bytes = Buffer.concat([
      Buffer.from('urn,name\n100001,'),
      Buffer.from([0x53, 0x74, 0x20, 0x4d, 0xe9, 0x64, 0x61, 0x72, 0x64]),
      Buffer.from('\n'),
    ]);
    const { schools, source } = csv(bytes);
    expect(source.encoding).toBe('windows-1252');
    expect(schools[0].name).toBe('St Médard');
  });
  it('reports every problem at once with line and column', () => {
    const { problems, schools } = csv(
      [
        'urn,name,attendance_pct,ofsted_date,ofsted_overall',
        '100001,Good One,95,2024-01-10,Good',
        '12,Bad URN,95,2024-01-10,Good',
        '100003,Over,104,03/25/2024,Excellent',
        '100001,Again,90,,',
      ].join('\n'),
    );
    expect(schools.map((s) => s.urn)).toEqual([100001]);
    expect(problems).toEqual([
      { line: 3, column: 'urn', message: 'expected a 6-digit URN (100000-999999), got "12"' },
      { line: 4, column: 'attendance_pct', message: 'expected a percentage from 0 to 100, got "104"' },
      { line: 4, column: 'ofsted_date', message: expect.stringMatching(/month-first/) },
      { line: 4, column: 'ofsted_overall', message: expect.stringMatching(/^expected an Ofsted grade/) },
      { line: 5, column: 'urn', message: 'URN 100001 appears twice (first on line 2); each school needs one row' },
    ]);
  });
  it('refuses an override without a reason', () => {
    const { problems } = csv('urn,name,override_tier,override_reason\n100001,A,C,\n');
    expect(problems).toEqual([
      { line: 2, column: 'override_reason', message: expect.stringMatching(/reason for the override_tier/) },
    ]);
  });
  it('counts lines inside quoted multi-line cells', () => {
    const { schools } = csv('urn,name,notes\n100001,A,"two\nlines"\n100002,B,x\n');
    expect(schools.map((s) => s.line)).toEqual([2, 4]);
  });
});

describe('reading YAML', () => {
  it('reads a list of schools with their lines', () => {
    const table = readYamlTable(
      decode(
        Buffer.from('- urn: 100001\n  name: Ashgrove\n  ofsted_overall: RI\n- urn: 100002\n  name: Birch\n'),
        'schools.yaml',
      ),
    );
    const { schools, problems } = toSchools(table.headers, table.rows);
    expect(problems).toEqual([]);
    expect(schools.map((s) => [s.urn, s.line, s.fields.ofsted_overall])).toEqual([
      [100001, 1, 'requires-improvement'],
      [100002, 4, null],
    ]);
  });
});

describe("a school's fields", () => {
  it('hold every field of the table, in its order, whichever columns the file has and in whatever order', () => {
    const { schools } = toSchools(
      ['leadership_capacity', 'name', 'ofsted_overall', 'urn'],
      [{ line: 2, cells: ['needs-support', 'Ash Academy', 'Good', '100001'] }],
    );
    const fields = schools[0].fields;
    expect(Object.keys(fields)).toEqual(FIELDS.map((f) => f.name));
    expect(fields).toMatchObject({ urn: 100001, name: 'Ash Academy', ofsted_overall: 'good' });
    expect(fields.leadership_capacity).toBe('needs-support');
    expect(fields.phase).toBeNull();
  });
});
