// Issue 14: a workbook sit writes opens and prints right in Excel, checked in its XML (SPEC
// section 5: dates are date cells, a filter on the header row, landscape, fit to width, the
// header row repeated, valid sheet names), plus wrapped long text and a named font.
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { toXlsx, toXlsxWorkbook, wrappedLines } from '../../src/io/xlsx.js';
import { sheetNames } from '../../src/io/xlsx-sheet.js';
import type { TableModel } from '../../src/io/formats/table-model.js';

const reason =
  'Requires Improvement or below: Ofsted overall effectiveness is Requires improvement or Inadequate: Requires improvement; leadership capacity is insufficient';
const calendar: TableModel = {
  title: 'QA and SI calendar: Trust Review Days',
  columns: [
    { key: 'date', header: 'date' },
    { key: 'urn', header: 'urn' },
    { key: 'name', header: 'name' },
    { key: 'reason', header: 'reason' },
  ],
  rows: [
    { date: '2026-09-08', urn: 100001, name: 'St Thérèse’s Primary', reason },
    { date: '2027-01-05', urn: 100002, name: 'Birchfield Academy', reason: 'short' },
  ],
};

async function xml(tables: TableModel[]) {
  const files = unzipSync(await toXlsxWorkbook(tables));
  return {
    sheet: (n: number) => strFromU8(files[`xl/worksheets/sheet${n}.xml`]),
    workbook: strFromU8(files['xl/workbook.xml']),
    styles: strFromU8(files['xl/styles.xml']),
  };
}

/** The style (<xf>) a cell uses, and its number format code. */
function cellStyle(sheet: string, styles: string, ref: string): { xf: string; format: string | null } {
  const s = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1]);
  const cellXfs = styles.slice(styles.indexOf('<cellXfs'));
  const xf = [...cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)][s][0];
  const id = /numFmtId="(\d+)"/.exec(xf)?.[1];
  const format = id ? (new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]+)"`).exec(styles)?.[1] ?? null) : null;
  return { xf, format };
}

describe('xlsx: cells', () => {
  it('a column of YYYY-MM-DD dates is date cells (a serial number) with a day-month-year format', async () => {
    const { sheet, styles } = await xml([calendar]);
    // 2026-09-08 is serial 46273 in the 1900 date system.
    expect(sheet(1)).toMatch(/<c r="A2" s="\d+"><v>46273<\/v><\/c>/);
    expect(cellStyle(sheet(1), styles, 'A2').format).toBe('dd/mm/yyyy');
  });
  it('long text wraps, at the top of a row made tall enough for it', async () => {
    const { sheet, styles } = await xml([calendar]);
    expect(cellStyle(sheet(1), styles, 'D2').xf).toMatch(/<alignment [^>]*wrapText="1"/);
    expect(cellStyle(sheet(1), styles, 'D2').xf).toMatch(/vertical="top"/);
    expect(sheet(1)).toMatch(
      /<row r="2" [^>]*ht="\d+"[^>]*customHeight="1"|<row r="2" [^>]*customHeight="1"[^>]*ht="\d+"/,
    );
    expect(wrappedLines('aaa bbb ccc', 7)).toBe(2);
    expect(wrappedLines('short', 50)).toBe(1);
  });
  it('every font has a name and a size (no reader default, no serif header)', async () => {
    const { styles } = await xml([calendar]);
    const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      expect(font).toMatch(/<name val="Arial"\/>/);
      expect(font).toMatch(/<sz val="10"\/>/);
    }
  });
});

describe('xlsx: filter and printing', () => {
  it('a filter on the header row over the data, named as Excel names it', async () => {
    const { sheet, workbook } = await xml([calendar]);
    expect(sheet(1)).toContain('</sheetData><autoFilter ref="A1:D3"/>');
    expect(workbook).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'QA and SI calendar Trust Review'!$A$1:$D$3</definedName>`,
    );
  });
  it('prints A4 landscape, one page wide, with the header row on every page', async () => {
    const { sheet, workbook } = await xml([calendar, { ...calendar, title: 'Second' }]);
    for (const n of [1, 2]) {
      expect(sheet(n)).toMatch(/<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
      expect(sheet(n)).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
      // Schema order: sheetPr first, autoFilter after sheetData, pageSetup after pageMargins.
      expect(sheet(n).indexOf('<sheetPr>')).toBeLessThan(sheet(n).indexOf('<sheetViews>'));
      expect(sheet(n).indexOf('<pageMargins')).toBeLessThan(sheet(n).indexOf('<pageSetup'));
    }
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'QA and SI calendar Trust Review'!$1:$1</definedName>`,
    );
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Second'!$1:$1</definedName>`);
  });
  it('a single-table workbook gets the same', async () => {
    const files = unzipSync(await toXlsx(calendar));
    expect(strFromU8(files['xl/worksheets/sheet1.xml'])).toContain('<autoFilter ref="A1:D3"/>');
  });
});

describe('xlsx: sheet names Excel accepts', () => {
  it('cut at a word, never mid-word, at most 31 characters', () => {
    expect(sheetNames(['Support tiers: Trust Review Days categories'])).toEqual(['Support tiers Trust Review Days']);
    expect(sheetNames(['Support days by school: ULT core and second-tier support'])).toEqual([
      'Support days by school ULT core',
    ]);
  });
  it('never ends or starts with an apostrophe, nor holds \\ / ? * [ ] :', () => {
    const [name] = sheetNames(["Support tiers: St Mary's and St John' s schools"]);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/^'|'$|[\\/?*[\]:]/);
    expect(sheetNames(["Heads' "])).toEqual(['Heads']);
    expect(sheetNames(['a/b?c*d[e]f:g\\h'])).toEqual(['a b c d e f g h']);
  });
  it('unique ignoring case, not "History", never empty', () => {
    expect(sheetNames(['Tiers', 'tiers', 'TIERS'])).toEqual(['Tiers', 'tiers 2', 'TIERS 3']);
    expect(sheetNames(['History'])).toEqual(['History sheet']);
    expect(sheetNames([':::'])).toEqual(['Sheet']);
  });
});
