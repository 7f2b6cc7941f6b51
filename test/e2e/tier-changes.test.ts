// Mid-year re-tiering through the CLI: a tier-change file given by --tier-changes or tier_changes:
// in the config; a bad change is a data error (65) naming the file, line and column.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FIXTURES, runInProcess, runSit } from '../helpers/run-sit.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sit-retier-'));
const classifyJson = async (args: string[], cwd = FIXTURES) => {
  const result = await runInProcess(['classify', '--as-of', '2027-03-01', '--format', 'json', ...args], { cwd });
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
};

describe('sit classify with a tier-change file', () => {
  it('keeps the computed tier and adds the tier in force and the history (JSON)', async () => {
    const schools = await classifyJson(['--tier-changes', 'tier-changes.csv']);
    const cedar = schools.find((s) => s.urn === 100003)!;
    expect(cedar).toMatchObject({
      tier: 'B',
      tier_in_force: 'D',
      label_in_force: 'Category D',
      retiered:
        're-tiered to Category D [D] from 2027-02-01: Headteacher left suddenly in January; interim leadership needs executive support (agreed by Trust Board on 2027-01-28)',
    });
    // A change dated after --as-of is history to come, not yet in force.
    const ashgrove = schools.find((s) => s.urn === 100001)!;
    expect(ashgrove).toMatchObject({ tier: 'A', tier_in_force: 'A', retiered: null });
    expect(ashgrove.tier_history).toEqual([
      {
        from: '2027-06-01',
        tier: 'B',
        reason: 'Staffing turnover after the Spring data review',
        agreed_by: 'Trust Board',
        agreed_on: '2027-05-20',
      },
    ]);
  });

  it('reads tier_changes: from the config, relative to it', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'trust.config.yaml'),
      `extends: rlt-categories\nschools: ${join(FIXTURES, 'schools.csv')}\ntier_changes: changes.yaml\n`,
    );
    writeFileSync(
      join(dir, 'changes.yaml'),
      '- urn: 100004\n  from: 2027-01-04\n  tier: C\n  reason: New executive head in post\n',
    );
    const schools = await classifyJson([], dir);
    expect(schools.find((s) => s.urn === 100004)).toMatchObject({ tier: 'D', tier_in_force: 'C' });
  });

  it('adds no columns without a tier-change file', async () => {
    const schools = await classifyJson([]);
    expect(Object.keys(schools[0])).not.toContain('tier_in_force');
  });

  it.each([
    ['100003,2027-02-01,D,', 'tc.csv:2: column "reason": expected the reason for the re-tiering'],
    ['100003,2027-02-01,E,why', 'tc.csv:2: column "tier": "E" is not a tier of policy rlt-categories'],
    ['999999,2027-02-01,D,why', 'tc.csv:2: column "urn": URN 999999 is not in the school data'],
    ['100003,02/30/2027,D,why', 'tc.csv:2: column "from": expected a date as YYYY-MM-DD or DD/MM/YYYY'],
  ])('refuses %s as bad data (65)', async (row, message) => {
    const dir = tmp();
    writeFileSync(join(dir, 'tc.csv'), `urn,from,tier,reason\n${row}\n`);
    const result = await runInProcess(['classify', '--tier-changes', join(dir, 'tc.csv'), '--format', 'csv'], {
      cwd: FIXTURES,
    });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sit validate with a tier-change file (--tier-changes, as its help offers)', () => {
  it.each([
    ['100003,2027-02-01,E,why', 'tc.csv:2: column "tier": "E" is not a tier of policy rlt-categories'],
    ['999999,2027-02-01,D,why', 'tc.csv:2: column "urn": URN 999999 is not in the school data'],
  ])('lists %s as a problem (65)', async (row, message) => {
    const dir = tmp();
    writeFileSync(join(dir, 'tc.csv'), `urn,from,tier,reason\n${row}\n`);
    const result = await runInProcess(['validate', '--tier-changes', join(dir, 'tc.csv')], { cwd: FIXTURES });
    expect(result.code).toBe(65);
    expect(result.stdout + result.stderr).toContain(message);
  });

  it('says what a good one holds', async () => {
    const result = await runInProcess(['validate', '--tier-changes', 'tier-changes.csv', '--as-of', '2027-03-01'], {
      cwd: FIXTURES,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('tier changes: tier-changes.csv: 2 re-tierings, 1 in force on 2027-03-01');
  });
});

describe('sit calendar and sit budget with a re-tiering', () => {
  const retier = ['--as-of', '2026-09-01', '--tier-changes', 'tier-changes.csv'];

  it('plans Cedar Lane as B up to 31 January and as D from 1 February (committed output)', () => {
    const r = runSit(['calendar', '--year', '--school', '100003', ...retier, '--format', 'csv'], { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${FIXTURES}/expected/calendar-retiered-100003.csv`, 'utf8'));
    const rows = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .filter((l) => l.includes(',100003,'));
    const tierOf = (line: string) => line.split(',')[6];
    expect(rows.filter((l) => l < '2027-02-01').every((l) => tierOf(l) === 'B')).toBe(true);
    expect(rows.filter((l) => l >= '2027-02-01').every((l) => tierOf(l) === 'D')).toBe(true);
    // D's executive support visit (every 2 weeks, D only) starts after the change, never before.
    const support = rows.filter((l) => l.includes('d-executive-support')).map((l) => l.slice(0, 10));
    expect(support[0]).toBe('2027-02-08');
  });

  it('budget: the school costed as scheduled, agreeing with the calendar to the day', async () => {
    const budget = await runInProcess(['budget', ...retier, '--format', 'json'], { cwd: FIXTURES });
    expect(budget.code, budget.stderr).toBe(0);
    const cedar = JSON.parse(budget.stdout).schools.find((s: { urn: number }) => s.urn === 100003);
    const calendar = await runInProcess(['calendar', '--year', '--school', '100003', ...retier, '--format', 'json'], {
      cwd: FIXTURES,
    });
    const events = (JSON.parse(calendar.stdout) as { urn: number; days: number }[]).filter((e) => e.urn === 100003);
    expect(cedar.scheduled).toBe(events.reduce((sum, e) => sum + e.days, 0));
    expect(cedar.basis).toMatch(/^re-tiered \(B -> D from 2027-02-01\), costed as scheduled/);
    const plain = await runInProcess(['budget', '--as-of', '2026-09-01', '--format', 'json'], { cwd: FIXTURES });
    const before = JSON.parse(plain.stdout).schools.find((s: { urn: number }) => s.urn === 100003);
    expect(cedar.scheduled).toBeGreaterThan(before.scheduled); // D's support from February
  });
});

describe('sit diff and sit report list the re-tierings with their reasons', () => {
  const retier = ['--as-of', '2027-03-01', '--tier-changes', 'tier-changes.csv'];

  it('diff: beside the movements (JSON retierings; a line each under the table)', async () => {
    const json = await runInProcess(['diff', 'schools-2025.csv', 'schools.csv', ...retier, '--format', 'json'], {
      cwd: FIXTURES,
    });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).retierings).toEqual([
      {
        urn: 100001,
        name: 'Ashgrove Primary School',
        from: '2027-06-01',
        tier: 'B',
        reason: 'Staffing turnover after the Spring data review',
        agreed_by: 'Trust Board',
        agreed_on: '2027-05-20',
      },
      {
        urn: 100003,
        name: 'Cedar Lane Primary School',
        from: '2027-02-01',
        tier: 'D',
        reason: 'Headteacher left suddenly in January; interim leadership needs executive support',
        agreed_by: 'Trust Board',
        agreed_on: '2027-01-28',
      },
    ]);
    const csv = await runInProcess(['diff', 'schools-2025.csv', 'schools.csv', ...retier, '--format', 'md'], {
      cwd: FIXTURES,
    });
    expect(csv.stdout).toContain(
      'Cedar Lane Primary School (100003): re-tiered to Category D \\[D\\] from 2027-02-01: Headteacher left suddenly',
    );
  });

  it('report: a section of re-tierings, and a summary line for those in force', async () => {
    const r = await runInProcess(['report', ...retier, '--format', 'md'], { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('## Re-tierings during the year');
    expect(r.stdout).toContain(
      '| 100003 | Cedar Lane Primary School | 2027-02-01 | Category B | Category D | Headteacher left suddenly in January; interim leadership needs executive support | Trust Board, 2027-01-28 |',
    );
    expect(r.stdout).toContain('| 100001 | Ashgrove Primary School | 2027-06-01 (planned) | Category A | Category B |');
    expect(r.stdout).toContain('Re-tiered during the year: Cedar Lane Primary School (B to D from 2027-02-01)');
    const plain = await runInProcess(['report', '--as-of', '2027-03-01', '--format', 'md'], { cwd: FIXTURES });
    expect(plain.stdout).not.toContain('Re-tierings');
  });
});
