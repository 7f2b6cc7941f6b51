// The one shape every tabular result takes before a writer turns it into CSV, Markdown, HTML,
// a terminal table or a spreadsheet.

export type Cell = string | number | null;

/** What a cell's colour means: a support level (tier colours) or a movement between tiers. */
export type Mark =
  | 'level-low'
  | 'level-mid'
  | 'level-mid-high'
  | 'level-high'
  | 'needs-data'
  | 'more-support'
  | 'less-support';

/**
 * The largest measure of any item, and at least `least`: a loop, where a spread into Math.max
 * overflows the call stack past about 120,000 items (a term's calendar for England is about 166,000 rows).
 */
export function widest<T>(items: Iterable<T>, measure: (item: T) => number, least = 0): number {
  let most = least;
  for (const item of items) {
    const m = measure(item);
    if (m > most) most = m;
  }
  return most;
}

/** The key of the column that carries the tier colour, or null. */
export function levelColumnOf(table: RowsTable): string | null {
  if (!table.levels) return null;
  const key = table.levelColumn ?? 'tier';
  return table.columns.some((c) => c.key === key) ? key : null;
}

export interface Column {
  key: string;
  header: string;
  /** Wide text columns wrap in the terminal. */
  wide?: boolean;
}

export interface TableModel {
  title: string;
  /** Lines shown above the table in HTML and Markdown (the policy, the date). */
  subtitle?: string[];
  columns: Column[];
  rows: Record<string, Cell>[];
  /** Per row: a support level (1 = least support) used for tier colours, or null. */
  levels?: (number | null)[];
  maxLevel?: number;
  /** The column the tier colour goes on, by key (default: the column keyed "tier"; none without one). */
  levelColumn?: string;
  /** Per column key, a class per row that says what a cell means (a movement "up" or "down"). */
  marks?: Record<string, (Mark | null)[]>;
  /** Lines after the table (totals, notes). */
  footer?: string[];
}

/**
 * A table whose rows may be made as they are written (a year's calendar for thousands of schools
 * is a million rows): the CSV, Markdown and HTML writers read them in order, and may read them
 * more than once (an iterable, not a one-off iterator).
 */
export type RowsTable = Omit<TableModel, 'rows'> & {
  rows: Iterable<Record<string, Cell>>;
  /**
   * The rows' CSV lines (each cell's csvCell, comma-joined, CRLF-ended), in parts of many lines: for a table of a million
   * rows whose values repeat (a year's calendar), made with each distinct value's csvCell worked
   * out once, and no row object. The CSV writer takes them instead of the rows.
   */
  csvRows?: () => Iterable<string>;
};

/** The table with its rows in an array (the terminal and Excel writers measure them all first). */
export function withRowArray(table: RowsTable): TableModel {
  return Array.isArray(table.rows) ? (table as TableModel) : { ...table, rows: [...table.rows] };
}

/**
 * make(item) for each item, made as it is read and not held: rows or JSON items for 22,000
 * schools. Read again, it makes them again (the HTML writer reads a table's rows twice).
 */
export function eachMade<T, U>(items: Iterable<T>, make: (item: T) => U): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield make(item);
    },
  };
}
