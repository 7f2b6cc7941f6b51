// The files officers download as they come: Ofsted's management information (each era), the GIAS
// establishment file and the DfE's performance and attendance files. Each layout is data
// (layouts/*.yaml, checked by layout-file.ts when sit is built): recognised from its headers, it maps them to the
// canonical fields of SPEC section 3; every other column is carried through. A layout can also
// compute a field from columns (attendance = 100 - absence, the latest graded inspection).
import LAYOUT_FILES from 'sit:layouts';
import { fold } from '../core/values.js';
import { FIELD_BY_NAME } from '../core/fields.js';
import { usageError } from '../errors.js';
import type { RawTable } from './read-table.js';
import { layoutOf, type Layout, type Source } from './layout.js';

export type { Layout, Source };

/** The published layouts (layouts/*.yaml), checked and put in their order by the build. */
export const LAYOUTS: Layout[] = LAYOUT_FILES.map(({ data }) => layoutOf(data));

export const LAYOUT_IDS = LAYOUTS.map((l) => l.id);

export function layoutById(id: string): Layout {
  const layout = LAYOUTS.find((l) => l.id === id);
  if (!layout) throw usageError(`--layout ${id}: no such layout; choose one of: ${LAYOUT_IDS.join(', ')}`);
  return layout;
}

/** The first layout whose required headers are all present (and none it excludes). */
export function detectLayout(headers: string[]): Layout | null {
  const present = new Set(headers.map(fold));
  return (
    LAYOUTS.find(
      (l) => l.requires.every((h) => present.has(fold(h))) && !(l.excludes ?? []).some((h) => present.has(fold(h))),
    ) ?? null
  );
}

export interface AppliedLayout {
  table: RawTable;
  /** For each column of the new table, the canonical field it fills (or null: carried through). */
  fieldOf: (string | null)[];
  /** Canonical fields this layout filled from the file. */
  filled: string[];
}

const sourceNames = (s: Source) => (typeof s === 'string' ? [s] : 'firstOf' in s ? s.firstOf : s.from);

/** 100 - x, for attendance from absence; other text as it was (the field's parser judges it). */
function complement(raw: string): string {
  const text = raw.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return raw;
  return String(Math.round((100 - Number(text)) * 1e6) / 1e6);
}

/** An ungraded inspection's outcome as the grade it confirms ("School remains Good" -> Good); else blank. */
export function ungradedGrade(raw: string): string {
  const m = /^\s*school remains (outstanding|good)\b/i.exec(raw);
  if (m) return m[1][0].toUpperCase() + m[1].slice(1).toLowerCase();
  return /^\s*(school remains|standards|some aspects)/i.test(raw) ? '' : raw;
}

const CONVERT = { complement100: complement, 'ungraded-outcome': ungradedGrade } as const;
const holdsValue = (raw: string | undefined) =>
  raw !== undefined && raw.trim() !== '' && raw.trim().toUpperCase() !== 'NULL';

type CellOf = (cells: string[]) => string;

export interface LayoutColumns {
  /** The file's headers, then a header for each computed column. */
  headers: string[];
  /** For each column of the new table, the canonical field it fills (or null: carried through). */
  fieldOf: (string | null)[];
  /** Canonical fields this layout filled from the file. */
  filled: string[];
  /** A row of the file with the computed columns added; null when the layout computes none. */
  row: ((cells: string[]) => string[]) | null;
}

/**
 * Maps a file's columns by the layout. A column computed from others (attendance from absence,
 * the latest graded inspection from the latest or the previous columns) is added at the end
 * under a header saying how it was made; the originals stay.
 */
