// sit card and sit visit note on the fixtures: committed Markdown, one printed A4 page in Chromium,
// Word documents that open and give the same bytes twice, and the exit codes of bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sharedChromium } from '../helpers/browser.js';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sit-card-'));
const card = ['card', '--school', '100004', '--targets', 'targets.csv', '--as-of', '2027-03-01'];
const note = ['visit', 'note', '--school', '100004', '--answers', 'wfap-answers.yaml', '--as-of', '2027-03-01'];
const expected = (file: string) => readFileSync(`${FIXTURES}/expected/${file}`, 'utf8');

describe('sit card', () => {
  it('writes the committed Markdown card: each KPI against its target', async () => {
    const r = await runInProcess(card, { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected('card-100004.md'));
    expect(r.stdout).toContain('| Attendance | 93.8% | 95% | close |');
  });

  it('shows the tier in force and the re-tiering beside the computed placement', async () => {
    const r = await runInProcess(
      ['card', '--school', '100003', '--as-of', '2027-03-01', '--tier-changes', 'tier-changes.csv', '--format', 'json'],
      { cwd: FIXTURES },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).tier).toMatchObject({ id: 'D', computed: 'Category B [B]' });
  });

  it('as CSV: one row a KPI, with its value, target and status, as the JSON says', async () => {
    const csv = await runInProcess([...card, '--format', 'csv'], { cwd: FIXTURES });
    const json = await runInProcess([...card, '--format', 'json'], { cwd: FIXTURES });
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...rows] = csv.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header.split(',').slice(0, 8)).toEqual([
      'urn',
      'school',
      'tier',
      'kpi',
      'label',
      'value',
      'target',
      'status',
    ]);
    const kpis = JSON.parse(json.stdout).kpis as { name: string; status: string }[];
    expect(rows.map((r) => [r.split(',')[3], r.split(',')[7]])).toEqual(kpis.map((k) => [k.name, k.status]));
  });

  it('--close-within 0 makes a near miss not met', async () => {
    const r = await runInProcess([...card, '--close-within', '0', '--format', 'json'], { cwd: FIXTURES });
    const attendance = JSON.parse(r.stdout).kpis.find((k: { name: string }) => k.name === 'attendance');
    expect(attendance.status).toBe('not met');
  });

  it('bad input: an unknown school is a usage error (2), a bad targets row bad data (65)', async () => {
    expect((await runInProcess(['card', '--school', '999999'], { cwd: FIXTURES })).code).toBe(2);
    const dir = tmp();
    writeFileSync(join(dir, 't.csv'), 'urn,kpi,target\n100004,attendance,lots\n');
    const r = await runInProcess(['card', '--school', '100004', '--targets', join(dir, 't.csv')], { cwd: FIXTURES });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/t\.csv:2: column "target": expected a number/);
  });
});

describe('sit visit note', () => {
  it("writes the committed Markdown note for the school's next planned visit", async () => {
    const r = await runInProcess(note, { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected('visit-note-100004.md'));
    expect(r.stdout).toContain('(by the end of the spring term: Persistent absence of disadvantaged pupils below 20%)');
  });

  it('records a visit not on the plan as given, and says so', async () => {
    const r = await runInProcess(
      [...note, '--activity', 'Safeguarding audit', '--date', '2027-03-02', '--lead', 'Dana Lee', '--format', 'json'],
      { cwd: FIXTURES },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      activity: { id: null, name: 'Safeguarding audit' },
      date: '2027-03-02',
      lead: 'Dana Lee',
      planned: 'not on the plan for 2027-03-02 (Safeguarding audit): recorded as given',
    });
  });
});

describe('sit visit note --activity', () => {
  it('matches an activity as sit log add does: its id or name, case, spaces, _ and - folded', async () => {
    const r = await runInProcess(
      [
        'visit',
        'note',
        '--school',
        '100004',
        '--activity',
        'D Executive_Support',
        '--as-of',
        '2027-01-05',
        '--format',
        'json',
      ],
      { cwd: FIXTURES },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).activity.id).toBe('d-executive-support');
  });
});

describe('the card and the note as documents', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await sharedChromium();
  });

  it.each([
    ['card', card],
    ['visit note', note],
  ])('the %s prints on one A4 page', async (_, args) => {
    const dir = tmp();
    const r = await runInProcess([...args, '-o', join(dir, 'doc.html')], { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
    const page = await browser.newPage();
    await page.goto(`file://${join(dir, 'doc.html')}`);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await page.close();
  });

  it.each([
    ['card', card, 'Academy card 2026/27'],
    ['visit note', note, 'Visit note: Dunmore Primary School'],
  ])('the %s as Word opens, and the same input gives the same bytes', async (_, args, title) => {
    const dir = tmp();
    const one = await runInProcess([...args, '-o', join(dir, 'a.docx')], { cwd: FIXTURES });
    const two = await runInProcess([...args, '-o', join(dir, 'b.docx')], { cwd: FIXTURES });
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const bytes = readFileSync(join(dir, 'a.docx'));
    expect(bytes.equals(readFileSync(join(dir, 'b.docx')))).toBe(true);
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
    expect(xml).toContain(title);
  });
});

describe('the board report with a targets file', () => {
  it('has an academy-cards section: each KPI of the schools the file names, against target', async () => {
    const r = await runInProcess(['report', '--as-of', '2027-03-01', '--targets', 'targets.csv', '--format', 'md'], {
      cwd: FIXTURES,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('## Academy cards: targets and the latest data');
    expect(r.stdout).toContain('| 100004 | Dunmore Primary School | Persistent absence | 17% | 14% | not met |');
    expect(r.stdout).toContain('2 met, 2 close, 1 not met, 3 no data.');
  });
});
