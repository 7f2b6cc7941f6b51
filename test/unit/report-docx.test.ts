// The Word board report's pieces: column widths that keep short values whole, and chart pictures
// styled by the HTML report's own chart rules.
import { describe, expect, it } from 'vitest';
import { chartPng, chartStyle } from '../../src/io/chart-png.js';
import { columnWidths } from '../../src/io/report-docx.js';
import type { TableModel } from '../../src/io/formats/table-model.js';

const table = (rows: Record<string, string>[]): TableModel => ({
  title: 't',
  columns: [
    { key: 'urn', header: 'URN' },
    { key: 'name', header: 'School' },
    { key: 'reasons', header: 'Reasons', wide: true },
  ],
  rows,
});

describe('columnWidths', () => {
  it('gives a short column its longest value plus the cell margins, and the wide column the rest', () => {
    // The line is 85 characters; URN 6 + 3 = 9, School 13 + 3 = 16, reasons 85 - 25 = 60.
    expect(columnWidths(table([{ urn: '100001', name: 'Juniper Acade', reasons: 'a long reason' }]))).toEqual([
      11, 19, 71,
    ]);
  });

  it('caps a short column at a quarter of the line, and never breaks a word of it', () => {
    const name = 'St Thérèse’s Catholic Primary School and Nursery'; // 48 characters, longest word 8
    const [urn, school, reasons] = columnWidths(table([{ urn: '100001', name, reasons: 'x' }]));
    // School: 85 / 4 + 3 = 24.25 characters of 85 = 29%; its longest word needs 11 (13%).
    expect(school).toBe(29);
    expect(urn).toBe(11);
    expect(reasons).toBe(61);
  });

  it('shrinks the short columns towards their longest words when they would crowd out the wide one', () => {
    const columns = Array.from({ length: 8 }, (_, i) => ({ key: `c${i}`, header: `column${i}` }));
    const t: TableModel = {
      title: 't',
      columns: [...columns, { key: 'w', header: 'what changed', wide: true }],
      rows: [],
    };
    const widths = columnWidths(t);
    // Each short column needs 7 + 3 = 10 characters (its header); 8 of them leave 5 of 85,
    // less than the wide column's floor of a quarter (21.25): all are scaled to fit.
    expect(widths.slice(0, 8).every((w) => w === 10)).toBe(true);
    expect(widths[8]).toBe(21);
  });
});

describe('chart pictures', () => {
  it('take the report page’s `svg .x` rules', () => {
    const style = chartStyle(
      '<style>\n  body { color: red; }\n  svg .bar { fill: #1d3557; }\n  svg .axis { font-size: 11px; }\n</style>',
    );
    expect(style).toBe('svg { font-family: Arimo; } svg .bar { fill: #1d3557; } svg .axis { font-size: 11px; }');
    expect(() => chartStyle('<style>svg.chart { width: 100%; }</style>')).toThrow(
      'templates/report.html has no `svg .bar` rule',
    );
  });

  it('are PNG, twice the chart’s size, the same bytes every time', async () => {
    const chart = {
      id: 'c',
      title: 'Schools per tier',
      description: 'd',
      bars: [
        { label: 'A', value: 3 },
        { label: 'B', value: 1, alert: true, note: 'over' },
      ],
      unit: 'schools',
    };
    const a = await chartPng(chart);
    const b = await chartPng(chart);
    expect([a.width, a.height]).toEqual([640, 260]);
    expect(Buffer.from(a.png).subarray(1, 4).toString()).toBe('PNG');
    // IHDR width and height: the picture is drawn at twice the size Word shows it.
    expect(Buffer.from(a.png).readUInt32BE(16)).toBe(1280);
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(true);
  });
});
