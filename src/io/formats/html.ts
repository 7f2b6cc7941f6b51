// One self-contained HTML file that prints on A4, with real table headers and every value escaped.
import { levelColumnOf, type Cell, type Mark, type TableModel } from './table-model.js';
import pageTemplate from '../../../templates/table.html';
import { documentTable } from './document.js';
import { fillPage, trusted } from '../template.js';

export function escapeHtml(value: Cell): string {
  if (value === null) return '';
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Fills one of sit's own pages whose {{{name}}} slots each take markup sit made (template.ts). */
export function fillTemplate(template: string, slots: Record<string, string>): string {
  return fillPage(template, Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, trusted(v)])), escapeHtml);
}

/** 1 (least support) is green, the most support red, in between amber. */
export function levelClass(level: number | null | undefined, maxLevel: number | undefined): Mark {
  if (level === null || level === undefined || !maxLevel) return 'needs-data';
  if (level <= 1) return 'level-low';
  if (level >= maxLevel) return 'level-high';
  return level >= (maxLevel + 1) / 2 ? 'level-mid-high' : 'level-mid';
}

/** Per row, the mark of each cell that has one: the tier colour on the tier column, and the table's own marks. */
export function cellMark(table: TableModel, key: string, row: number): Mark | null {
  if (table.levels && key === levelColumnOf(table)) return levelClass(table.levels[row], table.maxLevel);
  return table.marks?.[key]?.[row] ?? null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function tableHtml(shown: TableModel): string {
  const table = documentTable(shown);
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
  // A date does not break at its hyphens.
  const dates = table.columns.map(
    (c) =>
      table.rows.some((r) => typeof r[c.key] === 'string') &&
      table.rows.every((r) => r[c.key] === null || r[c.key] === undefined || ISO_DATE.test(String(r[c.key]))),
  );
  const rows = table.rows.map((row, i) => {
    const cells = table.columns
      .map((c, j) => {
        const classes = [cellMark(table, c.key, i), dates[j] ? 'date' : null].filter(Boolean);
        const cls = classes.length ? ` class="${classes.join(' ')}"` : '';
        return j === 0
          ? `<th scope="row"${cls}>${escapeHtml(row[c.key] ?? null)}</th>`
          : `<td${cls}>${escapeHtml(row[c.key] ?? null)}</td>`;
      })
      .join('');
    return `<tr>${cells}</tr>`;
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
