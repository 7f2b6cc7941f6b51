// GitHub-flavoured Markdown tables, with every value from data escaped so it stays text.
import type { Cell, TableModel } from './table-model.js';
import { documentTable } from './document.js';

export function escapeMarkdown(value: Cell): string {
  if (value === null) return '';
  return String(value)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

export function toMarkdown(shown: TableModel): string {
  const table = documentTable(shown);
  const lines = [`# ${escapeMarkdown(table.title)}`, ''];
  for (const line of table.subtitle ?? []) lines.push(escapeMarkdown(line), '');
  lines.push(`| ${table.columns.map((c) => escapeMarkdown(c.header)).join(' | ')} |`);
  lines.push(`| ${table.columns.map(() => '---').join(' | ')} |`);
  for (const row of table.rows)
    lines.push(`| ${table.columns.map((c) => escapeMarkdown(row[c.key] ?? null)).join(' | ')} |`);
  if (table.footer?.length) lines.push('', ...table.footer.map((l) => escapeMarkdown(l)));
  return `${lines.join('\n')}\n`;
}
