// A table of hundreds of thousands of rows (a term's calendar for every school in England is
// 166,000 events) is measured for its column widths by a loop: spreading every row's width into
// Math.max overflowed the call stack, and sit calendar --term 3 --format table or xlsx stopped with
// "internal error: Maximum call stack size exceeded" (exit 70).
import { describe, expect, it } from 'vitest';
import type { TableModel } from '../../src/io/formats/table-model.js';
import { fitColumns } from '../../src/io/formats/terminal.js';
import { MAX_SHEET_ROWS, toXlsxWorkbook, widthOf } from '../../src/io/xlsx.js';
import { SitError } from '../../src/errors.js';
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

describe("a table past a sheet's last row", () => {
  it('is refused as a spreadsheet before any of it is made, saying to write CSV (exit 2)', async () => {
    const rows = new Array(MAX_SHEET_ROWS).fill({ urn: 100000, name: 'Ash' });
    const error = await toXlsxWorkbook([{ ...table(), title: 'QA and SI calendar', rows }]).catch((e) => e);
    expect(error).toBeInstanceOf(SitError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      "QA and SI calendar: 1,048,576 rows and a header, and a spreadsheet's sheet holds at most 1,048,576 (Excel's limit): write it as CSV (--format csv), which has none, or ask for fewer rows",
    );
  });

  it('is written when it fits, header and all', async () => {
    const rows = new Array(3).fill({ urn: 100000, name: 'Ash' });
    expect((await toXlsxWorkbook([{ ...table(), rows }])).length).toBeGreaterThan(1000);
  });
});
