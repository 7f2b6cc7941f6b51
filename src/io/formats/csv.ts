// CSV that opens in Excel and cannot run as a formula there (SPEC section 5).
import { stringify } from 'csv-stringify/sync';
import type { Cell, TableModel } from './table-model.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A cell that Excel would read as a formula gets a leading apostrophe; numbers stay numbers. */
export function neutralise(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (/^[=+\-@\t\r]/.test(value) && !NUMBER.test(value)) return `'${value}`;
  return value;
}

export function toCsv(table: TableModel, options: { bom?: boolean } = {}): string {
  const body = stringify([
    table.columns.map((c) => neutralise(c.header)),
    ...table.rows.map((row) => table.columns.map((c) => neutralise(row[c.key] ?? null))),
  ], { record_delimiter: '\r\n' });
  return (options.bom ? '\uFEFF' : '') + body;
}
