// Reads a school data file (CSV, YAML or .xlsx, or "-" for standard input) through the one reader
// (read-records.ts): the pandas index column dropped, a published layout recognised (or forced)
// and applied, the columns mapped to canonical fields, and each row handed on as it is read.
import { dataError } from '../errors.js';
import {
  clashProblems,
  formatProblem,
  isHeaderRow,
  mapColumns,
  schoolRowChecker,
  withNameColumnProblem,
  type ColumnMap,
  type DataProblem,
  type SchoolRecord,
  type SchoolsResult,
} from '../core/school.js';
import {
  detectLayout,
  isIndexValue,
  layoutById,
  layoutColumns,
  unnamedColumns,
  withoutColumns,
  type Layout,
} from './layouts.js';
import {
  canReadAgain,
  readTable,
  StopReading,
  type DataInput,
  type RowSink,
  type TableHead,
  type TableOptions,
} from './read-records.js';
import type { RawRow } from './read-table.js';

export interface ReadOptions {
  /** --layout NAME: use this layout instead of recognising one from the headers. */
  layout?: string;
  /** --sheet NAME: the sheet of an .xlsx workbook (default: the first). */
  sheet?: string;
}

/** The header of a school data file as its rows are laid out when handed on. */
export interface SchoolsHead extends TableHead {
  columns: ColumnMap;
  /** The published layout recognised (or forced), or null for the trust's own columns. */
  layout: Layout | null;
  /** Canonical fields the layout filled. */
  filled: string[];
  /**
   * A column with no header was dropped as the pandas index on the first rows' word: until the
   * end, IndexNotSettled may still void the rows handed on, so the receiver commits nothing.
   */
  provisional: boolean;
}

export interface SchoolsFile extends SchoolsResult {
  file: string;
  encoding: string;
  /** The header (with the layout's computed columns) and its line. */
  table: TableHead;
  layout: Layout | null;
  filled: string[];
}

/** Rows the pandas index column is judged by before the first is handed on (the rest are checked as they come). */
const JUDGED_ROWS = 100;

/**
 * Read again, judging the pandas index from the whole file before handing on a row: thrown out of
 * readSchoolRows when a column with no header that the first rows showed to be the index holds
 * something else further on (the rows handed on were laid out without it, wrongly), and by a
 * receiver that cannot hold what it made of the rows until the end of the file.
 */
export class IndexNotSettled extends StopReading {}

export interface RowsOptions extends ReadOptions, TableOptions {
  /** Judge the pandas index from the whole file first (a file is then read twice). */
  indexFromWholeFile?: boolean;
}

/**
 * Reads the rows of a school data file, mapped as SchoolsHead says; `onHead` returns where they go.
 * A column with no header is dropped when every value in it is blank or a whole number (the index
 * pandas writes). That is judged from the first rows, and every later row is checked: one that
 * says otherwise throws IndexNotSettled (head.provisional says it still may). Standard input is
 * held to its end instead; with `indexFromWholeFile` a file is read twice, to know first.
 */
export async function readSchoolRows(
  input: DataInput,
  options: RowsOptions,
  onHead: (head: SchoolsHead) => RowSink,
): Promise<{ encoding: string }> {
  const begin = (head: TableHead, drop: number[], provisional: boolean): RowSink => {
    const fileHeaders = drop.length ? withoutColumns(head.headers, drop) : head.headers;
    const layout = options.layout ? layoutById(options.layout) : detectLayout(fileHeaders);
    const mapped = layout ? layoutColumns(fileHeaders, layout) : null;
    const headers = mapped ? mapped.headers : fileHeaders;
    const columns = mapColumns(headers, mapped?.fieldOf);
    const clashes = clashProblems(columns, head.headerLine);
    if (clashes.length) throw dataError(clashes.map((p) => formatProblem(head.file, p)));
    const sink = onHead({ ...head, headers, columns, layout, filled: mapped?.filled ?? [], provisional });
    const layoutRow = mapped?.row ?? null;
    if (drop.length === 0 && layoutRow === null) return sink;
    return {
      row: (cells, line) => {
        const kept = drop.length ? withoutColumns(cells, drop) : cells;
        sink.row(layoutRow ? layoutRow(kept) : kept, line);
      },
      end: () => sink.end?.(),
    };
  };
  const checked = (head: TableHead) => {
    if (!head.headers.some((h) => isHeaderRow([h])))
      throw dataError(
        `${head.file}:${head.headerLine}: no URN column; name one column "urn" (the school's 6-digit URN)`,
      );
    return unnamedColumns(head.headers);
  };
  const indexOnly = (unnamed: number[]) => {
    const still = new Set(unnamed);
    return {
      see: (cells: string[]) => {
        for (const i of still) if (!isIndexValue(cells[i])) still.delete(i);
      },
      drop: () => [...still],
    };
  };
  /** The first `judged` rows held to judge the index by, then each row handed on, checked. */
  const judging = (head: TableHead, unnamed: number[], judged: number): RowSink => {
    const index = indexOnly(unnamed);
    const held: RawRow[] = [];
    let sink: RowSink | null = null;
    let drop: number[] = [];
    const decide = (whole: boolean) => {
      drop = index.drop();
      sink = begin(head, drop, !whole && drop.length > 0);
      for (const row of held) sink.row(row.cells, row.line);
      held.length = 0;
    };
    return {
      row: (cells, line) => {
        if (sink === null) {
          index.see(cells);
          held.push({ line, cells });
          if (held.length >= judged) decide(false);
          return;
        }
        for (const i of drop) if (!isIndexValue(cells[i])) throw new IndexNotSettled();
        sink.row(cells, line);
      },
      end: () => {
        if (sink === null) decide(true);
        sink!.end?.();
      },
    };
  };
  const again = await canReadAgain(input);
  if (!again || !options.indexFromWholeFile)
    return readTable(input, options, (head) => {
      const unnamed = checked(head);
      if (unnamed.length === 0) return begin(head, [], false);
      // Standard input cannot be read again: its rows are held until the end says which columns to drop.
      return judging(head, unnamed, again ? JUDGED_ROWS : Number.POSITIVE_INFINITY);
    });
  // A first reading says which columns are the index, the second hands the rows on.
  let drop: number[] = [];
  await readTable(input, options, (head) => {
    const index = indexOnly(checked(head));
    return {
      row: (cells) => index.see(cells),
      end: () => {
        drop = index.drop();
      },
    };
  });
  return readTable(input, options, (head) => {
    checked(head);
    return begin(head, drop, false);
  });
}

