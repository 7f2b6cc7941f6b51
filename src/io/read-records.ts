// The one road every data file is read by, whatever its size or layout: the file (or standard
// input) is read in chunks, decoded by TextStream and split by CsvTable, and each row handed on
// as it is split, so a CSV file is never held whole. A workbook (.xlsx) and YAML are read whole
// by their adapters and handed on as the same header and rows. The file's own problems come in
// the order reading it whole would find them (too big, its encoding, its CSV, its header), and
// before anything the receiver of the rows threw.
import { stat, type Stats } from 'node:fs';
import { isHeaderRow } from '../core/school.js';
import { dataError } from '../errors.js';
import { CsvTable, looksLikeYaml, type RawTable } from './read-table.js';
import { callback, MAX_INPUT_BYTES, readChunks, tooBig, type TextSource } from './read-text.js';
import { TextStream, type Encoding } from './text-stream.js';
import { isXlsxPath, looksLikeXlsx, readXlsxTable } from './xlsx.js';

export interface DataInput {
  /** The path given ("-" for standard input). */
  path: string;
  /** The name used in messages. */
  display: string;
  stdin: NodeJS.ReadableStream | null;
  /** The file's bytes, when already in memory. */
  bytes?: Buffer;
}

export interface TableHead {
  file: string;
  headers: string[];
  /** Line of the header row (1-based). */
  headerLine: number;
}

/** Where the rows go: each row after the header, then the end of the file. */
export interface RowSink {
  row(cells: string[], line: number): void;
  end?(): void;
}

export interface TableOptions {
  /** The most bytes read (default MAX_INPUT_BYTES); Infinity for a reader that holds nothing. */
  limit?: number;
  /** --sheet: the sheet of a workbook. */
  sheet?: string;
  /** A JSON file (sit diff reads classify's JSON output) is handed here whole, not read as a table. */
  json?: (source: TextSource) => void;
}

/** Thrown by a receiver to stop reading at once (it will read the file again). */
export class StopReading extends Error {}

const CHUNK = 1 << 16;
/** Bytes read before deciding what the file is (a workbook, JSON, YAML or CSV). */
const SNIFF = 64 * 1024;

async function* byteChunks(input: DataInput, limit: number): AsyncGenerator<Buffer> {
  const { path, display } = input;
  if (input.bytes) {
    if (input.bytes.length > limit) throw tooBig(display, limit);
    for (let at = 0; at < input.bytes.length; at += CHUNK) yield input.bytes.subarray(at, at + CHUNK);
    return;
  }
  yield* readChunks(path, input.stdin ?? [], display, limit, CHUNK);
}

/** Whether the file can be read a second time (a regular file or bytes in memory, not a pipe). */
export async function canReadAgain(input: DataInput): Promise<boolean> {
  if (input.bytes) return true;
  if (input.path === '-') return false;
  try {
    return (await callback<Stats>((done) => stat(input.path, done))).isFile();
  } catch {
    return false;
  }
}

/** A table already in memory (a workbook, YAML) handed on row by row. */
function handOn(table: RawTable, onHead: (head: TableHead) => RowSink): void {
  const sink = onHead({ file: table.file, headers: table.headers, headerLine: table.headerLine });
  for (const row of table.rows) sink.row(row.cells, row.line);
  sink.end?.();
}

/**
 * Reads a data file: `onHead` is called with its header and returns where the rows go. Resolves
 * with the file's encoding when every row has been handed on and the sink has ended.
 */
export async function readTable(
  input: DataInput,
  options: TableOptions,
  onHead: (head: TableHead) => RowSink,
): Promise<{ encoding: Encoding | 'xlsx' }> {
  const { display } = input;
  const chunks = byteChunks(input, options.limit ?? MAX_INPUT_BYTES);
  try {
    const start: Buffer[] = [];
    let size = 0;
    let done = false;
    while (size < SNIFF) {
      const next = await chunks.next();
      if (next.done) {
        done = true;
        break;
      }
      start.push(next.value);
      size += next.value.length;
    }
    const first = start.length === 1 ? start[0] : Buffer.concat(start);
    if (isXlsxPath(input.path) || looksLikeXlsx(first)) {
      const all = [first];
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) all.push(next.value);
      handOn(await readXlsxTable(Buffer.concat(all), display, isHeaderRow, options.sheet), onHead);
      return { encoding: 'xlsx' };
    }
    const decoder = new TextStream(display);
    const opening = decoder.push(first) + (done ? decoder.end() : '');
    const probe: TextSource = { display, text: opening, encoding: decoder.encoding };
    const json = options.json !== undefined && /^\s*\[/.test(opening);
    if (json || looksLikeYaml(probe, input.path)) {
      // JSON and YAML are read whole (they are small: a list of schools or classify's output).
      const parts = [opening];
      if (!done) {
        for (let next = await chunks.next(); !next.done; next = await chunks.next())
          parts.push(decoder.push(next.value));
        parts.push(decoder.end());
      }
      if (decoder.problem) throw decoder.problem;
      const source: TextSource = { display, text: parts.join(''), encoding: decoder.encoding };
      if (json) {
        options.json!(source);
        return { encoding: decoder.encoding };
      }
      if (source.text.trim() === '')
        throw dataError(`${display}: the file is empty; it needs a header row and one row per school`);
      // The YAML parser is loaded only for a YAML file (start-up of a CSV run, SPEC section 8).
      handOn((await import('./read-yaml-table.js')).readYamlTable(source), onHead);
      return { encoding: decoder.encoding };
    }
    return { encoding: await streamCsv(decoder, opening, done ? null : chunks, display, onHead) };
  } finally {
    await chunks.return(undefined);
  }
}

/**
 * CSV, a chunk at a time. Problems are held until the end of the file so that the first one
 * reading it whole would meet is the one thrown: the encoding's, then the CSV's (a quote never
 * closed, no header), then what the receiver of the rows threw.
 */
async function streamCsv(
  decoder: TextStream,
  opening: string,
  chunks: AsyncGenerator<Buffer> | null,
  display: string,
  onHead: (head: TableHead) => RowSink,
): Promise<Encoding> {
  let sink: RowSink | null = null;
  let received: unknown = null;
  let broken: unknown = null;
  const table = new CsvTable(display, isHeaderRow, {
    header: (headers, headerLine) => {
      try {
        sink = onHead({ file: display, headers, headerLine });
      } catch (error) {
        if (error instanceof StopReading) throw error;
        received = error;
      }
    },
    row: (cells, line) => {
      if (received !== null || sink === null) return;
      try {
        sink.row(cells, line);
      } catch (error) {
        if (error instanceof StopReading) throw error;
        received = error;
      }
    },
  });
  const feed = (text: string) => {
    if (broken !== null || decoder.problem !== null) return;
    try {
      table.push(text);
    } catch (error) {
      if (error instanceof StopReading) throw error;
      broken = error;
    }
  };
  feed(opening);
  if (chunks) {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) feed(decoder.push(next.value));
    feed(decoder.end());
  }
  if (decoder.problem) throw decoder.problem;
  if (broken === null) {
    try {
      table.end();
    } catch (error) {
      if (error instanceof StopReading) throw error;
      broken = error;
    }
  }
  if (broken !== null) throw broken;
  if (received !== null) throw received;
  (sink as RowSink | null)?.end?.();
  return decoder.encoding;
}
