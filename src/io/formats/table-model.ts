// The one shape every tabular result takes before a writer turns it into CSV, Markdown, HTML,
// a terminal table or a spreadsheet.

export type Cell = string | number | null;

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
  /** Lines after the table (totals, notes). */
  footer?: string[];
}
