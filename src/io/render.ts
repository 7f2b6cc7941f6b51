// Turns a table model into the chosen format's text.
import type { TableModel } from './formats/table-model.js';
import { toCsv } from './formats/csv.js';
import { toMarkdown } from './formats/markdown.js';
import { toHtml } from './formats/html.js';
import { toTerminal } from './formats/terminal.js';
import { toXlsx } from './xlsx.js';

export function renderTable(table: TableModel, format: string, options: { color: boolean; width?: number }): string {
  switch (format) {
    case 'csv':
      return toCsv(table);
    case 'md':
      return toMarkdown(table);
    case 'html':
      return toHtml(table);
    case 'table':
      return toTerminal(table, options);
    default:
      throw new Error(`renderTable: no writer for ${format}`);
  }
}

/** Any tabular format, .xlsx included (a workbook: bytes, built asynchronously). */
export async function renderTableOutput(
  table: TableModel,
  format: string,
  options: { color: boolean; width?: number; warn?: (line: string) => void },
): Promise<string | Uint8Array> {
  return format === 'xlsx' ? toXlsx(table, options.warn) : renderTable(table, format, options);
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
