// The one CSV record reader, fed text in chunks of any size: every data file sit reads comes
// through it, whatever its size or layout. The dialect is csv-parse's with the options sit used
// (a property test holds the two equal): RFC 4180 quotes with "" inside them; the record
// delimiter is the first line break seen outside quotes (CRLF, LF or a classic Mac CR), and any
// other CR or LF is a character of its cell; empty lines are skipped; a quote inside an unquoted
// value, text after a closing quote and a quote never closed are errors, worded as csv-parse
// words them, on the line csv-parse counts. There is no object per cell and a fast path for the
// common line without quotes.
import { dataError } from '../errors.js';

/** A record's cells, the line it starts on and the line it ends on (csv-parse's `info.lines`). */
export type OnRecord = (cells: string[], line: number, endLine: number) => void;

/** No real record is this long (an Excel cell holds at most 32,767 characters): a quote was never closed. */
export const MAX_RECORD = 8 * 1024 * 1024;
export const TOO_LONG = `cannot read this CSV: a line longer than ${MAX_RECORD / (1024 * 1024)} MB (the most one school's row may have; see "Limits" in the README)`;
const NEVER_CLOSED = 'a quoted value is never closed (a " without its partner)';

const CR = 13;
const LF = 10;
const QUOTE = 34;

/** Line breaks (each CR and each LF) in text[from, to): csv-parse counts each as a line. */
function breaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === CR || c === LF) n++;
  }
  return n;
}

function newlinesIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first byte of a character as csv-parse shows it in "got ..." (it reads UTF-8 bytes). */
const asByte = (ch: string) => String.fromCharCode(Buffer.from(ch)[0]);

interface Parsed {
  /** The record, or null for an empty line (skipped). */
  cells: string[] | null;
  endLine: number;
  next: number;
  /** csv-parse's line count after the record's delimiter. */
  lines: number;
}

export class CsvRecords {
  /** Text not yet split: the start of a record that the next chunk completes. */
  private rest = '';
  /** csv-parse's line count (1-based) at the first character of `rest`. */
  private lines = 1;
  /** The record delimiter, once seen. */
  private rd: string | null = null;
  /** The number of cells in the last record split on the fast path. */
  private width = 0;

  constructor(
    private readonly delimiter: string,
    private readonly display: string,
  ) {}

  /** Splits every complete record in `text` (after what was left from the last chunk). */
  push(text: string, onRecord: OnRecord): void {
    this.split(this.rest === '' ? text : this.rest + text, onRecord, false);
  }

  /** The last record (a file need not end with a line break). */
  end(onRecord: OnRecord): void {
    this.split(this.rest, onRecord, true);
    this.rest = '';
  }

  private fail(line: number, what: string): never {
    throw dataError(`${this.display}:${line}: cannot read this CSV: ${what.replace(/\s+/g, ' ')}`);
  }

