// End to end: sit budget and sit diff, run as a user runs them, on the fixtures.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSit, runInProcess, runSitAsync, FIXTURES, ROOT } from '../helpers/run-sit.js';
import { expectedCases, expectedOutput } from '../helpers/expected-cases.js';

const asOf = ['--as-of', '2026-09-01'];
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |internal error/);

describe('sit budget and sit report on the fixtures give the committed output', () => {
  // A report names its data files with the day each was saved: a checkout's, not the output's.
  const saved = (text: string) => text.replace(/\(saved \d{4}-\d{2}-\d{2}\)/g, '(saved DATE)');
  it.concurrent.for(expectedCases('budget-', 'report-').map((c) => [c.file, c] as const))(
    '%s',
    async ([, c], { expect }) => {
      const result = await runSitAsync(c.args, { cwd: join(ROOT, c.cwd ?? '') });
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(c.code ?? 0);
      expect(saved(result.stdout)).toBe(saved(expectedOutput(c)));
    },
  );
});

describe('sit budget', () => {
  it('prints the JSON of SPEC section 5 (schools, byTier, byTrust, total): the schedule costed', async () => {
    const r = await runInProcess(['budget', 'schools.csv', ...asOf, '--format', 'json'], { cwd: FIXTURES });
    const json = JSON.parse(r.stdout);
    expect(json.schools).toHaveLength(26);
    // Category A: 13 scheduled days beside the source's "12 days 2 per term"; C beside "Up to 15 days".
    expect(json.schools[0]).toMatchObject({ urn: 100001, tier: 'A', days: 13, scheduled: 13, stated: '12' });
    expect(json.schools.find((s: { urn: number }) => s.urn === 100011)).toMatchObject({
      tier: 'C',
      days: 13,
      ceiling: 15,
      stated: 'up to 15',
    });
    expect(json.schools.find((s: { urn: number }) => s.urn === 100003)).toMatchObject({
      tier: 'B',
      days: 13,
      stated: null,
      unknown: false,
    });
    expect(json.byTier.D).toMatchObject({ schools: 8, days: 264 });
    expect(json.byTrust['Kestrel Academies Trust'].days).toBe(164);
    // The weekly head teacher meetings: once for all the schools (39 x half a day).
    expect(json.trust_events).toEqual([
      {
        trust: 'All schools',
        activity: 'Head teacher meeting',
        count: 39,
        days: 19.5,
        per_term: [3.5, 3.5, 3, 2.5, 3.5, 3.5],
      },
    ]);
    expect(json.total).toMatchObject({ days: 517.5, unknown: 0, needs_data: 1, unscheduled: 0 });
    // The fixture trust's eight people can keep the plan: term 5 (the 2-day Trust Review) is the
    // busiest, 105.5 days against 155, and nobody is past their own days.
    expect(json.capacity.terms[4]).toEqual({ term: 5, demand: 105.5, capacity: 155, balance: 49.5, over: false });
    expect(json.capacity.over_allocated).toBe(false);
    expect(json.capacity.by_person.map((p: { name: string }) => p.name)).toEqual([
      'Alex Morgan',
      'Jordan Hale',
      'Sam Okafor',
      'Priya Shah',
      'Tom Reilly',
      'Aisha Begum',
      'Chris Byrne',
      'Dana Lee',
    ]);
    for (const p of json.capacity.by_person as { name: string; year: { over: boolean }; terms: { over: boolean }[] }[])
      expect([p.name, p.year.over || p.terms.some((t) => t.over)]).toEqual([p.name, false]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('OVER-ALLOCATED');
  });

  it("a new user's first run is a plan the team can keep: --strict exits 0 on the fixture trust", async () => {
    const r = await runInProcess(['budget', 'schools.csv', ...asOf, '--format', 'csv', '--strict'], { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
  });

  it('an under-staffed team: over-allocation is said plainly, per term and per person; without --strict the run succeeds', async () => {
    const r = await runInProcess(
      ['budget', 'schools.csv', ...asOf, '--config', 'understaffed.config.yaml', '--format', 'json'],
      { cwd: FIXTURES },
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.capacity.terms[4]).toEqual({ term: 5, demand: 105.5, capacity: 105, balance: -0.5, over: true });
    expect(r.stderr).toContain(
      'OVER-ALLOCATED: demand exceeds capacity in term 5 by 0.5 days, Sam Okafor: term 4 by 1',
    );
  });

  it('--strict exits 1 when over-allocated, after writing the output', () => {
    const r = runSit(
      ['budget', 'schools.csv', ...asOf, '--config', 'understaffed.config.yaml', '--format', 'csv', '--strict'],
      { cwd: FIXTURES },
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split('\r\n')[0]).toBe(
      'urn,name,trust,tier,days,scheduled,stated,unscheduled,ceiling,days_text,T1,T2,T3,T4,T5,T6,paid_by,basis',
    );
    expect(r.stderr).toMatch(/^sit: OVER-ALLOCATED: .*\(--strict\)$/m);
    noStack(r.stderr);
  });

  it('--strict exits 0 within capacity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-budget-'));
    writeFileSync(
      join(dir, 'trust.config.yaml'),
      'extends: dfe-tsio-2023\ncapacity:\n  - { role: Director, days_per_term: 20 }\n',
    );
    const r = await runInProcess(['budget', `${FIXTURES}/schools.csv`, ...asOf, '--format', 'json', '--strict'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).capacity.over_allocated).toBe(false); // the DfE offer: 50 / 6 = 8.33 a term <= 20
  });

  it('shows the DfE trust route once per trust and the extra days subject to approval', async () => {
    const r = await runInProcess([
      'budget',
      `${FIXTURES}/schools.csv`,
      '--preset',
      'dfe-tsio-2023',
      ...asOf,
      '--by',
      'tier',
      '--format',
      'md',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| eligible | Eligible for the offer | 6 | 50 | 50 | 0 | 0 | 25 |');
  });

  it('rejects a capacity entry without days, with the config line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-budget-'));
    writeFileSync(join(dir, 'trust.config.yaml'), 'extends: rlt-categories\ncapacity:\n  - { role: Director }\n');
    const r = await runInProcess(['budget', `${FIXTURES}/schools.csv`, ...asOf], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('days_per_year or days_per_term');
    noStack(r.stderr);
  });

  it('gives the same bytes twice', async () => {
    const args = ['budget', 'schools.csv', ...asOf, '--format', 'html'];
    expect((await runInProcess(args, { cwd: FIXTURES })).stdout).toBe(
      (await runInProcess(args, { cwd: FIXTURES })).stdout,
    );
  });
});

