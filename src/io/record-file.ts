// A file of records keyed by URN that is not school data (the visit log, tier changes, targets): CSV, a YAML list
// or .xlsx, through the one table reader. Empty is null: a year with nothing to record.
import { decode, readBytes } from './read-text.js';
import { looksLikeYaml, readCsvTable, type RawTable } from './read-table.js';
import { isXlsxPath, looksLikeXlsx, readXlsxTable } from './xlsx.js';

export async function readRecordTable(
  path: string,
  stdin: NodeJS.ReadableStream,
  shown: string,
  isHeader: (cells: string[]) => boolean,
  sheet?: string,
): Promise<RawTable | null> {
  const bytes = await readBytes(path, stdin, shown);
  if (isXlsxPath(path) || looksLikeXlsx(bytes)) return readXlsxTable(bytes, shown, isHeader, sheet);
  const source = decode(bytes, shown);
  if (source.text.trim() === '') return null;
  // The YAML parser is loaded only for a YAML file: a run on CSV loads none (start-up, SPEC section 8).
  if (looksLikeYaml(source, path)) return (await import('./read-yaml-table.js')).readYamlTable(source);
  return readCsvTable(source, isHeader);
}
