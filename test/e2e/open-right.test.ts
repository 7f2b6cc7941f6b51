// Issue 14: files open right where they are read. CSV written to a file carries a UTF-8 byte-order
// mark (Excel on Windows reads it as UTF-8, not as Windows-1252); standard output has none; a file
// named for a format sit does not write is a usage error, not another format under that name.
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

const asOf = ['--as-of', '2026-09-01'];
const dir = mkdtempSync(join(tmpdir(), 'sit-open-right-'));
copyFileSync(join(FIXTURES, 'schools.csv'), join(dir, 'schools.csv'));
copyFileSync(join(FIXTURES, 'trust.config.yaml'), join(dir, 'trust.config.yaml'));
// An accented, curly-apostrophed name: what Excel mangled without the mark.
writeFileSync(
  join(dir, 'accents.csv'),
  'urn,name,ofsted_overall,ofsted_date\n100001,St Thérèse’s Catholic Primary,Good,2023-01-18\n',
);
writeFileSync(join(dir, 'extra.csv'), 'urn,name,attendance_pct\n100001,St Thérèse’s Catholic Primary,95.2\n');

const BOM = [0xef, 0xbb, 0xbf];

describe('CSV: a byte-order mark in a file, none on standard output', () => {
  it.each([
    ['classify (streamed)', ['classify', 'accents.csv', '--preset', 'four-tier']],
    ['classify (in memory)', ['classify', 'accents.csv', '--preset', 'four-tier', '--with', 'extra.csv']],
    ['budget', ['budget', 'schools.csv']],
    ['calendar', ['calendar', '--term', '3']],
    ['diff', ['diff', 'schools.csv', 'schools.csv']],
  ])('%s -o x.csv starts with EF BB BF and keeps its accents', async (_, args) => {
    const out = `${args[0]}-${Math.random().toString(36).slice(2)}.csv`;
    const result = await runInProcess([...args, ...asOf, '-o', out], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(join(dir, out));
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    if (args[1] === 'accents.csv') expect(bytes.subarray(3).toString('utf8')).toContain('St Thérèse’s');
  });
  it('presets -o x.csv too', async () => {
    const result = await runInProcess(['presets', '-o', 'presets.csv'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect([...readFileSync(join(dir, 'presets.csv')).subarray(0, 3)]).toEqual(BOM);
  });
  it('standard output has no mark (a pipeline reads plain UTF-8)', async () => {
    const result = await runInProcess(
      ['classify', 'accents.csv', '--preset', 'four-tier', '--format', 'csv', ...asOf],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.charCodeAt(0)).not.toBe(0xfeff);
    expect(result.stdout.startsWith('urn,')).toBe(true);
  });
});

describe('a file named for a format sit does not write', () => {
  it.each([
    [['report', 'schools.csv', '-o', 'board.pdf'], /-o board\.pdf: .*\.html, \.docx, \.md, \.json/],
    // No PDF writer (README): the WFAP names the formats it writes, Word among them.
    [
      ['wfap', 'new', '--data', 'schools.csv', '--school', '100004', '--yes', '-o', 'plan.pdf'],
      /-o plan\.pdf: .*\.md, \.html, \.csv, \.json, \.docx/,
    ],
    [['calendar', '--term', '3', '-o', 'plan.ical'], /-o plan\.ical: .*\.ics/],
    [['classify', 'schools.csv', '-o', 'tiers.ics'], /-o tiers\.ics: .*\.csv, \.md, \.html, \.json, \.xlsx/],
  ])('%j is a usage error naming the formats there are, and writes nothing', async (args, message) => {
    const result = await runInProcess([...args, ...asOf], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, args[args.length - 1]))).toBe(false);
  });
  it("--format still decides when given (the name is then the person's choice)", async () => {
    const result = await runInProcess(['calendar', '--term', '3', '--format', 'ics', '-o', 'plan.ical', ...asOf], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'plan.ical'), 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
  });
});
