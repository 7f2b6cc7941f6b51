// GitHub-flavoured Markdown tables, with every value from data escaped so it stays text.
import type { Cell, RowsTable } from './table-model.js';
import { documentColumns } from './document.js';

export function escapeMarkdown(value: Cell): string {
  if (value === null) return '';
  return String(value)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

/** The Markdown a line at a time: the head, the rows, the foot. */
export function* markdownLines(table: RowsTable): Generator<string> {
  yield* markdownHead(table);
  yield* markdownRows(table);
  yield markdownFoot(table);
}

/** The title, the lines under it, and the table's header (for output written in batches). */
export function* markdownHead(table: RowsTable): Generator<string> {
  const columns = documentColumns(table);
  yield `# ${escapeMarkdown(table.title)}\n\n`;
  for (const line of table.subtitle ?? []) yield `${escapeMarkdown(line)}\n\n`;
  yield `| ${columns.map((c) => escapeMarkdown(c.header)).join(' | ')} |\n`;
  yield `| ${columns.map(() => '---').join(' | ')} |\n`;
}

/** The table's rows alone. */
export function* markdownRows(table: RowsTable): Generator<string> {
  const columns = documentColumns(table);
  for (const row of table.rows) yield `| ${columns.map((c) => escapeMarkdown(row[c.key] ?? null)).join(' | ')} |\n`;
}

/** The lines after the table. */
export function markdownFoot(table: Pick<RowsTable, 'footer'>): string {
  return table.footer?.length ? `\n${table.footer.map((l) => `${escapeMarkdown(l)}\n`).join('')}` : '';
}
