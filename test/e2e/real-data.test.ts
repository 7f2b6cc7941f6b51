// sit on the real published files in ../shared/data (read where they are; skipped, visibly, when
// that folder is absent on a developer's machine, and failed when CI is set: CI has ../shared
// beside the clone, so a green CI means they ran) and on the hand-made quirk files in fixtures/quirks.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURES, ROOT, runInProcess, runSit } from '../helpers/run-sit.js';
import { readSchoolsFile } from '../../src/io/read-schools.js';

const DATA = resolve(ROOT, '../shared/data');
const hasData = existsSync(join(DATA, 'ofsted-leeds-2026-02-28.csv'));
const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
if (!hasData && !inCi)
  console.warn(`real-data tests SKIPPED: ${DATA} is not there (CI has ../shared beside the clone)`);
const real = (name: string) => join(DATA, name);
const quirk = (name: string) => join(FIXTURES, 'quirks', name);
/** A folder with no trust.config.yaml above it. */
const bare = () => mkdtempSync(join(tmpdir(), 'sit-real-'));
type Placement = { urn: number; name: string; tier: string | null; reasons: string[]; missing: string[] };
const json = (stdout: string) => JSON.parse(stdout) as Placement[];

describe.skipIf(!hasData && !inCi)('the real files in ../shared/data, with no flags', () => {
  it('the data folder is there (under CI these tests fail rather than skip without it)', () => {
    expect(hasData, `${DATA} is missing`).toBe(true);
  });

  it('West Midlands 2023 (legacy grades, pandas floats, an index column): every inspected school placed by rise-2025', () => {
    const r = runSit(
      ['classify', real('ofsted-west-midlands-2023-08-31.csv'), '--as-of', '2026-09-01', '--format', 'json'],
      { cwd: bare() },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('by preset rise-2025');
    const placements = json(r.stdout);
    expect(placements).toHaveLength(2417);
    // The 22 schools with no inspection in the file are not yet inspected: a fact, universal (SPEC 3).
    expect(placements.filter((p) => p.tier === null)).toHaveLength(0);
    const notYet = placements.filter((p) => /^Not yet inspected/.test(p.reasons[0]));
    expect(notYet).toHaveLength(22);
    expect(new Set(notYet.map((p) => p.tier))).toEqual(new Set(['universal']));
    // 48 SM and 33 SWK in the file's "Category of concern" column.
    expect(placements.filter((p) => p.tier === 'structural')).toHaveLength(81);
    expect(r.stderr).toMatch(/2417 schools: 81 structural, \d+ targeted, \d+ universal/);
  });
  it('West Midlands: the U+0096 the converter left becomes an en dash in carried-through columns', async () => {
    const data = await readSchoolsFile(real('ofsted-west-midlands-2023-08-31.csv'), process.stdin);
    expect(data.layout?.id).toBe('ofsted-legacy');
    const groupings = new Set(data.schools.map((s) => s.extra['Event type grouping']));
    expect(groupings.has('Schools \u2013 Section 8 conversion')).toBe(true);
    expect(data.schools.some((s) => Object.values(s.extra).some((v) => /[\u0080-\u009f]/.test(v)))).toBe(false);
    expect(Object.keys(data.schools[0].extra)).not.toContain('');
  });
  it('Leeds 2026 (report-card era): report cards, the inspection before and given categories', async () => {
    const r = await runInProcess(
      ['classify', real('ofsted-leeds-2026-02-28.csv'), '--as-of', '2026-09-01', '--format', 'json'],
      { cwd: bare() },
    );
    expect(r.code).toBe(0);
    const byUrn = new Map(json(r.stdout).map((p) => [p.urn, p]));
    // Temple Learning Academy: report card with Leadership and governance Needs attention; RI at the OEIF inspection before.
    expect(byUrn.get(141883)?.tier).toBe('targeted');
    expect(byUrn.get(141883)?.reasons[0]).toContain(
      'Stuck - report card with Needs attention for Leadership and governance',
    );
    // Gildersome: the same report-card grade, but Good before: not stuck.
    expect(byUrn.get(107848)?.tier).toBe('universal');
    // Cockburn Ingram Road: "Most recent category of concern" SM.
    expect(byUrn.get(151719)?.tier).toBe('structural');
    // Guiseley: only an ungraded inspection ("School remains Good") - placed, not needing data.
    expect(byUrn.get(107809)?.tier).toBe('universal');
    // Southroyd: only "Standards maintained"; Bardsey: never inspected. Placed, saying why (issue 10).
    expect(byUrn.get(107847)?.reasons[0]).toMatch(/^Only an ungraded inspection in the file/);
    expect(byUrn.get(149546)?.reasons[0]).toMatch(/^Not yet inspected/);
    // Bankside: RI sub-judgements in 2025, "School remains Good" at the ungraded inspection of 2020 before it.
    expect(byUrn.get(107901)?.tier).toBe('universal');
    // Only schools whose grade before a latest RI judgement is not in the file need data.
    const needing = [...byUrn.values()].filter((p) => p.tier === null);
    expect(needing).toHaveLength(10);
    expect(new Set(needing.flatMap((p) => p.missing))).toEqual(new Set(['previous_ofsted_overall']));
  });
  it('KS4 alone has no inspection data: it says which fields are missing and how to join, and does not fail', async () => {
    const r = await runInProcess(
      ['classify', real('ks4-2023-24-school-level.csv'), '--as-of', '2026-09-01', '--format', 'csv'],
      { cwd: bare() },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(5710);
    expect(r.stderr).toContain('need data');
    expect(r.stderr).toContain('join it to an Ofsted file, e.g. sit classify ofsted.csv --with ks4.csv');
  });
  it('joins KS4 to the Leeds file on URN and says what matched', async () => {
    const r = await runInProcess(
      [
        'validate',
        real('ofsted-leeds-2026-02-28.csv'),
        '--with',
        real('ks4-2023-24-school-level.csv'),
        '--preset',
        'four-tier',
        '--format',
        'json',
      ],
      { cwd: bare() },
    );
    const report = JSON.parse(r.stdout);
    expect(report.data.layout.id).toBe('ofsted-report-card');
    expect(report.data.layout.fills).toContain('rc_leadership_governance');
    expect(report.with[0]).toMatchObject({
      layout: { id: 'dfe-ks4', fills: ['urn', 'name', 'attainment_pct', 'progress_score'] },
      matched: 53,
      absent: 226,
    });
  });
});

describe('hand-made files with the quirks of published ones', () => {
  it('a Windows-1252 Ofsted download with title rows shows accented names correctly', async () => {
    const r = await runInProcess(['classify', quirk('ofsted-cp1252.csv'), '--as-of', '2026-09-01', '--format', 'csv'], {
      cwd: bare(),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('St Thérèse’s Catholic Primary School');
    expect(r.stdout).toContain('Ysgol Gymraeg Brynæron – Annex');
    expect(r.stdout).toContain('Zoë Garden Nursery');
    expect(r.stdout).not.toMatch(/Ã|Â|\uFFFD/);
  });
  it('--preset rise-2025 places report cards by the DfE rules (SPEC 2)', async () => {
    const r = await runInProcess(
      [
        'classify',
        quirk('ofsted-report-cards.csv'),
        '--preset',
        'rise-2025',
        '--as-of',
        '2026-09-01',
        '--format',
        'json',
      ],
      { cwd: bare() },
    );
    const tiers = Object.fromEntries(json(r.stdout).map((p) => [p.urn, p.tier]));
    expect(tiers).toEqual({
      300001: 'targeted', // L&G Needs attention, RI before: stuck
      300002: 'universal', // L&G Needs attention, Good before
      300003: 'targeted', // Achievement Urgent improvement: RSI
      300004: 'structural', // L&G and Inclusion Urgent improvement: SM
      300005: 'targeted', // safeguarding Not met: RSI
      300006: null, // 2024/25 RI sub-judgements; the grade before is not in a report-card-era file
      300007: 'universal', // School remains Good
      300008: 'structural', // SWK given
      300009: 'universal',
    });
  });
  it('the 2024/25 layout: sub-judgements only, "Previous overall effectiveness"', async () => {
    const r = await runInProcess(
      ['classify', quirk('ofsted-2024-25.csv'), '--preset', 'rise-2025', '--as-of', '2026-09-01', '--format', 'json'],
      { cwd: bare() },
    );
    expect(json(r.stdout).map((p) => p.tier)).toEqual(['targeted', 'universal', 'universal', 'universal']);
  });
  it('--layout forces a layout; validate says which layout and what it fills', async () => {
    const r = await runInProcess(['validate', quirk('ofsted-2024-25.csv'), '--layout', 'ofsted-legacy'], {
      cwd: bare(),
    });
    expect(r.stdout).toContain('(ofsted-legacy, as --layout said); fills urn, name, phase, trust, ofsted_overall');
    expect(
      (await runInProcess(['validate', quirk('ofsted-2024-25.csv'), '--layout', 'nope'], { cwd: bare() })).code,
    ).toBe(2);
  });
  it('.xlsx in (the sheet with a URN column, under a title row) and --with joins it', async () => {
    const r = await runInProcess(
      [
        'classify',
        quirk('ofsted-cp1252.csv'),
        '--with',
        quirk('tracker.xlsx'),
        '--preset',
        'rlt-categories',
        '--as-of',
        '2026-09-01',
        '--format',
        'json',
      ],
      { cwd: bare() },
    );
    expect(r.code).toBe(0);
    expect(json(r.stdout).map((p) => p.tier)).toEqual(['D', 'B', 'D', 'D']);
    expect(r.stderr).toContain('1 URN in');
    expect(r.stderr).toContain('not in the main file (ignored): 299999');
    const sheet = await runInProcess(['classify', quirk('tracker.xlsx'), '--sheet', 'Nope', '--as-of', '2026-09-01'], {
      cwd: bare(),
    });
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain('its sheets are: Notes, Tracker');
  });
  it('.xlsx out: -o tiers.xlsx writes a workbook that sit reads back; the terminal refuses binary', async () => {
    const dir = bare();
    const r = await runInProcess(
      ['classify', quirk('ofsted-report-cards.csv'), '--as-of', '2026-09-01', '-o', 'tiers.xlsx'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'tiers.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const back = await runInProcess(['validate', 'tiers.xlsx', '--preset', 'rise-2025'], { cwd: dir });
    expect(back.stdout).toContain('xlsx, header on line 1, 9 schools');
    const tty = await runInProcess(['classify', quirk('ofsted-report-cards.csv'), '--format', 'xlsx'], {
      cwd: dir,
      tty: true,
    });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain('add -o FILE.xlsx');
  });
});

describe('national comparators come from the config', () => {
  it("a trust overrides one comparator with extends:, keeping the preset's others", async () => {
    const dir = bare();
    writeFileSync(
      join(dir, 'trust.config.yaml'),
      'extends: four-tier\nnational:\n  attendance_pct: { primary: 99.0 }\n',
    );
    const r = await runInProcess(
      ['explain', '100001', join(FIXTURES, 'schools.csv'), '--as-of', '2026-09-01', '--format', 'json'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('96.1 vs national 99 for primary');
    const secondary = await runInProcess(
      ['explain', '100002', join(FIXTURES, 'schools.csv'), '--as-of', '2026-09-01', '--format', 'json'],
      { cwd: dir },
    );
    expect(secondary.stdout).toContain('vs national 91 for secondary');
  });
});
