// The table people see in a terminal: coloured by support level unless colour is off.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Cell, TableModel } from './table-model.js';
import { visible } from '../../core/visible.js';

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

function paint(chalk: ChalkInstance, level: number | null | undefined, maxLevel: number | undefined, text: string): string {
  if (level === null || level === undefined || !maxLevel) return chalk.dim(text);
  if (level <= 1) return chalk.green(text);
  if (level >= maxLevel) return chalk.red(text);
  return chalk.yellow(text);
}

export function toTerminal(table: TableModel, options: { color: boolean; width?: number }): string {
  const chalk = makeChalk(options.color);
  const width = Math.max(options.width ?? 120, 60);
  const wide = table.columns.filter((c) => c.wide).length;
  // Text from the data never reaches the terminal raw: an escape sequence is shown, not run.
  const show = (v: Cell) => (v === null ? '' : visible(String(v)));
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
    out.push(table.columns.map((c, j) => {
      const text = show(row[c.key] ?? null);
      return j === 2 && table.levels ? paint(chalk, table.levels[i], table.maxLevel, text) : text;
    }));
  });
  const lines = [chalk.bold(visible(table.title)), ...(table.subtitle ?? []).map((l) => chalk.dim(visible(l))), out.toString(), ...(table.footer ?? []).map((l) => visible(l))];
  return `${lines.join('\n')}\n`;
}
