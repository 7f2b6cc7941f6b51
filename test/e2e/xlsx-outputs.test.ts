// Every tabular output can be an Excel workbook: classify, budget (a sheet per table), diff and
// calendar, read back from the file sit wrote (in process: the built binary writes a workbook in
// test/e2e/output-safety.test.ts).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { readXlsxTable } from '../../src/io/xlsx.js';
import { runInProcess, FIXTURES } from '../helpers/run-sit.js';

const asOf = ['--as-of', '2026-09-01'];
const dir = mkdtempSync(join(tmpdir(), 'sit-xlsx-'));
const anyHeader = (cells: string[]) => cells.some((c) => c.trim() !== '');

async function write(name: string, args: string[]): Promise<Uint8Array> {
  const out = join(dir, name);
  const result = await runInProcess([...args, ...asOf, '-o', out], { cwd: FIXTURES });
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(out);
}

const sheetNames = (bytes: Uint8Array) =>
  [...strFromU8(unzipSync(bytes)['xl/workbook.xml']).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);

describe('xlsx for every tabular output', () => {
  it('classify: one sheet, read back with the same tiers as the CSV', async () => {
    const bytes = await write('tiers.xlsx', ['classify', 'schools.csv']);
    const table = await readXlsxTable(Buffer.from(bytes), 'tiers.xlsx', anyHeader);
    expect(table.headers.slice(0, 3)).toEqual(['urn', 'name', 'tier']);
    expect(table.rows.map((r) => r.cells[2]).slice(0, 4)).toEqual(['A', 'A', 'B', 'D']);
  });
  it('budget: a sheet for each of its tables (schools, tiers, trusts, terms ...)', async () => {
    const bytes = await write('budget.xlsx', ['budget', 'schools.csv']);
    expect(sheetNames(bytes).length).toBeGreaterThanOrEqual(4);
    expect(sheetNames(bytes)).toContain('Support days by tier');
    expect(new Set(sheetNames(bytes)).size).toBe(sheetNames(bytes).length);
    const first = await readXlsxTable(Buffer.from(bytes), 'budget.xlsx', anyHeader, sheetNames(bytes)[0]);
    // The 26 schools, and the weekly head teacher meetings once for all of them.
    expect(first.rows).toHaveLength(27);
  });
  it('diff and calendar', async () => {
    const moves = await readXlsxTable(
      Buffer.from(await write('diff.xlsx', ['diff', 'schools-2025.csv', 'schools.csv'])),
      'diff.xlsx',
      anyHeader,
    );
    expect(moves.rows.length).toBeGreaterThan(20);
    const events = await readXlsxTable(
      Buffer.from(await write('term3.xlsx', ['calendar', '--term', '3'])),
      'term3.xlsx',
      anyHeader,
    );
    expect(events.headers).toContain('date');
    expect(events.rows.length).toBeGreaterThan(26);
  });
});