/** What a reading hands each school to: all kept (readSchoolsFrom), or only what a command needs. */
export type SchoolSink = (school: SchoolRecord) => void;

/** A data file read through a SchoolSink: all SchoolsFile says but the schools themselves. */
export interface SchoolsRead extends Omit<SchoolsFile, 'schools'> {
  /** The schools the file has: rows with no problem of their own and a URN not seen before. */
  count: number;
}

/** A file with a header and no school under it: one data problem, with where to add them. */
export const noSchools = (shown: string, headerLine: number) =>
  dataError(`${shown}: has a header but no schools; add one row per school below line ${headerLine}`);

/**
 * Reads a data file a school at a time: each row is checked and converted as the file is read
 * (schoolFromRow, then URNs seen before), its problems kept in the file's order, and each school
 * handed to the sink `onHead` returns. Nothing else of a school is kept here, so a command keeps
 * only what it needs of a file of any size. `onHead` is called again when the file is read again
 * (the pandas index misjudged by the first rows): what it kept from the first reading is void.
 */
export async function readSchoolsInto(
  input: DataInput,
  options: ReadOptions,
  onHead: (head: SchoolsHead) => SchoolSink,
): Promise<SchoolsRead> {
  let found: SchoolsHead | null = null;
  let problems: DataProblem[] = [];
  let count = 0;
  const read = (rows: RowsOptions) =>
    readSchoolRows(input, rows, (head) => {
      found = head;
      problems = [];
      count = 0;
      const sink = onHead(head);
      return {
        row: schoolRowChecker(head.columns, problems, (school) => {
          count++;
          sink(school);
        }),
      };
    });
  // When the first rows misjudged the index, the file is read again: the second head is the file's.
  const { encoding } = await read(options).catch((error: unknown) => {
    if (!(error instanceof IndexNotSettled)) throw error;
    return read({ ...options, indexFromWholeFile: true });
  });
  const head = found as unknown as SchoolsHead;
  const shown = input.display;
  problems = withNameColumnProblem(problems, head.columns, head.headerLine);
  if (count === 0 && problems.length === 0) throw noSchools(shown, head.headerLine);
  return {
    problems,
    columns: head.columns,
    count,
    file: shown,
    encoding,
    table: { file: shown, headers: head.headers, headerLine: head.headerLine },
    layout: head.layout,
    filled: head.filled,
  };
}

/** Every school of a data file, with every problem in it (a data error for the file's own problems). */
export async function readSchoolsFrom(input: DataInput, options: ReadOptions = {}): Promise<SchoolsFile> {
  let schools: SchoolRecord[] = [];
  const { count: _count, ...read } = await readSchoolsInto(input, options, () => {
    const into: SchoolRecord[] = [];
    schools = into;
    return (school) => into.push(school);
  });
  return { schools, ...read };
}

export async function readSchoolsFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  display?: string,
  options: ReadOptions = {},
): Promise<SchoolsFile> {
  const shown = display ?? (path === '-' ? 'standard input' : path);
  return readSchoolsFrom({ path, display: shown, stdin }, options);
}

/** The school records in a file already read (CSV, YAML or .xlsx; published layouts recognised). */
export async function schoolsFromBytes(
  bytes: Buffer,
  path: string,
  shown: string,
  options: ReadOptions = {},
): Promise<SchoolsFile> {
  return readSchoolsFrom({ path, display: shown, stdin: null, bytes }, options);
}

/** The records, or every problem at once as a data error (exit 65). */
export async function readSchools(
  path: string,
  stdin: NodeJS.ReadableStream,
  display?: string,
  options: ReadOptions = {},
): Promise<SchoolsFile> {
  const result = await readSchoolsFile(path, stdin, display, options);
  if (result.problems.length > 0) throw dataError(result.problems.map((p) => formatProblem(result.file, p)));
  return result;
}
