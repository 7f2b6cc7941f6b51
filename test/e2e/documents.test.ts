// Issue 14: documents that go to schools and boards (HTML and Markdown) show no names internal to
// sit (days_text, activity_id, "not stated in the source (...)"), and the board report names the
// trust and the data it was made from by file name and date, never a folder on someone's computer.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

const asOf = ['--as-of', '2026-09-01'];
const INTERNAL = /days_text|activity_id|not stated in the source/;
/** The words inside values, where a CSV keeps its column names. */
const INTERNAL_TEXT = /not stated in the source/;
/** Category D of rlt-categories: the days as a school reads them (source: "Weekly or fortnightly support dependent upon need"). */
const PLAIN_D =
  "no set number of days: weekly or fortnightly support dependent upon need (sit's choice: left blank, never counted as 0)";

describe('no internal names in documents', () => {
  it.each([
    ['report', ['report', 'schools.csv', '--previous', 'schools-2025.csv']],
    ['budget', ['budget', 'schools.csv']],
    ['calendar', ['calendar', '--term', '3']],
    ['classify', ['classify', 'schools.csv']],
    ['explain', ['explain', '100004', 'schools.csv', '--preset', 'rlt-categories']],
    ['WFAP (its tier line)', ['wfap', 'new', '--data', 'schools.csv', '--school', '100004', '--yes']],
  ])('%s in HTML and Markdown', async (_, args) => {
    for (const format of ['html', 'md']) {
      const r = await runInProcess([...args, ...asOf, '--format', format], { cwd: FIXTURES });
      expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
      expect(r.stdout, `${format}`).not.toMatch(INTERNAL);
    }
  });
  it('the WFAP in Word says the days in plain words too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-wfap-words-'));
    copyFileSync(join(FIXTURES, 'schools.csv'), join(dir, 'schools.csv'));
    const args = ['wfap', 'new', '--data', 'schools.csv', '--school', '100004', '--preset', 'rlt-categories'];
    const r = await runInProcess([...args, '--yes', ...asOf, '-o', 'plan.docx'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const { value } = await mammoth.extractRawText({ path: join(dir, 'plan.docx') });
    expect(value).not.toMatch(INTERNAL);
    expect(value).toContain(PLAIN_D);
  });
  it("CSV and JSON days_text, read by people too, say what the policy gives and what sit chose, as sit's choice", async () => {
    for (const preset of ['rlt-categories', 'four-tier', 'ult-core-second-tier', 'rise-2025']) {
      const json = await runInProcess(['classify', 'schools.csv', '--preset', preset, ...asOf, '--format', 'json'], {
        cwd: FIXTURES,
      });
      const placed = JSON.parse(json.stdout) as {
        tier: string | null;
        days: number | null;
        days_text: string | null;
      }[];
      const unnumbered = placed.filter((p) => p.tier !== null && p.days === null);
      expect(unnumbered.length, preset).toBeGreaterThan(0);
      for (const p of unnumbered)
        expect(p.days_text).toMatch(/^no set number of days: .+ \(sit's choice: left blank, never counted as 0\)$/);
      const csv = await runInProcess(['classify', 'schools.csv', '--preset', preset, ...asOf, '--format', 'csv'], {
        cwd: FIXTURES,
      });
      expect(csv.stdout).not.toMatch(INTERNAL_TEXT);
    }
    const rlt = await runInProcess(
      ['classify', 'schools.csv', '--preset', 'rlt-categories', ...asOf, '--format', 'csv'],
      {
        cwd: FIXTURES,
      },
    );
    expect(rlt.stdout).toContain(PLAIN_D);
    const budget = await runInProcess(['budget', 'schools.csv', '--preset', 'four-tier', ...asOf, '--format', 'csv'], {
      cwd: FIXTURES,
    });
    expect(budget.stdout + budget.stderr).not.toMatch(INTERNAL_TEXT);
  });
  it('CSV keeps the names scripts read', async () => {
    const r = await runInProcess(['classify', 'schools.csv', ...asOf, '--format', 'csv'], { cwd: FIXTURES });
    expect(r.stdout.split('\n')[0]).toContain('days_text');
  });
});

describe('the board report says whose it is and what it was made from', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sit-board-'));
  copyFileSync(join(FIXTURES, 'schools.csv'), join(dir, 'schools.csv'));
  copyFileSync(join(FIXTURES, 'schools-2025.csv'), join(dir, 'schools-2025.csv'));
  utimesSync(join(dir, 'schools.csv'), new Date('2026-08-28T10:00:00Z'), new Date('2026-08-28T10:00:00Z'));
  utimesSync(join(dir, 'schools-2025.csv'), new Date('2025-07-15T10:00:00Z'), new Date('2025-07-15T10:00:00Z'));
  writeFileSync(join(dir, 'trust.config.yaml'), 'extends: rlt-categories\ntrust_name: Northbridge Learning Trust\n');

  it('data files by name with the date each was saved; no full path, even when given one', async () => {
    for (const format of ['html', 'md']) {
      const r = await runInProcess(
        ['report', join(dir, 'schools.csv'), '--previous', join(dir, 'schools-2025.csv'), ...asOf, '--format', format],
        { cwd: dir },
      );
      expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
      expect(r.stdout).toContain('schools schools.csv (saved 2026-08-28)');
      expect(r.stdout).toContain('last year schools-2025.csv (saved 2025-07-15)');
      expect(r.stdout).not.toContain(dir);
    }
  });
  it("the trust's name from trust_name in the config", async () => {
    const r = await runInProcess(['report', 'schools.csv', ...asOf, '--format', 'md'], { cwd: dir });
    expect(r.stdout.split('\n')[0]).toBe(
      '# Northbridge Learning Trust: school improvement: tiers and support, Trust Review Days - categories A to D',
    );
  });
  it('else the one trust every school in the data belongs to', async () => {
    const one = join(mkdtempSync(join(tmpdir(), 'sit-one-trust-')), 'one');
    writeFileSync(
      `${one}.csv`,
      'urn,name,trust,ofsted_overall,ofsted_date,leadership_capacity\n100001,Ashgrove Primary School,Kestrel Academies Trust,Good,2023-01-18,supports-others\n',
    );
    const r = await runInProcess(['report', `${one}.csv`, '--preset', 'rlt-categories', ...asOf, '--format', 'md'], {
      cwd: join(one, '..'),
    });
    expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
    expect(r.stdout.split('\n')[0]).toMatch(/^# Kestrel Academies Trust: school improvement/);
  });
});
