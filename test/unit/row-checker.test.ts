// A row's cells are checked by a function made for where the file's columns stand (core/school.ts
// cellsChecker), kept for each layout met: files with other layouts, read one after another, each
// get their own fields; a short row's missing cells are blank; every field of the table is in
// every row's fields, in the table's order.
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../src/core/fields.js';
import { toSchools } from '../../src/core/school.js';

const read = (headers: string[], rows: string[][]) =>
  toSchools(
    headers,
    rows.map((cells, i) => ({ line: i + 2, cells })),
  );

describe('the row checker made for a layout of columns', () => {
  it('gives each layout its own fields, whichever was read first', () => {
    const a = read(['urn', 'name', 'phase', 'attendance_pct'], [['100001', 'Ash', 'primary', '95.5']]);
    const b = read(['attendance_pct', 'phase', 'urn', 'name'], [['88', 'secondary', '100002', 'Elm']]);
    const c = read(['name', 'urn'], [['Oak', '100003']]);
    expect(a.schools[0].fields).toMatchObject({ urn: 100001, name: 'Ash', phase: 'primary', attendance_pct: 95.5 });
    expect(b.schools[0].fields).toMatchObject({ urn: 100002, name: 'Elm', phase: 'secondary', attendance_pct: 88 });
    expect(c.schools[0].fields).toMatchObject({ urn: 100003, name: 'Oak', phase: null, attendance_pct: null });
    for (const r of [a, b, c]) expect(Object.keys(r.schools[0].fields)).toEqual(FIELDS.map((f) => f.name));
  });

  it('a short row leaves its last cells blank; problems name each bad cell, in the order of the file', () => {
    const short = read(['urn', 'name', 'phase'], [['100001', 'Ash']]);
    expect(short.problems).toEqual([]);
    expect(short.schools[0].fields.phase).toBeNull();
    const bad = read(['attendance_pct', 'urn', 'name', 'ofsted_date'], [['140', '100001', '', '31/02/2020']]);
    expect(bad.schools).toEqual([]);
    expect(bad.problems.map((p) => p.column)).toEqual(['attendance_pct', 'ofsted_date']);
    const noName = read(['urn', 'name'], [['100001', '  ']]);
    expect(noName.problems.map((p) => [p.column, p.message])).toEqual([
      ['name', 'expected a school name (required), it is blank'],
    ]);
  });
});
