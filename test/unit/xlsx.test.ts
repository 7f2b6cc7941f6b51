import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellText, readXlsxTable, toXlsx } from '../../src/io/xlsx.js';
import { isHeaderRow, toSchools } from '../../src/core/school.js';
import type { TableModel } from '../../src/io/formats/table-model.js';

const model: TableModel = {
  title: 'Support tiers: test',
  columns: [
    { key: 'urn', header: 'urn' },
    { key: 'name', header: 'name' },
    { key: 'tier', header: 'tier' },
    { key: 'attendance_pct', header: 'attendance_pct' },
  ],
  rows: [
    { urn: 100001, name: 'Ashgrove Primary', tier: 'A', attendance_pct: 96.1 },
    { urn: 100002, name: '=HYPERLINK("x")', tier: null, attendance_pct: null },
  ],
  levels: [1, null],
  maxLevel: 4,
};

afterEach(() => {
  vi.useRealTimers();
});

describe('.xlsx out and in', () => {
  it('writes a workbook that reads back as the same table (numbers as numbers, text as text)', async () => {
    const bytes = await toXlsx(model);
    const table = await readXlsxTable(Buffer.from(bytes), 'tiers.xlsx', isHeaderRow);
    expect(table.headers).toEqual(['urn', 'name', 'tier', 'attendance_pct']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['100001', 'Ashgrove Primary', 'A', '96.1'],
      ['100002', '=HYPERLINK("x")', '', ''],
    ]);
    const { schools } = toSchools(table.headers, table.rows);
    expect(schools[0].fields.attendance_pct).toBe(96.1);
  });
  it('the same table gives byte-identical workbooks (no timestamps)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-09-01T10:00:00Z'));
    const a = await toXlsx(model);
    vi.setSystemTime(new Date('2027-03-15T17:45:12Z'));
    const b = await toXlsx(model);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
  it('freezes the header row, sets widths and colours tiers', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(await toXlsx(model));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet).toMatch(/<col [^>]*width=/);
    expect(strFromU8(files['xl/styles.xml'])).toContain('D9EAD3');
  });
  it('reads dates as YYYY-MM-DD and whole numbers without .0', () => {
    expect(cellText(new Date(Date.UTC(2024, 2, 12)))).toBe('2024-03-12');
    expect(cellText(2)).toBe('2');
    expect(cellText(null)).toBe('');
  });
  it('--sheet names a sheet; a wrong name lists the sheets', async () => {
    const bytes = Buffer.from(await toXlsx(model));
    await expect(readXlsxTable(bytes, 'tiers.xlsx', isHeaderRow, 'Nope')).rejects.toThrow(
      /its sheets are: Support tiers test/,
    );
  });
});
