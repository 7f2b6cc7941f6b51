// sit writes a workbook's XML itself (no library since issue 13): what write-excel-file did for it
// and no other test checked, checked here in the XML, so a reader sees what it saw before.
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { rezip } from '../../src/io/zip.js';
import { readXlsxTable, toXlsxWorkbook } from '../../src/io/xlsx.js';
import { isHeaderRow } from '../../src/core/school.js';
import type { TableModel } from '../../src/io/formats/table-model.js';

const tiers: TableModel = {
  title: 'Support tiers: test',
  columns: [
    { key: 'urn', header: 'urn' },
    { key: 'name', header: 'name' },
    { key: 'tier', header: 'tier' },
    { key: 'attendance_pct', header: 'attendance_pct' },
    { key: 'ofsted_date', header: 'ofsted_date' },
  ],
  rows: [
    { urn: 100001, name: 'Ashgrove & <Birch> "Primary"', tier: 'A', attendance_pct: 96.1, ofsted_date: '2024-03-12' },
    { urn: 100002, name: '  Cedar Academy ', tier: null, attendance_pct: null, ofsted_date: null },
    { urn: 100003, name: 'Elm School', tier: 'D', attendance_pct: 88, ofsted_date: '2023-11-30' },
  ],
  levels: [1, null, 4],
  maxLevel: 4,
};

async function parts(tables: TableModel[]) {
  const files = unzipSync(await toXlsxWorkbook(tables));
  const text = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
  const styles = text['xl/styles.xml'];
  const fills = [...styles.matchAll(/<fill>([\s\S]*?)<\/fill>/g)].map((m) => /rgb="FF(\w+)"/.exec(m[1])?.[1] ?? null);
  const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]);
  const xfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map(
    (m) => m[0],
  );
  /** A cell's XML and what its style (<xf>) makes of it: fill colour, bold, wrapped, top. */
  const cell = (ref: string, sheet = 1) => {
    const xml = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(text[`xl/worksheets/sheet${sheet}.xml`])?.[0];
    if (!xml) return null;
    const xf = xfs[Number(/ s="(\d+)"/.exec(xml)![1])];
    return {
      xml,
      fill: fills[Number(/fillId="(\d+)"/.exec(xf)?.[1] ?? 0)],
      bold: fonts[Number(/fontId="(\d+)"/.exec(xf)?.[1] ?? 0)].includes('<b/>'),
      wrap: /wrapText="1"/.test(xf),
      top: /vertical="top"/.test(xf),
    };
  };
  return { text, xfs, cell };
}

describe('xlsx writer: cells', () => {
  it('a row is filled in its support level colour, blank cells too, so the band is unbroken', async () => {
    // Level 1 of 4 is green, no level (needs data) grey, level 4 red: as the HTML report colours them.
    const { cell } = await parts([tiers]);
    for (const ref of ['A2', 'B2', 'C2', 'D2', 'E2']) expect(cell(ref)?.fill).toBe('D9EAD3');
    for (const ref of ['A3', 'B3', 'C3', 'D3', 'E3']) expect(cell(ref)?.fill).toBe('E7E6E6');
    expect(cell('C3')?.xml).toMatch(/^<c r="C3" s="\d+"\/>$/);
    for (const ref of ['A4', 'E4']) expect(cell(ref)?.fill).toBe('F4CCCC');
  });
  it('a table without levels leaves blank cells out and fills nothing', async () => {
    const { cell } = await parts([{ ...tiers, levels: undefined, maxLevel: undefined }]);
    expect(cell('C3')).toBeNull();
    expect(cell('A2')?.fill).toBeNull();
    expect(cell('A2')?.top).toBe(true);
  });
  it('the header is bold on blue, wrapped and at the top; body cells are not bold', async () => {
    const { cell } = await parts([tiers]);
    expect(cell('A1')).toMatchObject({ fill: 'DDEBF7', bold: true, wrap: true, top: true });
    expect(cell('B2')).toMatchObject({ bold: false, top: true });
  });
  it('numbers are number cells (Excel sums and sorts them), not text', async () => {
    // A number stored as text shows Excel's green "number stored as text" corner and sorts as text.
    const { cell } = await parts([tiers]);
    expect(cell('A2')?.xml).toMatch(/^<c r="A2" s="\d+"><v>100001<\/v><\/c>$/);
    expect(cell('D2')?.xml).toMatch(/^<c r="D2" s="\d+"><v>96.1<\/v><\/c>$/);
    expect(cell('C2')?.xml).toMatch(/ t="s"/);
  });
  it('a date in a levelled row is a date cell on the row fill', async () => {
    const { cell } = await parts([tiers]);
    // 2024-03-12 is serial 45363 in the 1900 date system.
    expect(cell('E2')?.xml).toMatch(/^<c r="E2" s="\d+"><v>45363<\/v><\/c>$/);
    expect(cell('E2')?.fill).toBe('D9EAD3');
  });
  it('text is escaped, and spaces at its ends kept, reading back as written', async () => {
    const { text } = await parts([tiers]);
    expect(text['xl/sharedStrings.xml']).toContain('<t xml:space="preserve">  Cedar Academy </t>');
    const back = await readXlsxTable(Buffer.from(await toXlsxWorkbook([tiers])), 't.xlsx', isHeaderRow);
    // (The reader trims cells, as sit reads any spreadsheet; the XML above keeps the spaces.)
    expect(back.rows.map((r) => r.cells[1])).toEqual(['Ashgrove & <Birch> "Primary"', 'Cedar Academy', 'Elm School']);
  });
});

