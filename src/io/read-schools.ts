// Reads a school data file (CSV or YAML, or "-" for standard input) into checked school records.
import { dataError } from '../errors.js';
import { toSchools, isHeaderRow, formatProblem, type SchoolsResult } from '../core/school.js';
import { readText } from './read-text.js';
import { looksLikeYaml, readCsvTable, readYamlTable, type RawTable } from './read-table.js';

export interface SchoolsFile extends SchoolsResult {
  file: string;
  encoding: string;
  table: RawTable;
}

export async function readSchoolsFile(path: string, stdin: NodeJS.ReadableStream, display?: string): Promise<SchoolsFile> {
  const source = await readText(path, stdin, display);
  if (source.text.trim() === '') throw dataError(`${source.display}: the file is empty; it needs a header row and one row per school`);
  const table = looksLikeYaml(source, path) ? readYamlTable(source) : readCsvTable(source, isHeaderRow);
  if (!table.headers.some((h) => isHeaderRow([h]))) {
    throw dataError(`${source.display}:${table.headerLine}: no URN column; name one column "urn" (the school's 6-digit URN)`);
  }
  const result = toSchools(table.headers, table.rows);
  if (result.schools.length === 0 && result.problems.length === 0) {
    throw dataError(`${source.display}: has a header but no schools; add one row per school below line ${table.headerLine}`);
  }
  return { ...result, file: source.display, encoding: source.encoding, table };
}

/** The records, or every problem at once as a data error (exit 65). */
export async function readSchools(path: string, stdin: NodeJS.ReadableStream, display?: string): Promise<SchoolsFile> {
  const result = await readSchoolsFile(path, stdin, display);
  if (result.problems.length > 0) throw dataError(result.problems.map((p) => formatProblem(result.file, p)));
  return result;
}
