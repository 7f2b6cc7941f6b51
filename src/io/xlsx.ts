// Excel workbooks in and out. Reading: the first sheet with a URN column (or --sheet NAME) as a table of text
// cells, the header being the first row that names a URN column. Writing: one sheet per table,
// a bold header row frozen at the top, column widths from the content and tier colours, its XML
// written here (xlsx-sheet.ts has the parts around the cells) and zipped by zip.ts.
// The reading library (read-excel-file, on fflate), and fflate itself (its tables are built when
// it is imported), are imported only when an .xlsx is read or written, so start-up does not pay
// for them.
import { SitError, dataError, usageError } from '../errors.js';
import { Interned } from '../core/interned.js';
import type { RawTable } from './read-table.js';
import { widest, type Cell, type TableModel } from './formats/table-model.js';
import { levelClass } from './formats/html.js';
import {
  BATCH,
  cellStyle,
  columnLetters,
  DATE,
  FILL,
  HEADER_STYLE,
  PLAIN,
  sheetEnd,
  sheetNames,
  sheetStart,
  workbookParts,
  WRAPPED,
} from './xlsx-sheet.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a CSV would have held: dates as YYYY-MM-DD, whole numbers without ".0". */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time =
      value.getUTCHours() || value.getUTCMinutes() ? ` ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : '';
    return date + time;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e9) / 1e9);
  return String(value);
}

export function isXlsxPath(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

/** Zip files (and so .xlsx) start with "PK\x03\x04". */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Limits on a workbook read (README "Limits"): the reader holds each sheet as rows x columns. */
export const MAX_XLSX_UNZIPPED = 256 * 1024 * 1024;
export const MAX_SHEET_COLUMNS = 1000;
export const MAX_SHEET_CELLS = 5_000_000;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Refuses a workbook that would not fit in memory before the reader builds it: one that unzips
 * to more than MAX_XLSX_UNZIPPED, or a sheet whose last cell (one value in XFD1048576 is enough)
 * makes its rows x columns more than MAX_SHEET_CELLS or its columns more than MAX_SHEET_COLUMNS.
 */
export async function checkXlsxSize(bytes: Uint8Array, display: string): Promise<void> {
  const { strFromU8, unzipSync } = await import('fflate');
  let total = 0;
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_XLSX_UNZIPPED)
          throw dataError(
            `${display}: unzips to more than ${MAX_XLSX_UNZIPPED / (1024 * 1024)} MB, the most sit reads (see "Limits" in the README)`,
          );
        return /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
      },
    });
  } catch (error) {
    if (error instanceof SitError) throw error;
    return; // not a zip after all: the reader says what is wrong with it
  }
  for (const [name, data] of Object.entries(sheets)) {
    const xml = strFromU8(data);
    let rows = 0;
    let columns = 0;
    for (const m of xml.matchAll(/<c\b[^>]*?\sr="([A-Z]{1,3})(\d{1,7})"/g)) {
      columns = Math.max(columns, columnNumber(m[1]));
      rows = Math.max(rows, Number(m[2]));
    }
    const sheet = name.replace(/^xl\/worksheets\//, '').replace(/\.xml$/, '');
    if (columns > MAX_SHEET_COLUMNS || rows * columns > MAX_SHEET_CELLS) {
      throw dataError(
        `${display} (${sheet}): has a value ${rows.toLocaleString('en-GB')} rows down and ${columns.toLocaleString('en-GB')} columns across; sit reads at most ${MAX_SHEET_COLUMNS.toLocaleString('en-GB')} columns and ${MAX_SHEET_CELLS.toLocaleString('en-GB')} cells (rows x columns) a sheet: delete the stray cells far from the table`,
      );
    }
  }
}

export async function readXlsxTable(
  bytes: Buffer,
  display: string,
  isHeader: (cells: string[]) => boolean,
  sheet?: string,
): Promise<RawTable> {
  await checkXlsxSize(bytes, display);
  const { default: readXlsxFile } = await import('read-excel-file/node');
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(bytes)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    throw dataError(
      `${display}: cannot read this Excel workbook (${(error as Error).message.split('\n')[0]}); save it again from Excel as .xlsx, or as CSV UTF-8`,
    );
  }
  // Without --sheet: the first sheet, unless it has no URN column and a later one does (a
  // "Read me" sheet in front of the data).
  const hasHeader = (s: { data: unknown[][] }) => s.data.slice(0, 20).some((r) => isHeader(r.map(cellText)));
  const chosen =
    sheet === undefined
      ? (sheets.find(hasHeader) ?? sheets[0])
      : (sheets.find((s) => s.sheet === sheet) ?? sheets.find((s) => s.sheet.toLowerCase() === sheet.toLowerCase()));
  if (!chosen) {
    throw usageError(
      `--sheet ${sheet}: ${display} has no sheet of that name; its sheets are: ${sheets.map((s) => s.sheet).join(', ')}`,
    );
  }
  const rows = chosen.data.map((r) => r.map(cellText));
  const where = `${display} (sheet ${chosen.sheet})`;
  if (rows.length === 0) throw dataError(`${where}: the sheet is empty; it needs a header row and one row per school`);
  const headerIndex = rows.slice(0, 20).findIndex((r) => isHeader(r));
  if (headerIndex < 0)
    throw dataError(`${where}:1: no URN column in the header; name one column "urn" (the school's 6-digit URN)`);
  return {
    file: display,
    headers: rows[headerIndex].map((h) => h.trim()),
    headerLine: headerIndex + 1,
    // A row's number in Excel is its line for messages.
    rows: rows.slice(headerIndex + 1).map((cells, i) => ({ line: headerIndex + 2 + i, cells })),
  };
}

