// One self-contained HTML file that prints on A4, with real table headers and every value escaped.
import type { Cell, TableModel } from './table-model.js';
import pageTemplate from '../../../templates/table.html';

export function escapeHtml(value: Cell): string {
  if (value === null) return '';
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Fills {{name}} slots; every slot value is already HTML. */
export function fillTemplate(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => slots[name] ?? '');
}

/** 1 (least support) is green, the most support red, in between amber. */
export function levelClass(level: number | null | undefined, maxLevel: number | undefined): string {
  if (level === null || level === undefined || !maxLevel) return 'needs-data';
  if (level <= 1) return 'level-low';
  if (level >= maxLevel) return 'level-high';
  return level >= (maxLevel + 1) / 2 ? 'level-mid-high' : 'level-mid';
}

export function tableHtml(table: TableModel): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
  const rows = table.rows.map((row, i) => {
    const cls = table.levels ? ` class="${levelClass(table.levels[i], table.maxLevel)}"` : '';
    const cells = table.columns.map((c, j) => (j === 0 ? `<th scope="row">${escapeHtml(row[c.key] ?? null)}</th>` : `<td>${escapeHtml(row[c.key] ?? null)}</td>`)).join('');
    return `<tr${cls}>${cells}</tr>`;
  });
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function toHtml(table: TableModel): string {
  return fillTemplate(pageTemplate, {
    title: escapeHtml(table.title),
    subtitle: (table.subtitle ?? []).map((l) => `<p>${escapeHtml(l)}</p>`).join('\n'),
    table: tableHtml(table),
    footer: (table.footer ?? []).map((l) => `<p>${escapeHtml(l)}</p>`).join('\n'),
  });
}
