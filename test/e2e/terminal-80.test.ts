// Issue 14: what people read in a terminal. At 80 columns the tables fit (text wraps, columns that
// do not fit are named as left out); sit presets lists tiers from least support to most; a count
// line for numeric tier ids reads "4: 2", not "2 4"; a reason does not say its value twice.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { run } from '../../src/cli.js';
import Table from 'cli-table3';
import { fitColumns, terminalParts } from '../../src/io/formats/terminal.js';
import { contentText } from '../../src/io/output.js';
import type { TableModel } from '../../src/io/formats/table-model.js';

/** The terminal's table as one string, as the writer is handed it in parts. */
const toTerminal = (table: TableModel, options: { color: boolean; width?: number }) =>
  contentText(terminalParts(table, options));
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

/** Runs sit as if in a terminal `columns` wide, with colour on or off. */
async function inTerminal(
  args: string[],
  columns: number,
  color = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  stdin.end();
  const code = await run(args, {
    stdout: { write: (s: string | Uint8Array) => (stdout += String(s)), isTTY: true, columns },
    stderr: { write: (s: string | Uint8Array) => (stderr += String(s)) },
    stdin,
    cwd: FIXTURES,
    env: color ? {} : { NO_COLOR: '1' },
    now: () => new Date('2026-09-01T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l.replace(/\x1b\[[0-9;]*m/g, '')].length));

describe('tables at 80 columns', () => {
  it.each([
    ['classify', ['classify', 'schools.csv']],
    ['calendar', ['calendar', '--term', '3']],
    ['diff', ['diff', 'schools-2025.csv', 'schools.csv']],
    ['budget', ['budget', 'schools.csv']],
  ])('%s fits in 80 columns', async (_, args) => {
    const r = await inTerminal([...args, '--as-of', '2026-09-01'], 80);
    expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
    const table = r.stdout
      .split('\n')
      .filter((l) => /^[┌│├└]/.test(l))
      .join('\n');
    expect(table.length).toBeGreaterThan(0);
    expect(widest(table)).toBeLessThanOrEqual(80);
  });
  it('classify keeps every column at 80, wrapping the reason', async () => {
    const r = await inTerminal(['classify', 'schools.csv', '--as-of', '2026-09-01'], 80);
    expect(r.stdout).toMatch(/│ URN +│ School +│ Tier +│ Days +│ Reason +│/);
    expect(r.stdout).not.toMatch(/Not shown/);
  });
  it('a column that cannot fit is named in a note, and the reason is kept before numbers', async () => {
    const r = await inTerminal(['diff', 'schools-2025.csv', 'schools.csv', '--as-of', '2026-09-01'], 80);
    expect(r.stdout).toMatch(/what changed/);
    expect(r.stdout).toMatch(/Not shown in 80 columns: [^\n]*change in days/);
  });
  it('the tier colour is on the tier column wherever it is, not on the third', () => {
    const text = toTerminal(
      {
        title: 't',
        columns: [
          { key: 'urn', header: 'urn' },
          { key: 'name', header: 'name' },
          { key: 'trust', header: 'trust' },
          { key: 'tier', header: 'tier' },
        ],
        rows: [{ urn: 1, name: 'A school', trust: 'Trust', tier: 'D' }],
        levels: [4],
        maxLevel: 4,
      },
      { color: true, width: 80 },
    );
    expect(text).toContain('\x1b[31mD\x1b[39m');
    expect(text).not.toMatch(/\x1b\[3\dmTrust/);
  });
  it('a long table is the table cli-table3 draws of all its rows at once (drawn in blocks, borders joined)', () => {
    const columns = [
      { key: 'urn', header: 'urn' },
      { key: 'name', header: 'name' },
      { key: 'tier', header: 'tier' },
    ];
    // 250 rows: three blocks; some names wrap onto a second line.
    const rows = Array.from({ length: 250 }, (_, i) => ({
      urn: 100000 + i,
      name: i % 7 === 0 ? `School ${i} with a name long enough to wrap in a narrow column` : `School ${i}`,
      tier: i % 3 === 0 ? 'D' : null,
    }));
    const table = { title: 't', columns, rows, footer: ['250 schools'] };
    const { widths } = fitColumns(table, 60);
    const whole = new Table({
      head: ['urn', 'name', 'tier'],
      colWidths: widths,
      wordWrap: true,
      style: { head: [], border: [] },
    });
    for (const r of rows) whole.push([String(r.urn), r.name, r.tier ?? '']);
    expect(toTerminal(table, { color: false, width: 60 })).toBe(`t\n${whole.toString()}\n250 schools\n`);
  });
});

describe('words in the terminal', () => {
  it('sit presets lists tiers by level, least support first', async () => {
    const r = await runInProcess(['presets', '--format', 'json']);
    const rows = JSON.parse(r.stdout) as { preset: string; tiers: string }[];
    expect(rows.find((p) => p.preset === 'rlt-categories')!.tiers).toBe('A, B, C, D');
  });
  it('a count line with numeric tier ids reads "id: count"', async () => {
    const r = await runInProcess(
      ['classify', 'schools.csv', '--preset', 'equals-categories', '--as-of', '2026-09-01', '--format', 'csv'],
      { cwd: FIXTURES },
    );
    expect(r.stderr).toMatch(/^26 schools: 4: \d+, 2b: \d+, 3: \d+, 1: \d+, 2a: \d+/m);
  });
  it('a reason does not repeat its value ("... is supports-others: supports-others")', async () => {
    const r = await runInProcess(['classify', 'schools.csv', '--as-of', '2026-09-01', '--format', 'json'], {
      cwd: FIXTURES,
    });
    const reasons = (JSON.parse(r.stdout) as { reasons: string[] }[]).flatMap((p) => p.reasons).join('\n');
    expect(reasons).toContain('leadership capacity is supports-others');
    expect(reasons).not.toMatch(/supports-others: supports-others|is insufficient: insufficient/);
    // A value that says which of several it was stays.
    expect(reasons).toContain('Ofsted overall effectiveness is Outstanding or Good: Good');
  });
});
