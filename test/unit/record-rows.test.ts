import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsedCell, recordRows } from '../../src/core/record-rows.js';
import { parseUrn, parseFreeText } from '../../src/core/values.js';

// One reader of rows for the visit log, tier changes and targets (core/record-rows.ts).
const Row = z.object({
  urn: parsedCell(parseUrn, "the school's 6-digit URN (required)"),
  note: parsedCell(parseFreeText),
});
const at = new Map([
  ['urn', 0],
  ['note', 1],
] as const);

describe('recordRows', () => {
  it('reads each row through the schema, skips rows left blank, and names the header as the file wrote it', () => {
    const rows = [
      { line: 2, cells: ['100001', 'first'] },
      { line: 3, cells: ['', '  '] },
      { line: 4, cells: ['1e5', 'bad'] },
      { line: 5, cells: ['100002'] },
    ];
    const { records, problems } = recordRows(['School URN', 'Note'], rows, at, Row);
    expect(records).toEqual([
      { line: 2, row: { urn: 100001, note: 'first' } },
      { line: 5, row: { urn: 100002, note: null } },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, column: 'School URN' });
    expect(problems[0].message).toMatch(/^expected /);
  });

  it('a cell a short row leaves out is blank: a required one is a problem; cellText is applied before parsing', () => {
    const Named = z.object({ urn: parsedCell(parseUrn), note: parsedCell(parseFreeText, 'a note (required)') });
    const short = recordRows(['urn', 'note'], [{ line: 2, cells: ['100001'] }], at, Named);
    expect(short.records).toEqual([]);
    expect(short.problems).toEqual([{ line: 2, column: 'note', message: 'expected a note (required)' }]);
    const unquote = (c: string) => c.replace(/^'/, '');
    const typed = recordRows(['urn', 'note'], [{ line: 2, cells: ['100001', "'=x"] }], at, Named, unquote);
    expect(typed.records).toEqual([{ line: 2, row: { urn: 100001, note: '=x' } }]);
  });
});
