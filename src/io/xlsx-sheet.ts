// The parts of a written workbook around its cells (SpreadsheetML), so it opens and prints right
// in Excel (SPEC section 5): valid sheet names, the header row frozen, a filter on the header row,
// printing set up (A4 landscape, fit to one page wide, the header row repeated on every page), and
// the styles the cells use. The cells themselves are written by xlsx.ts.
import { escapeHtml as escapeXml } from './formats/html.js';

const FORBIDDEN = /[\\/?*[\]:]/g;
/**
 * Controls, lone surrogates, non-characters (U+FFFE ...) and U+FFFD: dropped from a sheet's name
 * (not shown as a replacement mark, as xmlSafe would), so the name reads as the title did.
 */
const UNWRITABLE = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\ufffd]/gu;
const MAX = 31;

/**
 * Excel's rules for a sheet name: at most 31 characters, none of \ / ? * [ ] :, not starting or
 * ending with an apostrophe, not "History", unique ignoring case. A long title is cut at a word.
 */
export function sheetNames(titles: string[]): string[] {
  const names: string[] = [];
  const taken = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  for (const title of titles) {
    const base =
      cutAtWord(
        title
          .replace(/[\t\n\r]/g, ' ')
          .replace(UNWRITABLE, '')
          .replace(FORBIDDEN, ' ')
          .replace(/\s+/g, ' '),
        MAX,
      ) || 'Sheet';
    let name = base.toLowerCase() === 'history' ? `${base} sheet` : base;
    for (let n = 2; taken(name); n++) name = `${cutAtWord(base, MAX - String(n).length - 1)} ${n}`;
    names.push(name);
  }
  return names;
}

/** At most `max` characters, cut at a space where there is one, with no apostrophe or space at either end. */
function cutAtWord(text: string, max: number): string {
  const tidy = (s: string) => s.replace(/^['\s]+|['\s]+$/g, '');
  const whole = tidy(text);
  if (whole.length <= max) return whole;
  const cut = whole.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return tidy(space > max / 2 ? cut.slice(0, space) : whole.slice(0, max));
}

/** "A", "B", ... "Z", "AA": a column's letters. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** Fill colours by support level, as the HTML report uses (green, amber, orange, red; grey: needs data). */
const LEVEL_FILLS: [mark: string, rgb: string][] = [
  ['level-low', 'D9EAD3'],
  ['level-mid', 'FFF2CC'],
  ['level-mid-high', 'FCE5CD'],
  ['level-high', 'F4CCCC'],
  ['needs-data', 'E7E6E6'],
];
/** A row's fill by its level's mark (levelClass): 1, 2, ... in the order above; none is 0. */
export const FILL: Record<string, number> = Object.fromEntries(LEVEL_FILLS.map(([mark], i) => [mark, i + 1]));
const HEADER_FILL = 'DDEBF7';
/** Dates as English readers write them; the cell holds the date itself, so Excel sorts and filters it as one. */
const DATE_FORMAT = 'dd/mm/yyyy';
/** The first number format id a workbook may define for itself. */
const DATE_FORMAT_ID = 164;

/** The cell styles (<xf> in styles.xml): one for the header, then three a fill (none or a level's). */
export const HEADER_STYLE = 1;
export type CellKind = 0 | 1 | 2;
export const PLAIN: CellKind = 0;
export const WRAPPED: CellKind = 1;
export const DATE: CellKind = 2;
/** A body cell's style: at the top of its row, on its row's fill (0 for none), wrapped or a date. */
export const cellStyle = (fill: number, kind: CellKind) => 2 + fill * 3 + kind;

/**
 * Every style a cell may use, whether or not a sheet uses it: a named font and size (so the sheet
 * prints in it rather than in the reader's default, a serif in some), the header bold on blue,
 * wrapped and at the top, body cells at the top of their row.
 */
function stylesXml(): string {
  const font = (bold: boolean) =>
    `<font><name val="Arial"/><sz val="10"/><family val="2"/>${bold ? '<b/>' : ''}<color theme="1"/></font>`;
  const solid = (rgb: string) =>
    `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
  const fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
    solid(HEADER_FILL),
    ...LEVEL_FILLS.map(([, rgb]) => solid(rgb)),
  ];
  const top = (wrap: boolean) => `<alignment vertical="top"${wrap ? ' wrapText="1"' : ''}/>`;
  const body = (fill: number, kind: CellKind) =>
    `<xf ${kind === DATE ? `numFmtId="${DATE_FORMAT_ID}" applyNumberFormat="1" ` : ''}fontId="0" applyFont="1"${fill ? ` fillId="${fill + 2}" applyFill="1"` : ''} applyAlignment="1">${top(kind === WRAPPED)}</xf>`;
  const xfs = [
    '<xf fontId="0" applyFont="1"/>',
    `<xf fontId="1" applyFont="1" fillId="2" applyFill="1" applyAlignment="1">${top(true)}</xf>`,
    ...[0, ...Object.values(FILL)].flatMap((fill) => [PLAIN, WRAPPED, DATE].map((kind) => body(fill, kind))),
  ];
  return (
    `${HEAD}<styleSheet xmlns="${MAIN}">` +
    `<numFmts count="1"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="${DATE_FORMAT}"/></numFmts>` +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    `<fills count="${fills.length}">${fills.join('')}</fills>` +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`
  );
}

