// Turns a table model into the chosen format: CSV, Markdown, HTML and the terminal table a part at a
// time (written as they come, never one string; the terminal's rows are measured first, so held);
// the Excel workbook whole (a zip, written once its parts are known).
import { withRowArray, type RowsTable } from './formats/table-model.js';
import { csvLines } from './formats/csv.js';
import { markdownLines } from './formats/markdown.js';
import { htmlPage } from './formats/html.js';
import { terminalParts } from './formats/terminal.js';
import type { Content } from './output.js';
import { toXlsx } from './xlsx.js';

export { jsonArray, toJson } from './formats/json.js';

/** A text format's content, a part at a time (the terminal table a block of rows at a time). */
export function tableContent(
  table: RowsTable,
  format: string,
  options: { color: boolean; width?: number },
): Iterable<string> {
  switch (format) {
    case 'csv':
      return csvLines(table);
    case 'md':
      return markdownLines(table);
    case 'html':
      return htmlPage(table);
    case 'table':
      return terminalParts(withRowArray(table), options);
    default:
      throw new Error(`tableContent: no writer for ${format}`);
  }
}

/** Any tabular format, .xlsx included (a workbook: bytes, built asynchronously). */
export async function renderTableOutput(
  table: RowsTable,
  format: string,
  options: { color: boolean; width?: number; warn?: (line: string) => void },
): Promise<Content> {
  return format === 'xlsx' ? toXlsx(withRowArray(table), options.warn) : tableContent(table, format, options);
}