export function layoutColumns(fileHeaders: string[], layout: Layout): LayoutColumns {
  const index = new Map<string, number>();
  fileHeaders.forEach((h, i) => {
    if (!index.has(fold(h))) index.set(fold(h), i);
  });
  const fieldOf: (string | null)[] = fileHeaders.map(() => null);
  const headers = [...fileHeaders];
  const computed: CellOf[] = [];
  const filled: string[] = [];
  for (const [field, spec] of Object.entries(layout.fields)) {
    if (!FIELD_BY_NAME.has(field)) throw new Error(`layout ${layout.id}: unknown field ${field}`);
    const sources = Array.isArray(spec) ? spec : [spec];
    const source = sources.find((s) => sourceNames(s).some((n) => index.has(fold(n))));
    if (source === undefined) continue;
    if (typeof source === 'string') {
      const column = index.get(fold(source))!;
      if (fieldOf[column] !== null) continue;
      fieldOf[column] = field;
    } else if ('firstOf' in source) {
      const columns = source.firstOf.filter((n) => index.has(fold(n))).map((n) => index.get(fold(n))!);
      const convert = source.convert ? CONVERT[source.convert] : undefined;
      computed.push((cells) => {
        const column = columns.find((i) => holdsValue(cells[i]));
        if (column === undefined) return '';
        return convert ? convert(cells[column]) : cells[column];
      });
      const how = source.convert === 'complement100' ? '100 - ' : '';
      headers.push(`${field} (from ${how}${columns.map((c) => fileHeaders[c]).join(' or ')})`);
      fieldOf.push(field);
    } else {
      const row = source.row;
      computed.push((cells) =>
        row((h) => {
          const i = index.get(fold(h));
          return i === undefined ? '' : (cells[i] ?? '');
        }),
      );
      headers.push(`${field} (from ${source.how})`);
      fieldOf.push(field);
    }
    filled.push(field);
  }
  const width = fileHeaders.length;
  // A row with more values than the header stays as it is: it is reported, not mapped. (A loop, not
  // spreads: this runs for every row of a national file.)
  const row =
    computed.length === 0
      ? null
      : (cells: string[]) => {
          if (cells.length > width) return cells;
          const mapped = cells.slice();
          while (mapped.length < width) mapped.push('');
          for (const c of computed) mapped.push(c(cells));
          return mapped;
        };
  return { headers, fieldOf, filled, row };
}

/** A whole table mapped by the layout (layoutColumns row by row). */
export function applyLayout(table: RawTable, layout: Layout): AppliedLayout {
  const { headers, fieldOf, filled, row } = layoutColumns(table.headers, layout);
  const rows = row === null ? table.rows : table.rows.map((r) => ({ line: r.line, cells: row(r.cells) }));
  return { table: { ...table, headers, rows }, fieldOf, filled };
}

/** Columns with no header: the row index pandas writes first is one, when its values are all whole numbers. */
export const unnamedColumns = (headers: string[]): number[] =>
  headers.map((h, i) => (h.trim() === '' ? i : -1)).filter((i) => i >= 0);

/** A value an index column may hold: blank or a whole number. */
export const isIndexValue = (cell: string | undefined): boolean => /^\s*(\d+(\.0+)?)?\s*$/.test(cell ?? '');

/** A row without the dropped columns (for pandas's index alone, the first, a slice: it is every row). */
export const withoutColumns = (cells: string[], drop: number[]): string[] =>
  drop.length === 1 && drop[0] === 0 ? cells.slice(1) : cells.filter((_, i) => !drop.includes(i));

/**
 * Drops a column with no header whose values are all blank or whole numbers: the row index that
 * pandas writes first. Other unnamed columns are kept.
 */
export function dropIndexColumns(table: RawTable): RawTable {
  const drop = unnamedColumns(table.headers).filter((i) => table.rows.every((r) => isIndexValue(r.cells[i])));
  if (drop.length === 0) return table;
  return {
    ...table,
    headers: withoutColumns(table.headers, drop),
    rows: table.rows.map((r) => ({ line: r.line, cells: withoutColumns(r.cells, drop) })),
  };
}

/**
 * Which published file supplies a field a school needs, to join with --with: the file's own
 * layout says so where it knows (the grade before a 2024/25 inspection is in an older Ofsted file);
 * otherwise the layouts that fill the field. Null for a field no published file has.
 */
export function supplierOf(field: string, current: Layout | null): string | null {
  const own = current?.supplies?.[field];
  if (own) return own;
  const others = LAYOUTS.filter((l) => l !== current && l.id !== 'gias' && field in l.fields);
  if (others.length === 0) return null;
  const ids = others.map((l) => l.id);
  return `files in the ${ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}` : ids[0]} layout have it: join one with --with`;
}

/** Schools needing data, counted by field, each with the published file that supplies it. */
export function needingDataLines(missing: readonly (readonly string[])[], current: Layout | null): string[] {
  const counts = new Map<string, number>();
  for (const fields of missing) for (const f of fields) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([field, n]) => {
      const where = supplierOf(field, current);
      return `${field}: ${n} ${n === 1 ? 'school needs' : 'schools need'} it${where ? `; ${where}` : ''}`;
    });
}