/** A column's width in characters: its longest value or header, padded, from 6 to 60. */
export function widthOf(values: Cell[], header: string): number {
  const longest = widest(values, (v) => (v === null ? 0 : String(v).length), header.length);
  return Math.min(60, Math.max(6, longest + 2));
}

/** Excel's last row: a sheet holds at most this many, the header among them. */
export const MAX_SHEET_ROWS = 1_048_576;

/** Excel's limit on the characters in one cell; a longer value is cut, with a marker saying so. */
export const MAX_EXCEL_CELL = 32767;
const CUT_MARKER = ' [cut: longer than an Excel cell holds]';

/** A text cell Excel can hold: cut to its limit with a marker, and `warn` told once per column. */
function fitCell(text: string, column: string, warned: Set<string>, warn?: (line: string) => void): string {
  if (text.length <= MAX_EXCEL_CELL) return text;
  if (!warned.has(column)) {
    warned.add(column);
    warn?.(
      `column "${column}": a value longer than ${MAX_EXCEL_CELL.toLocaleString('en-GB')} characters (Excel's limit for a cell) was cut, marked "${CUT_MARKER.trim()}"; the CSV output has it whole`,
    );
  }
  return text.slice(0, MAX_EXCEL_CELL - CUT_MARKER.length) + CUT_MARKER;
}

/** Text that is a calendar date, YYYY-MM-DD: written as a date cell. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Points per line of 10-point Arial. */
const LINE_HEIGHT = 13;

/** How many lines text takes wrapped at word breaks to `width` characters. */
export function wrappedLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (used > 0 && used + 1 + word.length > width) {
      lines++;
      used = 0;
    }
    used += (used > 0 ? 1 : 0) + word.length;
    if (used > width) {
      lines += Math.ceil(used / width) - 1;
      used %= width;
    }
  }
  return lines;
}

