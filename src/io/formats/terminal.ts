// The table people see in a terminal: coloured by support level unless colour is off.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import { levelColumnOf, widest, type Cell, type Column, type Mark, type TableModel } from './table-model.js';
import { columnMarks } from './html.js';
import { visible } from '../../core/visible.js';

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

function paint(chalk: ChalkInstance, mark: Mark, text: string): string {
  if (mark === 'needs-data') return chalk.dim(text);
  if (mark === 'level-low' || mark === 'less-support') return chalk.green(text);
  if (mark === 'level-high') return chalk.red(text);
  return chalk.yellow(text);
}

// Text from the data never reaches the terminal raw: an escape sequence is shown, not run.
const show = (v: Cell) => (v === null ? '' : visible(String(v)));

/**
 * Column widths (padding included) that fit `width` with the borders: each column starts at what
 * it needs (at most 40, wide ones more) and the widest gives way first, down to its longest word
 * (at most 16) or header; columns that still do not fit are left out from the right, never the
 * first two (URN and name) or the tier; narrow ones before wide text.
 */
export function fitColumns(table: TableModel, width: number): { widths: number[]; shown: number[] } {
  const longest = (c: Column) => widest(table.rows, (r) => show(r[c.key] ?? null).length, c.header.length) + 2;
  const keep = new Set([0, 1, table.columns.findIndex((c) => c.key === (levelColumnOf(table) ?? 'tier'))]);
  let shown = table.columns.map((_, i) => i);
  for (;;) {
    const columns = shown.map((i) => table.columns[i]);
    const widths = columns.map((c) => (c.wide ? longest(c) : Math.min(longest(c), 40)));
    const least = columns.map((c, j) => Math.min(widths[j], Math.max(6, c.header.length + 2, longestWord(table, c))));
    const room = width - (columns.length + 1);
    let total = widths.reduce((a, b) => a + b, 0);
    while (total > room) {
      let widest = -1;
      widths.forEach((w, j) => {
        if (w > least[j] && (widest < 0 || w > widths[widest])) widest = j;
      });
      if (widest < 0) break;
      widths[widest]--;
      total--;
    }
    // Narrow columns (counts, terms) go before wide text (the reason), from the right.
    const candidates = [...shown].reverse().filter((i) => !keep.has(i));
    const dropping = candidates.find((i) => !table.columns[i].wide) ?? candidates[0];
    if (total <= room || dropping === undefined) return { widths, shown };
    shown = shown.filter((i) => i !== dropping);
  }
}

/** The longest word in a column (at most 16 characters, so a long one is broken), with padding. */
function longestWord(table: TableModel, c: Column): number {
  let most = 0;
  for (const r of table.rows) for (const w of show(r[c.key] ?? null).split(/\s+/)) most = Math.max(most, w.length);
  return Math.min(16, most) + 2;
}

/** Rows drawn by one cli-table3 table. */
const BLOCK = 100;

/**
 * One block of a table's rows as part of one table: all but the last lose their bottom border, and
 * all but the first have their top border made a row separator.
 */
function blockText(block: string, first: boolean, last: boolean): string {
  const lines = block.split('\n');
  const kept = last ? lines : lines.slice(0, -1);
  if (!first) kept[0] = kept[0].replace(/[┌┬┐]/g, (corner) => ({ '┌': '├', '┬': '┼', '┐': '┤' })[corner] ?? corner);
  return kept.join('\n');
}

/** The terminal's table a part at a time: a block of rows drawn at a time, never the whole as one string. */
export function* terminalParts(table: TableModel, options: { color: boolean; width?: number }): Generator<string> {
  const chalk = makeChalk(options.color);
  const width = Math.max(options.width ?? 120, 60);
  const { widths: colWidths, shown } = fitColumns(table, width);
  const columns = shown.map((i) => table.columns[i]);
  const markOf = columnMarks(table, columns);
  yield chalk.bold(visible(table.title));
  for (const line of table.subtitle ?? []) yield `\n${chalk.dim(visible(line))}`;
  // cli-table3 lays out each cell against every earlier row's (22,000 rows took minutes): the rows
  // are drawn in blocks of the same column widths, each block's borders joined as one table's.
  for (let start = 0; start === 0 || start < table.rows.length; start += BLOCK) {
    const out = new Table({
      ...(start === 0 ? { head: columns.map((c) => chalk.bold(c.header)) } : {}),
      colWidths,
      wordWrap: true,
      style: { head: [], border: [] },
    });
    for (let i = start; i < Math.min(start + BLOCK, table.rows.length); i++) {
      const row = table.rows[i];
      out.push(
        columns.map((c, j) => {
          const text = show(row[c.key] ?? null);
          const mark = markOf[j]?.(i) ?? null;
          return mark ? paint(chalk, mark, text) : text;
        }),
      );
    }
    yield `\n${blockText(out.toString(), start === 0, start + BLOCK >= table.rows.length)}`;
  }
  for (const line of table.footer ?? []) yield `\n${visible(line)}`;
  const left = table.columns.filter((_, i) => !shown.includes(i)).map((c) => c.header);
  if (left.length)
    yield `\n${chalk.dim(`Not shown in ${width} columns: ${left.join(', ')} (--format csv or -o FILE has every column).`)}`;
  yield '\n';
}
