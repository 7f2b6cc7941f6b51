// One reading of school data for every command (issue 10): the same files, --with, --layout,
// --sheet and `with:` in the config give each school the same tier in classify, explain, diff,
// wfap and validate; validate reports what classify would; explain finds a school by name.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../helpers/run-sit.js';
import { AS_AT_HEADERS, IN_YEAR_2024_25_HEADERS } from '../helpers/ofsted-headers.js';
import { ofstedCsv, type Row } from '../helpers/ofsted-rows.js';

const AS_OF = ['--as-of', '2026-03-01'];

/** A 2024/25 in-year file: a monitoring visit of an RI school (its earlier grade not in the file) and a Good school's section 8. */
const IN_YEAR: Row[] = [
  {
    URN: '120001',
    'School name': "St Mary's C of E Primary",
    'Inspection type': 'Requires Improvement Monitoring Inspection',
    'Inspection type grouping': 'Monitoring visit',
    'Inspection start date': '12/02/2025',
    'Outcomes for ungraded and monitoring inspections': 'Taking effective action',
    'Previous overall effectiveness': '3',
    'Previous inspection start date': '07/03/2023',
    'Previous quality of education': '3',
    'Previous effectiveness of leadership and management': '3',
  },
  {
    URN: '120002',
    'School name': 'St Marys Catholic Academy',
    'Inspection type': 'S8 Inspection of Good/Outstanding school',
    'Inspection type grouping': 'Section 8 (did not convert)',
    'Did the latest ungraded inspection convert to a graded inspection?': 'No',
    'Inspection start date': '20/01/2025',
    'Outcomes for ungraded and monitoring inspections': 'Standards maintained',
    'Previous overall effectiveness': '2',
    'Previous inspection start date': '01/12/2018',
  },
];
/** The official statistics as at 31 August 2024: the 2023 RI inspection, and the RI one before it. */
const AS_AT: Row[] = [
  {
    URN: '120001',
    'School name': "St Mary's C of E Primary",
    'Inspection start date': '07/03/2023',
    'Overall effectiveness': '3',
    'Previous graded inspection overall effectiveness': '3',
    'Previous inspection start date': '10/10/2020',
  },
  {
    URN: '120002',
    'School name': 'St Marys Catholic Academy',
    'Inspection start date': '01/12/2018',
    'Overall effectiveness': '2',
    'Previous graded inspection overall effectiveness': '1',
  },
];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sit-one-reading-'));
  writeFileSync(join(dir, 'in-year.csv'), ofstedCsv(IN_YEAR_2024_25_HEADERS, IN_YEAR), 'latin1');
  writeFileSync(join(dir, 'as-at-2024.csv'), ofstedCsv(AS_AT_HEADERS, AS_AT), 'latin1');
  return dir;
}
const tiers = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout) as { urn: number; tier: string | null }[]).map((p) => [p.urn, p.tier]));

