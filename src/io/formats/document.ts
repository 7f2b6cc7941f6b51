// A table as it goes into a document for schools and boards (HTML, Markdown): no names that only
// mean something inside sit (days_text, activity_id) and no "not stated in the source (...)",
// which reads as an internal note. CSV, JSON and Excel keep the names scripts rely on.
import type { Cell, TableModel } from './table-model.js';

/** Column keys shown under another header in a document, or left out (null). */
const DOCUMENT_COLUMNS: Record<string, string | null> = {
  days_text: 'support days (as the policy gives them)',
  activity_id: null,
};

/** The words a reader sees for sit's own phrases. */
export function readerWords(text: string): string {
  return text
    .replace(/with days not stated in the source/g, 'with no number of days set in the policy')
    .replace(/not stated in the source/g, 'no number of days set');
}

const words = (cell: Cell): Cell => (typeof cell === 'string' ? readerWords(cell) : cell);

export function documentTable(table: TableModel): TableModel {
  const columns = table.columns
    .filter((c) => DOCUMENT_COLUMNS[c.key] !== null)
    .map((c) => (c.key in DOCUMENT_COLUMNS && c.header === c.key ? { ...c, header: DOCUMENT_COLUMNS[c.key]! } : c));
  return {
    ...table,
    title: readerWords(table.title),
    subtitle: table.subtitle?.map(readerWords),
    footer: table.footer?.map(readerWords),
    columns,
    rows: table.rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, words(row[c.key] ?? null)]))),
  };
}
