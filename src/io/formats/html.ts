// One self-contained HTML file that prints on A4, with real table headers and every value escaped.
import { levelColumnOf, type Cell, type Column, type Mark, type RowsTable } from './table-model.js';
import pageTemplate from '../../../templates/table.html';
import { documentColumns } from './document.js';
import { contentText } from '../output.js';
import { fillPage, trusted, type Trusted } from '../template.js';

/** A character escapeHtml changes: most cells (names, numbers, a budget's basis) have none. */
const HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  if (!HTML_SPECIAL.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Fills one of sit's own HTML pages (template.ts), a part at a time: text for its {{name}} slots,
 * escaped here; markup sit made, marked trusted(), for its {{{name}}} slots (parts as they are made).
 */
export function fillHtmlPage(template: string, view: Record<string, string | Trusted>): Iterable<string> {
  return fillPage(template, view, escapeHtml);
}

/** 1 (least support) is green, the most support red, in between amber. */
export function levelClass(level: number | null | undefined, maxLevel: number | undefined): Mark {
  if (level === null || level === undefined || !maxLevel) return 'needs-data';
  if (level <= 1) return 'level-low';
  if (level >= maxLevel) return 'level-high';
  return level >= (maxLevel + 1) / 2 ? 'level-mid-high' : 'level-mid';
}

/** Per row, the mark of each cell that has one: the tier colour on the tier column, and the table's own marks. */
export function cellMark(table: RowsTable, key: string, row: number): Mark | null {
  if (table.levels && key === levelColumnOf(table)) return levelClass(table.levels[row], table.maxLevel);
  return table.marks?.[key]?.[row] ?? null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Per column, whether it holds dates (some text, and nothing but dates or blanks): read in one pass. */
function dateColumns(table: RowsTable, columns: Column[]): boolean[] {
  const text = columns.map(() => false);
  const dates = columns.map(() => true);
  for (const row of table.rows)
    columns.forEach((c, j) => {
      const value = row[c.key];
      if (typeof value === 'string') text[j] = true;
      if (dates[j] && value !== null && value !== undefined && !ISO_DATE.test(String(value))) dates[j] = false;
    });
  return columns.map((_, j) => text[j] && dates[j]);
}

/** The <table> a row at a time. */
export function* tableHtmlLines(table: RowsTable): Generator<string> {
  const columns = documentColumns(table);
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
  // A date does not break at its hyphens.
  const dates = dateColumns(table, columns);
  yield `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n`;
  let i = 0;
  for (const row of table.rows) {
    const cells = columns
      .map((c, j) => {
        // The cell's mark and "date", those it has (no arrays made for each cell of 22,000 rows).
        const mark = cellMark(table, c.key, i);
        const cls = mark ? ` class="${mark}${dates[j] ? ' date' : ''}"` : dates[j] ? ' class="date"' : '';
        return j === 0
          ? `<th scope="row"${cls}>${escapeHtml(row[c.key] ?? null)}</th>`
          : `<td${cls}>${escapeHtml(row[c.key] ?? null)}</td>`;
      })
      .join('');
    yield `${i === 0 ? '' : '\n'}<tr>${cells}</tr>`;
    i++;
  }
  yield '\n</tbody>\n</table>';
}

/** Lines of text as HTML paragraphs, each escaped. */
export const paragraphsHtml = (lines: readonly string[]): string[] => lines.map((l) => `<p>${escapeHtml(l)}</p>`);

/**
 * sit's one-page document (templates/table.html), a part at a time: this title and the lines under
 * it and at its foot (text, escaped here), around this body (markup sit made: whole, or its parts as
 * they are made).
 */
export function pageHtmlParts(
  title: string,
  lines: readonly string[],
  body: string | Iterable<string>,
  footer: readonly string[] = [],
): Iterable<string> {
  return fillHtmlPage(pageTemplate, {
    title,
    subtitle: trusted(paragraphsHtml(lines).join('\n')),
    table: trusted(body),
    footer: trusted(paragraphsHtml(footer).join('\n')),
  });
}

/** The page as one string (a small document). */
export const pageHtml = (title: string, lines: readonly string[], body: string, footer: readonly string[] = []) =>
  contentText(pageHtmlParts(title, lines, body, footer));

/** A table's page a part at a time: the template filled around the table, and the table's rows as they come. */
export const htmlPage = (table: RowsTable): Iterable<string> =>
  pageHtmlParts(table.title, table.subtitle ?? [], tableHtmlLines(table), table.footer ?? []);