describe('sit diff', () => {
  it("takes last year's classification as a workbook written by sit classify", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-diff-xlsx-'));
    const old = join(dir, 'tiers-2025.xlsx');
    expect(
      (await runInProcess(['classify', 'schools-2025.csv', '--as-of', '2025-09-01', '-o', old], { cwd: FIXTURES }))
        .code,
    ).toBe(0);
    const r = await runInProcess(['diff', old, 'schools.csv', ...asOf, '--format', 'json'], { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary).toBe('4 up, 1 down, 19 same, 1 joined, 1 left, 1 newly needing data');
  });
  it('reads published files as every other command does (the Ofsted report-card layout is recognised)', async () => {
    const file = `${FIXTURES}/quirks/ofsted-report-cards.csv`;
    // As of 2027-09-01, so OLD (a year before) is after the file's last inspection (2026-01-14):
    // an inspection dated after --as-of is a data error.
    const r = await runInProcess([
      'diff',
      file,
      file,
      '--preset',
      'rise-2025',
      '--as-of',
      '2027-09-01',
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const moves = JSON.parse(r.stdout).movements as { urn: number; movement: string; new_tier: string | null }[];
    // The same file both years, both from 1 September 2026: nothing moves; a report card leading to
    // RSI is targeted from then (the switch itself is tested in test/unit/ofsted-latest-graded.test.ts).
    expect(moves.filter((m) => m.movement !== 'same')).toEqual([]);
    expect([300003, 300005].map((urn) => moves.find((m) => m.urn === urn)?.new_tier)).toEqual(['targeted', 'targeted']);
    expect(moves.find((m) => m.urn === 300001)?.new_tier).toBe('targeted');
  });

  it('compares two data files (OLD classified a year before --as-of)', async () => {
    const r = await runInProcess(['diff', 'schools-2025.csv', 'schools.csv', ...asOf, '--format', 'json'], {
      cwd: FIXTURES,
    });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      old_as_of: '2025-09-01',
      new_as_of: '2026-09-01',
      summary: '4 up, 1 down, 19 same, 1 joined, 1 left, 1 newly needing data',
    });
    expect(
      json.movements
        .filter((m: { movement: string }) => m.movement !== 'same')
        .map((m: { urn: number; movement: string }) => `${m.urn} ${m.movement}`),
    ).toEqual([
      '100001 down',
      '100014 up',
      '100015 up',
      '100016 up',
      '100018 up',
      '100025 needs-data',
      '100026 joined',
      '100027 left',
    ]);
  });

  it('reads the same file as both years once and places it twice, as it places two copies (--with joins NEW only)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-diff-'));
    writeFileSync(join(dir, 'copy.csv'), readFileSync(join(FIXTURES, 'schools.csv')));
    writeFileSync(
      join(dir, 'board.csv'),
      'urn,name,override_tier,override_reason\n100002,Birchfield,D,Board decision\n',
    );
    const run = (old: string) =>
      runInProcess(['diff', old, 'schools.csv', '--with', join(dir, 'board.csv'), ...asOf, '--format', 'json'], {
        cwd: FIXTURES,
      });
    const same = await run('schools.csv');
    const copy = await run(join(dir, 'copy.csv'));
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe(copy.stdout);
    const json = JSON.parse(same.stdout);
    expect(json.old_as_of).toBe('2025-09-01');
    // The override joined to NEW only: OLD, the same file read once, is placed without it.
    expect(json.movements.find((m: { urn: number }) => m.urn === 100002)).toMatchObject({
      movement: 'up',
      old_tier: 'A',
      new_tier: 'D',
    });
    expect(json.summary).toBe('1 up, 24 same, 1 newly needing data');
  });

  it('reads standard input as OLD, not a file named "-" given as NEW', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-diff-'));
    writeFileSync(join(dir, '-'), readFileSync(join(FIXTURES, 'schools.csv')));
    const r = await runInProcess(
      ['diff', '-', './-', '--config', `${FIXTURES}/trust.config.yaml`, ...asOf, '--format', 'json'],
      { cwd: dir, input: readFileSync(join(FIXTURES, 'schools-2025.csv'), 'utf8') },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary).toBe('4 up, 1 down, 19 same, 1 joined, 1 left, 1 newly needing data');
  });

  it('compares two sit classify outputs (CSV and JSON) the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-diff-'));
    const old = await runInProcess(['classify', 'schools-2025.csv', '--as-of', '2025-09-01', '--format', 'csv'], {
      cwd: FIXTURES,
    });
    const now = await runInProcess(['classify', 'schools.csv', ...asOf, '--format', 'json'], { cwd: FIXTURES });
    writeFileSync(join(dir, 'old.csv'), old.stdout);
    writeFileSync(join(dir, 'new.json'), now.stdout);
    const r = await runInProcess([
      'diff',
      join(dir, 'old.csv'),
      join(dir, 'new.json'),
      '--config',
      `${FIXTURES}/trust.config.yaml`,
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('4 up, 1 down, 19 same, 1 joined, 1 left, 1 newly needing data');
    expect(r.stdout).toContain('100015,Oakwood Primary School,up,A,C,12,15,3,');
  });

  it('refuses an output made with another policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-diff-'));
    writeFileSync(
      join(dir, 'x.json'),
      (
        await runInProcess(['classify', 'schools.csv', '--preset', 'four-tier', ...asOf, '--format', 'json'], {
          cwd: FIXTURES,
        })
      ).stdout,
    );
    const r = await runInProcess([
      'diff',
      join(dir, 'x.json'),
      join(dir, 'x.json'),
      '--preset',
      'rlt-categories',
      ...asOf,
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('is not a tier of policy rlt-categories');
  });
});