export interface SheetShape {
  name: string;
  columns: number;
  rows: number;
}

const range = (s: SheetShape) => `$A$1:$${columnLetters(Math.max(s.columns, 1) - 1)}$${Math.max(s.rows, 1)}`;

/**
 * A sheet's XML up to its first row: fit to one page wide when printed, the header row frozen
 * (the first sheet is the one shown), column widths in characters.
 */
export function sheetStart(index: number, widths: number[]): string {
  const cols = widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<sheetViews><sheetView${index === 0 ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>' +
    '</sheetView></sheetViews>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

/** A sheet's XML after its last row: the filter over the header and data, A4 landscape, one page wide. */
export function sheetEnd(shape: SheetShape): string {
  return (
    `</sheetData><autoFilter ref="${range(shape).replace(/\$/g, '')}"/>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>'
  );
}

/**
 * What Excel reads in a cell's text as an escaped character (_x0041_ is "A"; ECMA-376 Part 1,
 * 22.9.2.19 ST_Xstring): text that holds one literally has its underscore written as _x005F_.
 */
const EXCEL_ESCAPE = /_x[0-9A-Fa-f]{4}_/g;

/** How many rows or strings are made into text at a time, so no part is held whole as text. */
export const BATCH = 500;

/**
 * The shared strings part: each distinct text once, in the order the cells number them. Made when
 * the zip writer reaches it, after the sheets, which add the strings they use.
 */
function* sharedStringsXml(strings: string[]): Generator<string> {
  yield `${HEAD}<sst xmlns="${MAIN}">`;
  for (let i = 0; i < strings.length; i += BATCH) {
    yield strings
      .slice(i, i + BATCH)
      .map((s) => {
        // Spaces at either end are kept only when the text says so.
        const space = s.length !== s.trim().length ? ' xml:space="preserve"' : '';
        return `<si><t${space}>${escapeXml(s.replace(EXCEL_ESCAPE, '_x005F$&'))}</t></si>`;
      })
      .join('');
  }
  yield '</sst>';
}

/**
 * The workbook's parts, in the order Excel writes them: content types, relationships, the workbook
 * (its sheets and, for each, the names Excel uses for the filter and for the rows repeated at the
 * top of each printed page), the sheets' XML as given, the shared strings and the styles. The
 * sheets and shared strings are made as they are zipped, in this order.
 */
export function workbookParts(
  shapes: SheetShape[],
  sheets: Iterable<string>[],
  strings: string[],
): Record<string, string | Iterable<string>> {
  const sheetList = shapes.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  const names = shapes.flatMap((s, i) => {
    const sheet = `'${escapeXml(s.name.replace(/'/g, "''"))}'`;
    return [
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sheet}!${range(s)}</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${sheet}!$1:$1</definedName>`,
    ];
  });
  const relationship = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/>`;
  const override = (part: string, type: string) =>
    `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml"/>`;
  const n = shapes.length;
  return {
    '[Content_Types].xml':
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      override('xl/workbook.xml', 'sheet.main') +
      shapes.map((_, i) => override(`xl/worksheets/sheet${i + 1}.xml`, 'worksheet')).join('') +
      override('xl/sharedStrings.xml', 'sharedStrings') +
      override('xl/styles.xml', 'styles') +
      '</Types>',
    '_rels/.rels':
      `${HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
      `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/_rels/workbook.xml.rels':
      `${HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
      shapes.map((_, i) => relationship(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') +
      relationship(`rId${n + 1}`, 'sharedStrings', 'sharedStrings.xml') +
      relationship(`rId${n + 2}`, 'styles', 'styles.xml') +
      '</Relationships>',
    'xl/workbook.xml':
      `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
      `<workbookPr/><bookViews><workbookView/></bookViews><sheets>${sheetList.join('')}</sheets>` +
      `<definedNames>${names.join('')}</definedNames><calcPr/></workbook>`,
    ...Object.fromEntries(sheets.map((xml, i) => [`xl/worksheets/sheet${i + 1}.xml`, xml])),
    'xl/sharedStrings.xml': sharedStringsXml(strings),
    'xl/styles.xml': stylesXml(),
  };
}