/** A column holds dates when every value in it is a YYYY-MM-DD date. */
function isDateColumn(values: Cell[]): boolean {
  const present = values.filter((v) => v !== null && v !== '');
  return (
    present.length > 0 &&
    present.every((v) => typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
  );
}

/** The table as an .xlsx workbook: header row frozen, widths set, rows coloured by tier level. */
export async function toXlsx(table: TableModel, warn?: (line: string) => void): Promise<Uint8Array> {
  return toXlsxWorkbook([table], warn);
}

/** Days from Excel's day 0 (1900 date system) to 1970-01-01. */
const EXCEL_1970 = 25569;
const DAY_MS = 86_400_000;

/** One sheet per table (a budget's schools, tiers, trusts and terms), each named by its title. */
export async function toXlsxWorkbook(tables: TableModel[], warn?: (line: string) => void): Promise<Uint8Array> {
  // Refused before any of it is made: a sheet past Excel's last row opens cut short, or not at all.
  for (const table of tables)
    if (table.rows.length + 1 > MAX_SHEET_ROWS)
      throw usageError(
        `${table.title}: ${table.rows.length.toLocaleString('en-GB')} rows and a header, and a spreadsheet's sheet holds at most ${MAX_SHEET_ROWS.toLocaleString('en-GB')} (Excel's limit): write it as CSV (--format csv), which has none, or ask for fewer rows`,
      );
  const warned = new Set<string>();
  // Shared strings: each distinct text is stored once and cells hold its number. A tier's reasons
  // repeat on thousands of rows, so the sheet (and the work of compressing it) stays small.
  const strings = new Interned<string>();
  const stringId = (text: string) => strings.ofItem(text);
  const names = sheetNames(tables.map((t) => t.title));
  const shapes = tables.map((t, i) => ({ name: names[i], columns: t.columns.length, rows: t.rows.length + 1 }));
  function* sheet(table: TableModel, index: number): Generator<string> {
    const keys = table.columns.map((c) => c.key);
    const values = keys.map((key) => table.rows.map((r) => r[key] ?? null));
    const widths = table.columns.map((c, j) => widthOf(values[j], c.header));
    const dates = values.map(isDateColumn);
    // Text longer than its column (long reasons) wraps within it; every cell sits at the top of its row.
    const wraps = values.map((vs, j) => vs.some((v) => typeof v === 'string' && v.length > widths[j] - 2));
    const letters = keys.map((_, j) => columnLetters(j));
    // Lines a wrapped value takes, by column: a tier's reasons repeat on thousands of rows.
    const linesOf = keys.map(() => new Map<string, number>());
    const linesIn = (j: number, text: string) => {
      let n = linesOf[j].get(text);
      if (n === undefined) {
        n = wrappedLines(text, Math.round((widths[j] - 2) * 1.15));
        linesOf[j].set(text, n);
      }
      return n;
    };
    // The sheet's XML as text a batch of rows at a time, each made into bytes as it comes (zip.ts):
    // no object per cell, and never the sheet as one string.
    let xml =
      sheetStart(index, widths) +
      `<row r="1">${table.columns.map((c, j) => `<c r="${letters[j]}1" s="${HEADER_STYLE}" t="s"><v>${stringId(c.header)}</v></c>`).join('')}</row>`;
    for (let i = 0; i < table.rows.length; i++) {
      if (i % BATCH === 0) {
        yield xml;
        xml = '';
      }
      const row = table.rows[i];
      const r = i + 2;
      const fill = table.levels ? (FILL[levelClass(table.levels[i], table.maxLevel)] ?? 0) : 0;
      // Excel and LibreOffice do not grow a row for wrapped text they did not wrap themselves: give it the height.
      let lines = 1;
      let cells = '';
      for (let j = 0; j < keys.length; j++) {
        const value = row[keys[j]] ?? null;
        if (wraps[j]) lines = Math.max(lines, linesIn(j, String(value ?? '')));
        const ref = letters[j] + r;
        if (value === null || value === '') {
          if (fill) cells += `<c r="${ref}" s="${cellStyle(fill, PLAIN)}"/>`;
        } else if (dates[j]) {
          const serial = Date.parse(`${value}T00:00:00Z`) / DAY_MS + EXCEL_1970;
          cells += `<c r="${ref}" s="${cellStyle(fill, DATE)}"><v>${serial}</v></c>`;
        } else if (typeof value === 'number' && Number.isFinite(value)) {
          cells += `<c r="${ref}" s="${cellStyle(fill, PLAIN)}"><v>${value}</v></c>`;
        } else {
          const id = stringId(fitCell(String(value), table.columns[j].header, warned, warn));
          cells += `<c r="${ref}" s="${cellStyle(fill, wraps[j] ? WRAPPED : PLAIN)}" t="s"><v>${id}</v></c>`;
        }
      }
      xml += `<row r="${r}"${lines > 1 ? ` ht="${lines * LINE_HEIGHT}" customHeight="1"` : ''}>${cells}</row>`;
    }
    yield xml + sheetEnd(shapes[index]);
  }
  const sheets = tables.map(sheet);
  const { zipEntries } = await import('./zip.js');
  return zipEntries(workbookParts(shapes, sheets, strings.items));
}