describe('one reading for every command', () => {
  it('classify points at the fix; --with an older Ofsted file supplies the grade before, and places the school', async () => {
    const dir = folder();
    const alone = await runInProcess(['classify', 'in-year.csv', '--format', 'json', ...AS_OF], { cwd: dir });
    expect(tiers(alone.stdout)).toEqual({ 120001: null, 120002: 'universal' });
    expect(alone.stderr).toMatch(
      /needs data: previous_ofsted_overall: 1 school needs it; the previous Ofsted grade is in an older Ofsted file: join one, e\.g\. --with/,
    );
    const joined = await runInProcess(
      ['classify', 'in-year.csv', '--with', 'as-at-2024.csv', '--format', 'json', ...AS_OF],
      { cwd: dir },
    );
    // Stuck: RI at the latest graded inspection (2023, before the monitoring visit), RI before it (2020).
    expect(tiers(joined.stdout)).toEqual({ 120001: 'targeted', 120002: 'universal' });
  });
  it('with: in trust.config.yaml (relative to it) joins for every command: classify, diff, wfap and explain agree', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'trust'));
    writeFileSync(join(dir, 'trust', 'trust.config.yaml'), 'schools: ../in-year.csv\nwith:\n  - ../as-at-2024.csv\n');
    const cwd = join(dir, 'trust');
    const classify = await runInProcess(['classify', '--format', 'json', ...AS_OF], { cwd });
    expect(classify.stderr).toContain('by preset rise-2025');
    expect(tiers(classify.stdout)).toEqual({ 120001: 'targeted', 120002: 'universal' });
    const diff = await runInProcess(['diff', '../in-year.csv', '../in-year.csv', '--format', 'json', ...AS_OF], {
      cwd,
    });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('targeted');
    const wfap = await runInProcess(['wfap', 'new', '--school', '120001', '--yes', '--format', 'json', ...AS_OF], {
      cwd,
    });
    expect(wfap.code).toBe(0);
    expect(wfap.stdout).toMatch(/targeted|Targeted RISE support/);
    const explain = await runInProcess(['explain', '120001', '--format', 'json', ...AS_OF], { cwd });
    expect(JSON.parse(explain.stdout).tier).toBe('targeted');
  });
  it('wfap and diff take --with as classify does (a WFAP never says "needs data" for a school classify placed)', async () => {
    const dir = folder();
    const wfap = await runInProcess(
      [
        'wfap',
        'new',
        '--data',
        'in-year.csv',
        '--with',
        'as-at-2024.csv',
        '--school',
        '120001',
        '--yes',
        '--format',
        'json',
        ...AS_OF,
      ],
      { cwd: dir },
    );
    expect(wfap.code).toBe(0);
    expect(wfap.stdout).toMatch(/Targeted RISE support/);
    const diff = await runInProcess(
      [
        'diff',
        'in-year.csv',
        'in-year.csv',
        '--with',
        'as-at-2024.csv',
        '--old-with',
        'as-at-2024.csv',
        '--format',
        'csv',
        ...AS_OF,
      ],
      { cwd: dir },
    );
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/120001,[^\n]*,same,targeted,targeted/);
  });
  it('calendar chooses the policy classify chooses for a published file (rise-2025, which has no calendar to plan)', async () => {
    const dir = folder();
    const r = await runInProcess(['calendar', 'in-year.csv', '--with', 'as-at-2024.csv', '--term', '3', ...AS_OF], {
      cwd: dir,
    });
    expect(r.stderr).toContain('by preset rise-2025');
    // Before issue 10 it planned by rlt-categories while classify placed by rise-2025.
    if (r.code !== 0) expect(r.stderr).toContain('the policy "rise-2025" has no calendar');
  });
  it('validate reports what classify would: the layout, the policy and why, who needs data and where to find it', async () => {
    const dir = folder();
    const r = await runInProcess(['validate', 'in-year.csv', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(ofsted-2024-25, recognised from the headers)');
    expect(r.stdout).toMatch(
      /policy rise-2025 from preset rise-2025, chosen for Ofsted management information, 2024\/25 in-year/,
    );
    expect(r.stdout).toContain(
      'placed as sit classify would: 2 schools: 0 structural, 0 targeted, 1 universal, 1 need data',
    );
    expect(r.stdout).toMatch(
      /previous_ofsted_overall: 1 school needs it; the previous Ofsted grade is in an older Ofsted file/,
    );
    expect(r.stdout).not.toMatch(/2 schools: OK/);
  });
  it('validate: a rule naming a field neither sit nor the file knows is a config error naming its line', async () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'trust.config.yaml'),
      [
        'id: mine',
        'name: Mine',
        'tiers:',
        '  - id: lead',
        '    label: Lead',
        '    level: 1',
        '    days: 2',
        '    rules:',
        '      - name: attendance',
        '        when: { field: atendance_pct, gte: 95 }',
        '  - id: grow',
        '    label: Grow',
        '    level: 2',
        '    days: 4',
        '    default: true',
        '',
      ].join('\n'),
    );
    const r = await runInProcess(['validate', 'in-year.csv', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('trust.config.yaml:10: a rule names the field "atendance_pct"');
  });
  it('explain finds a school by name, ignoring case and punctuation; several matches are listed', async () => {
    const dir = folder();
    const one = await runInProcess(
      ['explain', 'st marys c of e primary', 'in-year.csv', '--format', 'json', ...AS_OF],
      { cwd: dir },
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).urn).toBe(120001);
    const several = await runInProcess(['explain', 'ST. MARY', 'in-year.csv', ...AS_OF], { cwd: dir });
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('matches 2 schools');
    // One school a line (the list was once written as one line with a literal "\n" in it).
    expect(several.stderr.split('\n')).toContain('sit:   120002  St Marys Catholic Academy');
    expect(several.stderr).not.toContain('\\n');
  });
});
