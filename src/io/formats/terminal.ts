// The table people see in a terminal: coloured by support level unless colour is off.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Cell, Mark, TableModel } from './table-model.js';
import { cellMark } from './html.js';

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

function paint(chalk: ChalkInstance, mark: Mark, text: string): string {
  if (mark === 'needs-data') return chalk.dim(text);
  if (mark === 'level-low' || mark === 'less-support') return chalk.green(text);
  if (mark === 'level-high') return chalk.red(text);
  return chalk.yellow(text);
}

export function toTerminal(table: TableModel, options: { color: boolean; width?: number }): string {
  const chalk = makeChalk(options.color);
  const width = Math.max(options.width ?? 120, 60);
  const wide = table.columns.filter((c) => c.wide).length;
  const show = (v: Cell) => (v === null ? '' : String(v));
  // Narrow columns take what they need; wide ones share the rest.
  const natural = table.columns.map((c) => Math.max(c.header.length, ...table.rows.map((r) => show(r[c.key] ?? null).length)) + 2);
  const fixed = table.columns.reduce((sum, c, i) => sum + (c.wide ? 0 : Math.min(natural[i], 40)), 0);
  const share = wide ? Math.max(20, Math.floor((width - fixed - table.columns.length - 1) / wide)) : 0;
  const colWidths = table.columns.map((c, i) => (c.wide ? Math.min(natural[i], share) : Math.min(natural[i], 40)));
  const out = new Table({
    head: table.columns.map((c) => chalk.bold(c.header)),
    colWidths,
    wordWrap: true,
    style: { head: [], border: [] },
  });
  table.rows.forEach((row, i) => {
    out.push(table.columns.map((c) => {
      const text = show(row[c.key] ?? null);
      const mark = cellMark(table, c.key, i);
      return mark ? paint(chalk, mark, text) : text;
    }));
  });
  const lines = [chalk.bold(table.title), ...(table.subtitle ?? []).map((l) => chalk.dim(l)), out.toString(), ...(table.footer ?? [])];
  return `${lines.join('\n')}\n`;
}
