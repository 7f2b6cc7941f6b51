// sit calendar end to end: the built binary in the fixtures folder, as a trust officer runs it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { FIXTURES, runSit, runInProcess } from '../helpers/run-sit.js';
import { eventUid } from '../../src/io/calendar-output.js';
import type { CalendarEvent } from '../../src/core/calendar.js';

const AS_OF = ['--as-of', '2026-09-01'];
const fixtureUrns = readFileSync(`${FIXTURES}/schools.csv`, 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => Number(l.split(',')[0]));
const tmp = () => mkdtempSync(join(tmpdir(), 'sit-calendar-'));

describe('sit calendar', () => {
  it('--term 3 in the fixture folder prints the dated term-3 plan for every school', () => {
    const r = runSit(['calendar', '--term', '3', ...AS_OF], { cwd: FIXTURES });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${FIXTURES}/expected/calendar-term3-rlt-categories.csv`, 'utf8'));
    const rows = r.stdout.trim().split('\r\n').slice(1);
    const urns = new Set(rows.map((l) => Number(l.split(',')[3])));
    expect([...urns].sort()).toEqual([...fixtureUrns].sort());
    // Every date is a school day of term 3 (Mon 4 Jan - Fri 12 Feb 2027; 4 Jan is an INSET day).
    for (const row of rows) expect(row.slice(0, 10) > '2027-01-04' && row.slice(0, 10) <= '2027-02-12').toBe(true);
    expect(r.stderr).toContain('note: 1 school needs data and gets only the activities for every school, none by tier: 100025 Zephyr Free School');
  });

  it('JSON has the SPEC section 6 fields and is byte-identical across runs', () => {
    const args = ['calendar', '--term', '3', ...AS_OF, '--preset', 'four-tier', '--format', 'json'];
    const a = runSit(args, { cwd: FIXTURES });
    const b = runSit(args, { cwd: FIXTURES });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const events = JSON.parse(a.stdout) as CalendarEvent[];
    expect(Object.keys(events[0])).toEqual(['date', 'end', 'term', 'urn', 'name', 'tier', 'activity', 'activity_id', 'kind', 'lead', 'note']);
    expect(events.every((e) => e.term === 3 && /^\d{4}-\d{2}-\d{2}$/.test(e.date) && ['QA', 'SI'].includes(e.kind))).toBe(true);
    // Sorted by date, then URN, then activity.
    const keys = events.map((e) => `${e.date}|${String(e.urn)}|${e.activity}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('--format ics -o plan.ics writes a calendar that ical.js reads back with the same events and UIDs', () => {
    const dir = tmp();
    const config = ['--config', `${FIXTURES}/trust.config.yaml`];
    const ics = runSit(['calendar', '--year', ...AS_OF, ...config, '--preset', 'ult-core-second-tier', '-o', 'plan.ics'], { cwd: dir });
    expect(ics.code).toBe(0);
    const json = runSit(['calendar', '--year', ...AS_OF, ...config, '--preset', 'ult-core-second-tier', '--format', 'json'], { cwd: dir });
    const events = JSON.parse(json.stdout) as CalendarEvent[];
    const text = readFileSync(join(dir, 'plan.ics'), 'utf8');
    const parsed = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(parsed.length).toBe(events.length);
    expect(parsed.map((e) => e.uid)).toEqual(events.map(eventUid));
    expect(parsed.map((e) => e.startDate.toString())).toEqual(events.map((e) => e.date));
    expect(parsed.map((e) => e.summary)).toEqual(events.map((e) => `${e.activity} - ${e.name}`));
    expect(new Set(parsed.map((e) => e.uid)).size).toBe(parsed.length);
    // A second run gives the same bytes (so the same UIDs): re-importing updates, never duplicates.
    expect(runSit(['calendar', '--year', ...AS_OF, ...config, '--preset', 'ult-core-second-tier', '-o', 'plan.ics', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'plan.ics'), 'utf8')).toBe(text);
  });

  it('is never ics in the terminal unless asked', async () => {
    const r = await runInProcess(['calendar', '--term', '1', ...AS_OF, '--school', '100001'], { cwd: FIXTURES, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('QA and SI calendar');
    expect(r.stdout).not.toContain('BEGIN:VCALENDAR');
  });

  it('defaults to the term --as-of falls in, or the next', async () => {
    const r = await runInProcess(['calendar', '--as-of', '2026-10-28', '--format', 'json', '--school', '100001'], { cwd: FIXTURES });
    expect(r.code).toBe(0);
    expect(new Set((JSON.parse(r.stdout) as CalendarEvent[]).map((e) => e.term))).toEqual(new Set([2]));
  });

  it('--from reads the tiers from a sit classify CSV', async () => {
    const dir = tmp();
    const config = ['--config', `${FIXTURES}/trust.config.yaml`];
    expect(runSit(['classify', ...AS_OF, ...config, '-o', 'tiers.csv'], { cwd: dir }).code).toBe(0);
    const direct = runSit(['calendar', '--term', '3', ...AS_OF, ...config, '--format', 'json'], { cwd: dir });
    const fromCsv = runSit(['calendar', '--term', '3', ...AS_OF, ...config, '--from', 'tiers.csv', '--format', 'json'], { cwd: dir });
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toBe(direct.stdout);
  });

  it('--from with a cycle and no school data says the cycles are left out', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'tiers.csv'), 'urn,name,tier\n100001,Ashgrove Primary School,core\n');
    const r = runSit(['calendar', '--term', '3', ...AS_OF, '--preset', 'ult-core-second-tier', '--from', 'tiers.csv', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('review cycles need last_peer_review / last_external_review from the school data');
    expect((JSON.parse(r.stdout) as CalendarEvent[]).map((e) => e.activity_id)).toEqual(['half-termly-qa']);
  });

  it('--from with an unknown tier is a data error naming the line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'tiers.csv'), 'urn,name,tier\n100001,Ashgrove Primary School,Z\n');
    const r = runSit(['calendar', '--term', '3', ...AS_OF, '--preset', 'rlt-categories', '--from', 'tiers.csv'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('tiers.csv:2: column "tier": expected one of D, C, A, B');
  });

  it('dfe-tsio-2023 has no calendar: a config error that says so', () => {
    const r = runSit(['calendar', '--term', '3', ...AS_OF, '--preset', 'dfe-tsio-2023'], { cwd: FIXTURES });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/^sit: preset dfe-tsio-2023: the policy "dfe-tsio-2023" has no calendar: activities/);
    expect(r.stderr).not.toContain('    at ');
  });

  it('bad term dates in the config are a config error with file and line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'trust.config.yaml'), [
      'extends: rlt-categories',
      `schools: ${FIXTURES}/schools.csv`,
      'terms:',
      '  dates:',
      '    - { start: 2026-09-03, end: 2026-10-23 }',
      '    - { start: 2026-10-20, end: 2026-12-18 }',
      '    - { start: 2027-01-04, end: 2027-02-12 }',
      '    - { start: 2027-02-22, end: 2027-03-25 }',
      '    - { start: 2027-04-12, end: 2027-05-28 }',
      '    - { start: 2027-06-07, end: 2027-07-21 }',
      '  closures:',
      '    - { date: 2027-08-30, name: INSET day }',
      '',
    ].join('\n'));
    const r = runSit(['calendar', '--term', '3', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('trust.config.yaml:6: terms.dates[1].start: term 2 starts (2026-10-20) before term 1 ends (2026-10-23)');
    expect(r.stderr).toContain('trust.config.yaml:12: terms.closures[0].date: 2027-08-30 (INSET day) is outside the year');
  });

  it("uses the trust's own term dates from the config", () => {
    const dir = tmp();
    const own = readFileSync(`${FIXTURES}/../presets/terms-2026-27.yaml`, 'utf8').replace('start: 2027-01-04', 'start: 2027-01-06');
    writeFileSync(join(dir, 'trust.config.yaml'), `extends: four-tier\nschools: ${FIXTURES}/schools.csv\n${own}`);
    const r = runSit(['calendar', '--term', '3', ...AS_OF, '--school', '100005', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    // Stabilise: weekly CEO 1:1 on Wednesdays; Wed 30 Dec (Christmas holiday) moves to the first school
    // day of term 3: Wed 6 Jan with these dates (Tue 5 Jan with the default ones).
    expect((JSON.parse(r.stdout) as CalendarEvent[]).find((e) => e.activity === 'CEO 1:1')?.date).toBe('2027-01-06');
    expect(r.stderr).toContain('term dates from');
  });

  it('rejects --term out of range and --term with --year as usage errors', () => {
    expect(runSit(['calendar', '--term', '7', ...AS_OF], { cwd: FIXTURES }).code).toBe(2);
    const both = runSit(['calendar', '--term', '2', '--year', ...AS_OF], { cwd: FIXTURES });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--term and --year: give one');
    expect(runSit(['calendar', '--term', '2', '--school', '999999', ...AS_OF], { cwd: FIXTURES }).code).toBe(2);
  });
});
