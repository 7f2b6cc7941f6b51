// CSV that opens in Excel and cannot run as a formula there (SPEC section 5).
import type { Cell, RowsTable } from './table-model.js';
import { contentText } from '../output.js';
import { keptValue } from '../../core/values.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A cell that Excel would read as a formula gets a leading apostrophe; numbers stay numbers. */
export function neutralise(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const first = value.charCodeAt(0); // = + - @ tab CR
  if (
    (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) &&
    !NUMBER.test(value)
  )
    return `'${value}`;
  return value;
}

const QUOTE = /[",\r\n]/;

/** One field as csv-stringify writes it (quoted when it holds a comma, quote or line break); a property test holds them equal. */
export function csvField(text: string): string {
  return QUOTE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell as CSV writes it: neutralised, then quoted if it must be. */
export function csvCell(value: Cell): string {
  // A number's text has no quote, comma or line break, and a formula sign only as its sign.
  return typeof value === 'number' ? String(value) : csvField(neutralise(value));
}

/**
 * The CSV a line at a time, the header first: each column's repeated cells escaped once
 * (csvCellOf; a budget's basis is a thousand characters, the same for a tier's schools).
 */
export function* csvLines(table: RowsTable): Generator<string> {
  const columns = table.columns;
  yield `${columns.map((c) => csvField(neutralise(c.header))).join(',')}\r\n`;
  if (table.csvRows) {
    yield* table.csvRows();
    return;
  }
  const cells = columns.map(({ key }) => csvCellOf((row: Readonly<Record<string, Cell | undefined>>) => row[key]));
  for (const row of table.rows) yield cells.length ? csvLineFrom(cells, row) : '\r\n';
}

/** The CSV as one string, for a small table. */
export function toCsv(table: RowsTable): string {
  return contentText(csvLines(table));
}

/** The most distinct texts a column's cells are remembered for (see csvCellOf). */
const CELLS_KEPT = 1000;

/**
 * One column's cell as CSV writes it (csvCell, as every CSV writer writes it), each distinct
 * value escaped once: tiers, days, reasons and phases repeat in row after row. A column with more
 * distinct values than CELLS_KEPT (names, URNs, trusts) stops being remembered and is escaped cell by cell.
 */
export function csvCellOf<T>(read: (item: T) => Cell | undefined): (item: T) => string {
  let known: Map<Cell, string> | null = new Map();
  return (item) => {
    const value = read(item) ?? null;
    if (known === null) return csvCell(value);
    let text = known.get(value);
    if (text === undefined) {
      text = csvCell(value);
      if (known.size < CELLS_KEPT) known.set(keptValue(value), text);
      else known = null;
    }
    return text;
  };
}

/** One item's line of CSV from its columns' cells (csvCellOf). */
export function csvLineFrom<T>(cells: readonly ((item: T) => string)[], item: T): string {
  let line = cells[0](item);
  for (let i = 1; i < cells.length; i++) line += `,${cells[i](item)}`;
  return `${line}\r\n`;
}
