// Classify's stream and diff write each column's cells through csvCellOf (formats/csv.ts): a
// distinct value is escaped once and remembered, and a column of many distinct values is escaped
// cell by cell. Either way each cell is what csvField(neutralise(value)) writes, as every other
// CSV writer of sit writes it.
import { describe, expect, it } from 'vitest';
import { csvCellOf, csvField, csvLineFrom, neutralise } from '../../src/io/formats/csv.js';
import { csvRow } from '../helpers/csv-row.js';
import type { Cell } from '../../src/io/formats/table-model.js';

const escaped = (value: Cell) => csvField(neutralise(value));

describe('csvCellOf', () => {
  it('writes each value as csvField(neutralise()) does, whether remembered or not', () => {
    const cell = csvCellOf((v: Cell) => v);
    const risky: Cell[] = ['=SUM(A1)', 'a, b', 'say "hi"', 'line\nbreak', '-3', '-x', '', null, 0, -0, 12.5, 'B'];
    // Twice over: the first time each is escaped, the second it is remembered.
    for (const value of [...risky, ...risky]) expect(cell(value)).toBe(escaped(value));
  });

  it('a column of more distinct values than it keeps is still written right, old values and new', () => {
    const cell = csvCellOf((v: Cell) => v);
    const values = Array.from({ length: 2500 }, (_, i) => (i % 3 === 0 ? `=name ${i}` : `name, ${i}`));
    for (const value of [...values, ...values.slice(0, 50)]) expect(cell(value)).toBe(escaped(value));
  });

  it('a line is its cells joined by commas, ended by CRLF, as csvRow writes a row', () => {
    const row: Record<string, Cell> = { a: 'x, y', b: null, c: 3, d: '@risk' };
    const keys = Object.keys(row);
    const line = csvLineFrom(
      keys.map((k) => csvCellOf((r: Record<string, Cell>) => r[k])),
      row,
    );
    expect(line).toBe(
      csvRow(
        keys.map((key) => ({ key, header: key })),
        row,
      ),
    );
    expect(line).toBe(`"x, y",,3,'@risk\r\n`);
  });
});
