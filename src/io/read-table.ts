// A data file as a table of text cells with the line each row came from: CSV (comma, semicolon
// or tab, as Excel writes them; split by csv-records.ts, the one CSV reader) or YAML (a list of
// schools, read-yaml-table.ts). Values are not interpreted here.
import { dataError } from '../errors.js';
import type { TextSource } from './read-text.js';
import { CsvRecords } from './csv-records.js';

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

/** Text held back to judge the delimiter by (detectDelimiter reads no further). */
const DETECT_CHARS = 64 * 1024;

export interface TableEvents {
  header(headers: string[], line: number): void;
  row(cells: string[], line: number): void;
}

/**
 * A CSV table fed text in chunks: the delimiter judged from the start, the header found among the
 * first 20 records (title rows may stand above it in published files: the header is the first
 * row that names a URN column), and each row after it, with decimal commas read in a
 * semicolon-separated file. The file's problems are thrown by `end` once the whole file is split.
 */
export class CsvTable {
  private head = '';
  private records: CsvRecords | null = null;
  private seen = 0;
  private firstLine = 0;
  private found = false;
  private looking = true;
  private decimalCommas = false;
  private text = false;

  constructor(
    private readonly display: string,
    private readonly isHeader: (cells: string[]) => boolean,
    private readonly events: TableEvents,
  ) {}

  push(text: string): void {
    if (!this.text && text.trim() !== '') this.text = true;
    if (this.records) this.records.push(text, this.onRecord);
    else {
      this.head += text;
      if (this.head.length >= DETECT_CHARS) this.start();
    }
  }

  end(): void {
    const empty = dataError(`${this.display}: the file is empty; it needs a header row and one row per school`);
    if (!this.text) throw empty;
    if (!this.records) this.start();
    this.records!.end(this.onRecord);
    if (this.seen === 0) throw empty;
    if (!this.found)
      throw dataError(
        `${this.display}:${this.firstLine}: no URN column in the header; name one column "urn" (the school's 6-digit URN)`,
      );
  }

  private start(): void {
    const text = this.head.replace(/^\uFEFF/, '');
    this.head = '';
    const delimiter = detectDelimiter(text, this.isHeader);
    this.decimalCommas = delimiter === ';';
    this.records = new CsvRecords(delimiter, this.display);
    this.records.push(text, this.onRecord);
  }

  private onRecord = (cells: string[], line: number, endLine: number): void => {
    if (this.found) {
      this.events.row(this.decimalCommas ? readDecimalCommas(cells) : cells, line);
      return;
    }
    if (!this.looking) return;
    if (this.seen++ === 0) this.firstLine = endLine;
    if (this.isHeader(cells)) {
      this.found = true;
      this.events.header(
        cells.map((h) => h.trim()),
        line,
      );
    } else if (this.seen >= 20) this.looking = false;
  };
}

/** A whole text as a table, through the one reader (for tests and small texts already in memory). */
export function readCsvTable(source: TextSource, isHeader: (cells: string[]) => boolean): RawTable {
  const table: RawTable = { file: source.display, headers: [], headerLine: 0, rows: [] };
  const reader = new CsvTable(source.display, isHeader, {
    header: (headers, line) => {
      table.headers = headers;
      table.headerLine = line;
    },
    row: (cells, line) => table.rows.push({ line, cells }),
  });
  reader.push(source.text);
  reader.end();
  return table;
}
