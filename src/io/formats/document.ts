// A table as it goes into a document for schools and boards (HTML, Markdown): no names that only
// mean something inside sit (days_text, activity_id). CSV, JSON and Excel keep the names scripts
// rely on; the text in them (days with no number: core/display.ts notStatedText) is plain already.
import type { Column, RowsTable } from './table-model.js';

/** Column keys shown under another header in a document, or left out (null). */
const DOCUMENT_COLUMNS: Record<string, string | null> = {
  days_text: 'support days (as the policy gives them)',
  activity_id: null,
};

/** The columns a document shows, under their document headers (rows are read by key, so they stay as they are). */
export function documentColumns(table: RowsTable): Column[] {
  return table.columns
    .filter((c) => DOCUMENT_COLUMNS[c.key] !== null)
    .map((c) => (c.key in DOCUMENT_COLUMNS && c.header === c.key ? { ...c, header: DOCUMENT_COLUMNS[c.key]! } : c));
}
