// A data file as a table of text cells with the line each row came from: CSV (comma, semicolon
// or tab, as Excel writes them) or YAML (a list of schools). Values are not interpreted here.
import { parse as parseCsv } from 'csv-parse/sync';
import { parseDocument, LineCounter, isAlias, isMap, isSeq, isScalar } from 'yaml';
import { dataError } from '../errors.js';
import type { TextSource } from './read-text.js';
import { MAX_RECORD, TOO_LONG } from './csv-splitter.js';

export interface RawRow {
  line: number;
  cells: string[];
}

export interface RawTable {
  file: string;
  headers: string[];
  /** Line of the header row (1-based). */
  headerLine: number;
  rows: RawRow[];
}

export function looksLikeYaml(source: TextSource, path: string): boolean {
  if (/\.ya?ml$/i.test(path)) return true;
  if (/\.(csv|tsv|txt)$/i.test(path)) return false;
  return /^\s*(#.*\n\s*)*-\s/.test(source.text);
}

const DELIMITERS = [',', ';', '\t'];

/**
 * The delimiter Excel used, judged from the first non-empty line outside quotes; but when one of
 * the first lines is a header (names a URN column) split by one delimiter, that one: a title row
 * above the header may use another ("Schools; as at 2024" above a comma-separated header).
 */
export function detectDelimiter(text: string, isHeader?: (cells: string[]) => boolean): string {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 20);
  if (isHeader) {
    for (const line of lines) {
      const found = DELIMITERS.find(
        (d) => line.includes(d) && isHeader(line.split(d).map((c) => c.replace(/^\s*"|"\s*$/g, ''))),
      );
      if (found) return found;
    }
  }
  const firstLine = lines[0] ?? '';
  const counts = { ',': 0, ';': 0, '\t': 0 } as Record<string, number>;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

/** A number with a decimal comma ("2,8", "-0,45", "94,5%"), as Excel writes it in a decimal-comma locale. */
const DECIMAL_COMMA = /^\s*[+-]?\d+,\d+\s*%?\s*$/;

/**
 * Cells of a semicolon-separated file: Excel separates with semicolons where the comma is the
 * decimal mark, so there "2,8" is 2.8 (never 28). Changes the cells in place.
 */
export function readDecimalCommas(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++)
    if (cells[i].includes(',') && DECIMAL_COMMA.test(cells[i])) cells[i] = cells[i].replace(',', '.');
  return cells;
}

/** csv-parse counts the line a record ends on; a quoted cell may span lines. */
function startLine(r: { record: string[]; info: { lines: number } }): number {
  let newlines = 0;
  for (const cell of r.record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) newlines++;
  return r.info.lines - newlines;
}

export function readCsvTable(source: TextSource, isHeader: (cells: string[]) => boolean): RawTable {
  const delimiter = detectDelimiter(source.text, isHeader);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(source.text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: MAX_RECORD,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    const where = e.lines ? `:${e.lines}` : '';
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw dataError(`${source.display}${where}: ${TOO_LONG}`);
    const what =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted value is never closed (a " without its partner)'
        : e.message.replace(/^Invalid Record Length: /, '').replace(/\s+/g, ' ');
    throw dataError(`${source.display}${where}: cannot read this CSV: ${what}`);
  }
  // Title rows may stand above the header in published files: the header is the first row that
  // names a URN column.
  const headerIndex = records.slice(0, 20).findIndex((r) => isHeader(r.record));
  if (records.length === 0)
    throw dataError(`${source.display}: the file is empty; it needs a header row and one row per school`);
  if (headerIndex < 0) {
    throw dataError(
      `${source.display}:${records[0].info.lines}: no URN column in the header; name one column "urn" (the school's 6-digit URN)`,
    );
  }
  const header = records[headerIndex];
  return {
    file: source.display,
    headers: header.record.map((h) => h.trim()),
    headerLine: startLine(header),
    rows: records
      .slice(headerIndex + 1)
      .map((r) => ({ line: startLine(r), cells: delimiter === ';' ? readDecimalCommas(r.record) : r.record })),
  };
}

const scalarText = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export function readYamlTable(source: TextSource): RawTable {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0].line;
    throw dataError(`${source.display}${line ? `:${line}` : ''}: not valid YAML: ${first.message.split('\n')[0]}`);
  }
  const list = isMap(doc.contents) ? doc.contents.get('schools', true) : doc.contents;
  if (!isSeq(list))
    throw dataError(`${source.display}:1: expected a YAML list of schools (each a set of field: value lines)`);
  const headers: string[] = [];
  const position = new Map<string, number>();
  const rows: RawRow[] = [];
  const problems: string[] = [];
  for (const item of list.items) {
    const line = lineCounter.linePos((item as { range?: number[] | null }).range?.[0] ?? 0).line;
    if (!isMap(item)) throw dataError(`${source.display}:${line}: each school must be a set of field: value lines`);
    const cells: string[] = [];
    const keys = new Set<string>();
    for (const pair of item.items) {
      const key = scalarText(isScalar(pair.key) ? pair.key.value : pair.key);
      if (keys.has(key)) {
        const at = lineCounter.linePos((pair.key as { range?: number[] | null }).range?.[0] ?? 0).line;
        problems.push(`${source.display}:${at}: "${key}" is given twice for this school; keep one`);
        continue;
      }
      keys.add(key);
      if (!position.has(key)) {
        position.set(key, headers.length);
        headers.push(key);
      }
      const node = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      if (node && !isScalar(node)) {
        // A list or a set of values in one cell (or an alias that contains itself) is not a value.
        const at = lineCounter.linePos((pair.value as { range?: number[] | null }).range?.[0] ?? 0).line;
        problems.push(`${source.display}:${at}: column "${key}": expected one value, not a list or a set of values`);
        continue;
      }
      const value = isScalar(node) ? node.value : node;
      cells[position.get(key)!] = scalarText(value);
    }
    rows.push({ line, cells: Array.from(cells, (c) => c ?? '') });
  }
  if (problems.length > 0) throw dataError(problems);
  return { file: source.display, headers, headerLine: 1, rows };
}
