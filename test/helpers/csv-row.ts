// The plainest CSV line of a row, what the tests hold sit's CSV writers to: each column's cell as
// csvCell writes it, in the columns' order, joined by commas and ended by CRLF.
import { csvCell } from '../../src/io/formats/csv.js';
import type { Cell, Column } from '../../src/io/formats/table-model.js';

export function csvRow(columns: readonly Column[], row: Readonly<Record<string, Cell | undefined>>): string {
  return `${columns.map((c) => csvCell(row[c.key] ?? null)).join(',')}\r\n`;
}
