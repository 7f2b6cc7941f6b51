// Reads a school data file (CSV or YAML, or "-" for standard input) into checked school records.
import { dataError } from '../errors.js';
import { toSchools, isHeaderRow, formatProblem, clashProblems, type SchoolsResult } from '../core/school.js';
import { decode, readBytes } from './read-text.js';
import { looksLikeYaml, readCsvTable, readYamlTable, type RawTable } from './read-table.js';
import { applyLayout, detectLayout, dropIndexColumns, layoutById, type Layout } from './layouts.js';
import { isXlsxPath, looksLikeXlsx, readXlsxTable } from './xlsx.js';

export interface ReadOptions {
  /** --layout NAME: use this layout instead of recognising one from the headers. */
  layout?: string;
  /** --sheet NAME: the sheet of an .xlsx workbook (default: the first). */
  sheet?: string;
}

export interface SchoolsFile extends SchoolsResult {
  file: string;
  encoding: string;
  table: RawTable;
  /** The published layout recognised (or forced), or null for the trust's own columns. */
  layout: Layout | null;
  /** Canonical fields the layout filled. */
  filled: string[];
}

export async function readSchoolsFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  display?: string,
  options: ReadOptions = {},
): Promise<SchoolsFile> {
  const shown = display ?? (path === '-' ? 'standard input' : path);
  return schoolsFromBytes(await readBytes(path, stdin, shown), path, shown, options);
}

/** The school records in a file already read (CSV, YAML or .xlsx; published layouts recognised). */
export async function schoolsFromBytes(
  bytes: Buffer,
  path: string,
  shown: string,
  options: ReadOptions = {},
): Promise<SchoolsFile> {
  let table: RawTable;
  let encoding: string;
  if (isXlsxPath(path) || looksLikeXlsx(bytes)) {
    table = await readXlsxTable(bytes, shown, isHeaderRow, options.sheet);
    encoding = 'xlsx';
  } else {
    const source = decode(bytes, shown);
    if (source.text.trim() === '')
      throw dataError(`${source.display}: the file is empty; it needs a header row and one row per school`);
    table = looksLikeYaml(source, path) ? readYamlTable(source) : readCsvTable(source, isHeaderRow);
    encoding = source.encoding;
  }
  if (!table.headers.some((h) => isHeaderRow([h]))) {
    throw dataError(`${shown}:${table.headerLine}: no URN column; name one column "urn" (the school's 6-digit URN)`);
  }
  table = dropIndexColumns(table);
  const layout = options.layout ? layoutById(options.layout) : detectLayout(table.headers);
  const applied = layout ? applyLayout(table, layout) : null;
  const result = applied
    ? toSchools(applied.table.headers, applied.table.rows, applied.fieldOf)
    : toSchools(table.headers, table.rows);
  const clashes = clashProblems(result.columns, table.headerLine);
  if (clashes.length) throw dataError(clashes.map((p) => formatProblem(shown, p)));
  // No name column at all is one problem, not one line per row (a --with file of 2,000 schools).
  if (
    !result.columns.fieldOf.includes('name') &&
    result.problems.some((p) => p.message.startsWith('expected a school name'))
  ) {
    const others = result.problems.filter((p) => !p.message.startsWith('expected a school name'));
    result.problems = [
      { line: table.headerLine, message: 'no name column; name one column "name" (the school\'s name)' },
      ...others,
    ];
  }
  if (result.schools.length === 0 && result.problems.length === 0) {
    throw dataError(`${shown}: has a header but no schools; add one row per school below line ${table.headerLine}`);
  }
  return { ...result, file: shown, encoding, table: applied?.table ?? table, layout, filled: applied?.filled ?? [] };
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
