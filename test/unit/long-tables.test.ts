// A table of hundreds of thousands of rows (a term's calendar for every school in England is
// 175,000 events) is measured for its column widths by a loop: spreading every row's width into
// Math.max overflowed the call stack, and sit calendar --term 3 --format table or xlsx stopped with
// "internal error: Maximum call stack size exceeded" (exit 70).
import { describe, expect, it } from 'vitest';
import type { TableModel } from '../../src/io/formats/table-model.js';
import { fitColumns } from '../../src/io/formats/terminal.js';
import { widthOf } from '../../src/io/xlsx.js';
import { columnWidths } from '../../src/io/report-docx.js';

const ROWS = 200_000;
const table = (): TableModel => ({
  title: 'Long',
  columns: [
    { key: 'urn', header: 'URN' },
    { key: 'name', header: 'School' },
  ],
  rows: Array.from({ length: ROWS }, (_, i) => ({
    urn: 100000 + i,
    name: i === ROWS - 1 ? 'The longest name of all' : 'Ash',
  })),
});

describe('a table of 200,000 rows', () => {
  it('fits the terminal, its widths from every row', () => {
    const { widths, shown } = fitColumns(table(), 120);
    expect(shown).toEqual([0, 1]);
    expect(widths).toEqual([8, 'The longest name of all'.length + 2]);
  });

  it("gives a spreadsheet's column its width from every row", () => {
    const names = table().rows.map((r) => r.name);
    expect(widthOf(names, 'School')).toBe('The longest name of all'.length + 2);
  });
});

describe('the Word report', () => {
  it("lays a table of 200,000 rows' columns out", () => {
    const widths = columnWidths(table());
    expect(widths).toHaveLength(2);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(99);
  });
});
