// A table as it goes into a document for schools and boards (HTML, Markdown): no names that only
// mean something inside sit (days_text, activity_id). CSV, JSON and Excel keep the names scripts
// rely on; the text in them (days with no number: core/display.ts notStatedText) is plain already.
import type { TableModel } from './table-model.js';

/** Column keys shown under another header in a document, or left out (null). */
const DOCUMENT_COLUMNS: Record<string, string | null> = {
  days_text: 'support days (as the policy gives them)',
  activity_id: null,
};

export function documentTable(table: TableModel): TableModel {
  const columns = table.columns
    .filter((c) => DOCUMENT_COLUMNS[c.key] !== null)
    .map((c) => (c.key in DOCUMENT_COLUMNS && c.header === c.key ? { ...c, header: DOCUMENT_COLUMNS[c.key]! } : c));
  return {
    ...table,
    columns,
    rows: table.rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? null]))),
  };
}