describe("Excel's _xHHHH_ escapes in text (ECMA-376 Part 1, 22.9.2.19 ST_Xstring)", () => {
  // Excel reads _x0041_ in a cell's text as "A" (and writes a carriage return as _x000D_): text
  // that holds such a sequence literally has its underscore written as _x005F_, as XlsxWriter does.
  const literal: TableModel = { ...tiers, rows: [{ ...tiers.rows[0], name: 'Oak _x0041_ School _x000d_' }] };
  it('written: the underscore that starts one is escaped, so Excel shows the text as it is', async () => {
    const { text } = await parts([literal]);
    expect(text['xl/sharedStrings.xml']).toContain('<t>Oak _x005F_x0041_ School _x005F_x000d_</t>');
  });
  it('read: a workbook as Excel writes it reads back as its text, escapes and all', async () => {
    const back = await readXlsxTable(Buffer.from(await toXlsxWorkbook([literal])), 't.xlsx', isHeaderRow);
    expect(back.rows[0].cells[1]).toBe('Oak _x0041_ School _x000d_');
    // A line break Excel wrote as _x000D_ and a letter it escaped: each the character it stands for.
    const excel = rezip(await toXlsxWorkbook([literal]), (entries) => {
      const xml = strFromU8(entries['xl/sharedStrings.xml']).replace(
        'Oak _x005F_x0041_ School _x005F_x000d_',
        'Oak_x000D_\nR_x006F_ad',
      );
      entries['xl/sharedStrings.xml'] = strToU8(xml);
    });
    const read = await readXlsxTable(Buffer.from(excel), 't.xlsx', isHeaderRow);
    expect(read.rows[0].cells[1]).toBe('Oak\r\nRoad');
  });
});

describe('xlsx writer: parts', () => {
  const two = [tiers, { ...tiers, title: 'Second' }];
  it('only the first sheet is selected, so Excel does not open the sheets grouped (an edit to one changing all)', async () => {
    const { text } = await parts(two);
    expect(text['xl/worksheets/sheet1.xml']).toMatch(/<sheetView tabSelected="1"/);
    expect(text['xl/worksheets/sheet2.xml']).not.toMatch(/tabSelected="1"/);
  });
  it('every part is declared and every declared part is there (Excel refuses a workbook otherwise)', async () => {
    const { text } = await parts(two);
    const declared = [...text['[Content_Types].xml'].matchAll(/PartName="\/([^"]+)"/g)].map((m) => m[1]);
    for (const part of declared) expect(Object.keys(text)).toContain(part);
    for (const part of Object.keys(text).filter((p) => p.startsWith('xl/') && p.endsWith('.xml')))
      expect(declared).toContain(part);
    const targets = [...text['xl/_rels/workbook.xml.rels'].matchAll(/Target="([^"]+)"/g)].map((m) => `xl/${m[1]}`);
    expect(targets.sort()).toEqual(
      ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'].sort(),
    );
    const ids = [...text['xl/workbook.xml'].matchAll(/<sheet [^>]*r:id="(rId\d+)"/g)].map((m) => m[1]);
    for (const id of ids)
      expect(text['xl/_rels/workbook.xml.rels']).toContain(
        `Id="${id}" Type="${'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet'}"`,
      );
  });
  it('every cell names a style there is, and every shared string it names is there', async () => {
    // A style or string past the end makes Excel "repair" the file, dropping the cell's formatting.
    const { text, xfs } = await parts(two);
    const count = Number(/<cellXfs count="(\d+)"/.exec(text['xl/styles.xml'])![1]);
    expect(count).toBe(xfs.length);
    const strings = (text['xl/sharedStrings.xml'].match(/<si>/g) ?? []).length;
    for (const n of [1, 2]) {
      const sheet = text[`xl/worksheets/sheet${n}.xml`];
      for (const m of sheet.matchAll(/ s="(\d+)"/g)) expect(Number(m[1])).toBeLessThan(count);
      for (const m of sheet.matchAll(/t="s"><v>(\d+)<\/v>/g)) expect(Number(m[1])).toBeLessThan(strings);
    }
  });
});