  private split(text: string, onRecord: OnRecord, final: boolean): void {
    const delimiter = this.delimiter;
    const length = text.length;
    let pos = 0;
    let lines = this.lines;
    let quote = -2;
    let cr = -2;
    let lf = -2;
    let nextDelimiter = -2;
    let width = this.width;
    while (pos < length) {
      const rd = this.rd;
      if (rd !== null) {
        // The fast path: a line with no quote and no line break but its delimiter.
        let stop = text.indexOf(rd, pos);
        if (stop < 0) {
          if (!final) break;
          stop = length;
        }
        if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
        // A CR or LF before the delimiter is a character of a cell (and a line to csv-parse).
        if (rd !== '\r' && cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
        if (rd !== '\n' && lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
        const plain =
          (quote < 0 || quote >= stop) &&
          (rd === '\r' || cr < 0 || cr >= stop) &&
          (rd === '\n' || lf < 0 || lf >= stop);
        if (plain) {
          if (stop - pos > MAX_RECORD) throw dataError(`${this.display}:${lines}: ${TOO_LONG}`);
          if (stop > pos) {
            // The cells between delimiters, found with indexOf; the next delimiter is kept across
            // lines, so a file with few delimiters is not rescanned to its end for every line. The
            // array is made as long as the last record's, as most are, not grown cell by cell.
            const cells = new Array<string>(width);
            let count = 0;
            let at = pos;
            for (;;) {
              if (nextDelimiter !== -1 && nextDelimiter < at) nextDelimiter = text.indexOf(delimiter, at);
              if (nextDelimiter < 0 || nextDelimiter >= stop) break;
              cells[count++] = text.slice(at, nextDelimiter);
              at = nextDelimiter + delimiter.length;
            }
            cells[count++] = text.slice(at, stop);
            if (count !== width) cells.length = width = count;
            onRecord(cells, lines, lines);
          }
          pos = stop + rd.length;
          lines++;
          continue;
        }
      }
      const record = this.record(text, pos, lines, final);
      if (record === null) break; // the record goes on in the next chunk
      if (record.cells !== null) onRecord(record.cells, record.endLine - newlinesIn(record.cells), record.endLine);
      pos = record.next;
      lines = record.lines;
    }
    this.rest = pos < length ? text.slice(pos) : '';
    this.lines = lines;
    this.width = width;
    // Without this, an unclosed quote near the top would make every later chunk rescan the rest.
    if (this.rest.length > MAX_RECORD) {
      if (this.rest.includes('"')) this.fail(lines, NEVER_CLOSED);
      throw dataError(`${this.display}:${lines}: ${TOO_LONG}`);
    }
  }

  /** The length of the record delimiter at `i`, discovering it if not yet seen; -1: more text needed. */
  private delimiterAt(text: string, i: number, final: boolean): number {
    const rd = this.rd;
    const c = text.charCodeAt(i);
    if (rd !== null) {
      if (c !== rd.charCodeAt(0)) return 0;
      if (rd.length === 1) return 1;
      if (i + 1 >= text.length) return final ? 0 : -1;
      return text.charCodeAt(i + 1) === LF ? 2 : 0;
    }
    if (c === LF) {
      this.rd = '\n';
      return 1;
    }
    if (c !== CR) return 0;
    if (i + 1 >= text.length && !final) return -1;
    this.rd = text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
    return this.rd.length;
  }

  /** One record from `start`, character by character; null when the text ends inside it (and more may come). */
  private record(text: string, start: number, startLines: number, final: boolean): Parsed | null {
    const delimiter = this.delimiter.charCodeAt(0);
    const length = text.length;
    const cells: string[] = [];
    let size = 0;
    let pos = start;
    let lines = startLines;
    for (;;) {
      let field: string;
      let quoted = false;
      if (text.charCodeAt(pos) === QUOTE) {
        // A quoted value: up to the quote that is not doubled and stands before a delimiter.
        quoted = true;
        field = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (!final) return null;
            // csv-parse counts the lines up to the last character of the file.
            this.fail(lines + breaks(text, from, length - 1), NEVER_CLOSED);
          }
          if (q + 1 >= length && !final) return null;
          lines += breaks(text, from, q);
          field += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            from = q + 2;
            continue;
          }
          if (q + 1 >= length || text.charCodeAt(q + 1) === delimiter) {
            pos = q + 1;
            break;
          }
          const rd = this.delimiterAt(text, q + 1, final);
          if (rd < 0) return null;
          if (rd > 0) {
            pos = q + 1;
            break;
          }
          this.fail(
            lines,
            `Invalid Closing Quote: got "${asByte(text[q + 1])}" at line ${lines} instead of delimiter, record delimiter, trimable character (if activated) or comment`,
          );
        }
      } else {
        // An unquoted value: up to the delimiter or the record delimiter; a quote may not appear in it.
        let end = pos;
        for (;;) {
          if (end >= length) {
            if (!final) return null;
            break;
          }
          const c = text.charCodeAt(end);
          if (c === delimiter) break;
          if (c === CR || c === LF) {
            const rd = this.delimiterAt(text, end, final);
            if (rd < 0) return null;
            if (rd > 0) break;
            lines++;
          } else if (c === QUOTE) {
            this.fail(
              lines,
              `Invalid Opening Quote: a quote is found on field ${cells.length} at line ${lines}, value is ${JSON.stringify(text.slice(pos, end))}`,
            );
          }
          end++;
        }
        field = text.slice(pos, end);
        pos = end;
      }
      size += field.length;
      if (size > MAX_RECORD) throw dataError(`${this.display}:${lines}: ${TOO_LONG}`);
      if (pos >= length) {
        // The end of the file: the last record, unless the line is empty. csv-parse counts a line
        // break only when a character follows it, so a CR or LF ending the file is not counted.
        if (cells.length === 0 && field === '' && !quoted) return { cells: null, endLine: lines, next: pos, lines };
        const last = quoted ? 0 : field.charCodeAt(field.length - 1);
        cells.push(field);
        const endLine = last === CR || last === LF ? lines - 1 : lines;
        return { cells, endLine, next: pos, lines };
      }
      if (text.charCodeAt(pos) === delimiter) {
        cells.push(field);
        pos++;
        continue;
      }
      const rd = this.delimiterAt(text, pos, final);
      if (rd < 0) return null;
      // After a value comes a delimiter, the record delimiter or the end (checked above).
      if (cells.length === 0 && field === '' && !quoted)
        return { cells: null, endLine: lines, next: pos + rd, lines: lines + 1 };
      cells.push(field);
      return { cells, endLine: lines, next: pos + rd, lines: lines + 1 };
    }
  }
}
