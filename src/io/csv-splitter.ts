// A CSV reader for large files, fed text in chunks: the same dialect as read-table.ts reads with
// csv-parse (RFC 4180 quotes, "" inside quotes, CRLF or LF, blank lines skipped, an error for a
// quote that is never closed or stray text after a closing quote), but with no object per cell
// and a fast path for the common line without quotes. Each record carries the line it starts on.
import { dataError } from '../errors.js';

export type OnRecord = (cells: string[], line: number) => void;

/** No real record is this long (an Excel cell holds at most 32,767 characters): a quote was never closed. */
export const MAX_RECORD = 8 * 1024 * 1024;
export const TOO_LONG = `cannot read this CSV: a line longer than ${MAX_RECORD / (1024 * 1024)} MB (the most one school's row may have; see "Limits" in the README)`;

export class CsvSplitter {
  /** Text not yet split: the start of a record that the next chunk completes. */
  private rest = '';
  /** Line number (1-based) of the first character of `rest`. */
  private line = 1;

  constructor(
    private readonly delimiter: string,
    private readonly display: string,
  ) {}

  /** Splits every complete record in `text` (after what was left from the last chunk). */
  push(text: string, onRecord: OnRecord): void {
    this.split(this.rest + text, onRecord, false);
  }

  /** The last record (a file need not end with a newline). */
  end(onRecord: OnRecord): void {
    this.split(this.rest, onRecord, true);
    this.rest = '';
  }

  private split(text: string, onRecord: OnRecord, final: boolean): void {
    const delimiter = this.delimiter;
    const length = text.length;
    let pos = 0;
    let line = this.line;
    let quote = text.indexOf('"');
    while (pos < length) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) {
        if (!final) break;
        eol = length;
      }
      if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos);
      if (quote < 0 || quote > eol) {
        // No quote before the end of the line: split it as it is.
        const end = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
        if (end > pos) onRecord(text.slice(pos, end).split(delimiter), line);
        pos = eol + 1;
        line++;
        continue;
      }
      const record = this.quoted(text, pos, line, final);
      if (record === null) break; // the record goes on in the next chunk
      onRecord(record.cells, line);
      pos = record.next;
      line = record.line;
    }
    this.rest = pos < length ? text.slice(pos) : '';
    this.line = line;
    // Without this, an unclosed quote near the top would make every later chunk rescan the rest.
    if (this.rest.length > MAX_RECORD) {
      if (this.rest.includes('"'))
        throw dataError(
          `${this.display}:${line}: cannot read this CSV: a quoted value is never closed (a " without its partner)`,
        );
      throw dataError(`${this.display}:${line}: ${TOO_LONG}`);
    }
  }

  /** A record with quotes, cell by cell; null when the text ends inside it (and more may come). */
  private quoted(
    text: string,
    start: number,
    startLine: number,
    final: boolean,
  ): { cells: string[]; next: number; line: number } | null {
    const delimiter = this.delimiter;
    const cells: string[] = [];
    let pos = start;
    let line = startLine;
    for (;;) {
      if (text.charCodeAt(pos) === 34) {
        // A quoted cell: up to the quote that is not doubled.
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (!final) return null;
            throw dataError(
              `${this.display}:${startLine}: cannot read this CSV: a quoted value is never closed (a " without its partner)`,
            );
          }
          if (q + 1 >= text.length && !final) return null;
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
            continue;
          }
          pos = q + 1;
          break;
        }
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) line++;
        cells.push(value);
        const next = text[pos];
        if (next === delimiter) {
          pos++;
          continue;
        }
        if (next === '\r' && text[pos + 1] === '\n') pos++;
        else if (next === '\r' && pos + 1 >= text.length && !final) return null;
        if (pos >= text.length || text[pos] === '\n') return { cells, next: pos + 1, line: line + 1 };
        throw dataError(
          `${this.display}:${line}: cannot read this CSV: text after a closing quote in value ${cells.length} (a quote inside a value must be doubled: "")`,
        );
      }
      // An unquoted cell: up to the delimiter or the end of the line; a quote may not appear in it.
      let end = pos;
      while (end < text.length) {
        const ch = text[end];
        if (ch === delimiter || ch === '\n') break;
        if (ch === '"') {
          throw dataError(
            `${this.display}:${line}: cannot read this CSV: a quote inside value ${cells.length + 1} that does not start it (quote the whole value, and double the quote inside)`,
          );
        }
        end++;
      }
      if (end >= text.length && !final) return null;
      const cellEnd = text[end] === '\n' && end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      cells.push(text.slice(pos, cellEnd));
      if (text[end] === delimiter) {
        pos = end + 1;
        continue;
      }
      return { cells, next: end + 1, line: line + 1 };
    }
  }
}
