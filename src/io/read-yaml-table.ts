// A YAML data file (a list of schools, or `schools:` and the list) as a table of text cells, as
// read-table.ts reads a CSV file: apart from it, so that reading a CSV file does not load the YAML
// parser. Values are not interpreted here.
import { parseDocument, LineCounter, isAlias, isMap, isSeq, isScalar } from 'yaml';
import { dataError } from '../errors.js';
import type { RawRow, RawTable } from './read-table.js';
import type { TextSource } from './read-text.js';

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
