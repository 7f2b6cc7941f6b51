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
  if (typeof value === 'number') return String(value);
  if (!HTML_SPECIAL.test(value)) return value;
  return value
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

/**
 * Each column's marks, as a reader of a row's (null for a column without): the tier colour on the
 * tier column, and the table's own marks. Worked out once for a table, not for each of its cells.
 */
export function columnMarks(table: RowsTable, columns: readonly Column[]): (((row: number) => Mark | null) | null)[] {
  const levelKey = levelColumnOf(table);
  const { levels, maxLevel, marks } = table;
  return columns.map((c) => {
    if (levels && c.key === levelKey) return (row: number) => levelClass(levels[row], maxLevel);
    const own = marks?.[c.key];
    return own ? (row: number) => own[row] ?? null : null;
  });
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
  // Each column's key, its cell tag, and its marks (the tier colour, or the table's own), worked
  // out once: not for each of 22,000 rows' cells.
  const keys = columns.map((c) => c.key);
  const closes = columns.map((_, j) => (j === 0 ? '</th>' : '</td>'));
  const opens = columns.map((_, j) => (j === 0 ? '<th scope="row"' : '<td'));
  // A cell without a mark opens the same way in every row: made once.
  const plainOpens = opens.map((open, j) => `${open}${dates[j] ? ' class="date"' : ''}>`);
  const markOf = columnMarks(table, columns);
  yield `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n`;
  let i = 0;
  for (const row of table.rows) {
    let cells = '';
    for (let j = 0; j < keys.length; j++) {
      const mark = markOf[j]?.(i) ?? null;
      const open = mark ? `${opens[j]} class="${mark}${dates[j] ? ' date' : ''}">` : plainOpens[j];
      cells += open + escapeHtml(row[keys[j]] ?? null) + closes[j];
    }
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
