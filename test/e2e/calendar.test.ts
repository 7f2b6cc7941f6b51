// sit calendar end to end: the built binary in the fixtures folder, as a trust officer runs it.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { FIXTURES, runSit, runInProcess } from '../helpers/run-sit.js';
import { eventUid } from '../../src/io/calendar-output.js';
import type { CalendarEvent } from '../../src/core/schedule.js';

const AS_OF = ['--as-of', '2026-09-01'];
const fixtureUrns = readFileSync(`${FIXTURES}/schools.csv`, 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter(Boolean)
  .map((l) => Number(l.split(',')[0]));
const tmp = () => mkdtempSync(join(tmpdir(), 'sit-calendar-'));

describe('sit calendar', () => {
  it('--term 3 in the fixture folder prints the dated term-3 plan for every school', () => {
    const r = runSit(['calendar', '--term', '3', ...AS_OF], { cwd: FIXTURES });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${FIXTURES}/expected/calendar-term3-rlt-categories.csv`, 'utf8'));
    const rows = r.stdout.trim().split('\r\n').slice(1);
    // Every school, and the head teacher meetings once for all of them (no URN).
    const urns = new Set(
      rows
        .map((l) => l.split(',')[3])
        .filter((u) => u !== '')
        .map(Number),
    );
    expect([...urns].sort()).toEqual([...fixtureUrns].sort());
    // Every date is a school day of term 3 (Mon 4 Jan - Fri 12 Feb 2027; 4 Jan is an INSET day).
    for (const row of rows) expect(row.slice(0, 10) > '2027-01-04' && row.slice(0, 10) <= '2027-02-12').toBe(true);
    expect(r.stderr).toContain(
      'note: 1 school needs data and gets only the activities for every school, none by tier: 100025 Zephyr Free School',
    );
  });

  it('JSON has the SPEC section 6 fields and is byte-identical across runs', async () => {
    const args = ['calendar', '--term', '3', ...AS_OF, '--preset', 'four-tier', '--format', 'json'];
    const a = await runInProcess(args, { cwd: FIXTURES });
    const b = await runInProcess(args, { cwd: FIXTURES });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const events = JSON.parse(a.stdout) as CalendarEvent[];
    expect(Object.keys(events[0])).toEqual([
      'date',
      'end',
      'term',
      'urn',
      'name',
      'trust',
      'tier',
      'activity',
      'activity_id',
      'kind',
      'type',
      'lead',
      'role',
      'person',
      'days',
      'occurrence',
      'uid',
      'note',
    ]);
    expect(
      events.every((e) => e.term === 3 && /^\d{4}-\d{2}-\d{2}$/.test(e.date) && ['QA', 'SI'].includes(e.kind)),
    ).toBe(true);
    // Sorted by date, then URN (a trust's own events first), then activity.
    const keys = events.map((e) => `${e.date}|${String(e.urn ?? 0)}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('--format ics -o plan.ics writes a calendar that ical.js reads back with the same events and UIDs', async () => {
    const dir = tmp();
    const config = ['--config', `${FIXTURES}/trust.config.yaml`];
    const ics = runSit(
      ['calendar', '--year', ...AS_OF, ...config, '--preset', 'ult-core-second-tier', '-o', 'plan.ics'],
      { cwd: dir },
    );
    expect(ics.code).toBe(0);
    const json = await runInProcess(
      ['calendar', '--year', ...AS_OF, ...config, '--preset', 'ult-core-second-tier', '--format', 'json'],
      { cwd: dir },
    );
    const events = JSON.parse(json.stdout) as CalendarEvent[];
    const text = readFileSync(join(dir, 'plan.ics'), 'utf8');
    const parsed = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(parsed.length).toBe(events.length);
    expect(parsed.map((e) => e.uid)).toEqual(events.map(eventUid));
    expect(parsed.map((e) => e.startDate.toString())).toEqual(events.map((e) => e.date));
    expect(parsed.map((e) => e.summary)).toEqual(events.map((e) => `${e.activity} - ${e.name}`));
    expect(new Set(parsed.map((e) => e.uid)).size).toBe(parsed.length);
    // A second run gives the same bytes (so the same UIDs): re-importing updates, never duplicates.
    expect(
      (
        await runInProcess(
          ['calendar', '--year', ...AS_OF, ...config, '--preset', 'ult-core-second-tier', '-o', 'plan.ics', '--force'],
          { cwd: dir },
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'plan.ics'), 'utf8')).toBe(text);
  });

  it('is never ics in the terminal unless asked', async () => {
    const r = await runInProcess(['calendar', '--term', '1', ...AS_OF, '--school', '100001'], {
      cwd: FIXTURES,
      tty: true,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('QA and SI calendar');
    expect(r.stdout).not.toContain('BEGIN:VCALENDAR');
  });

  it('defaults to the term --as-of falls in, or the next', async () => {
    const r = await runInProcess(['calendar', '--as-of', '2026-10-28', '--format', 'json', '--school', '100001'], {
      cwd: FIXTURES,
    });
    expect(r.code).toBe(0);
    expect(new Set((JSON.parse(r.stdout) as CalendarEvent[]).map((e) => e.term))).toEqual(new Set([2]));
  });

  it('--from reads the tiers from a sit classify CSV', async () => {
    const dir = tmp();
    const config = ['--config', `${FIXTURES}/trust.config.yaml`];
    expect((await runInProcess(['classify', ...AS_OF, ...config, '-o', 'tiers.csv'], { cwd: dir })).code).toBe(0);
    const direct = await runInProcess(['calendar', '--term', '3', ...AS_OF, ...config, '--format', 'json'], {
      cwd: dir,
    });
    const fromCsv = await runInProcess(
      ['calendar', '--term', '3', ...AS_OF, ...config, '--from', 'tiers.csv', '--format', 'json'],
      { cwd: dir },
    );
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toBe(direct.stdout);
  });

  it('--from with a cycle and no school data says the cycles are left out', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'tiers.csv'), 'urn,name,tier\n100001,Ashgrove Primary School,core\n');
    const r = await runInProcess(
      [
        'calendar',
        '--term',
        '3',
        ...AS_OF,
        '--preset',
        'ult-core-second-tier',
        '--from',
        'tiers.csv',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('review cycles need last_peer_review / last_external_review from the school data');
    expect((JSON.parse(r.stdout) as CalendarEvent[]).filter((e) => e.urn !== null).map((e) => e.activity_id)).toEqual([
      'half-termly-qa',
    ]);
  });

  it('--from with an unknown tier is a data error naming the line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'tiers.csv'), 'urn,name,tier\n100001,Ashgrove Primary School,Z\n');
    const r = await runInProcess(
      ['calendar', '--term', '3', ...AS_OF, '--preset', 'rlt-categories', '--from', 'tiers.csv'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('tiers.csv:2: column "tier": expected one of D, C, A, B');
  });

  it('dfe-tsio-2023 has no calendar: a config error that says so', async () => {
    const r = await runInProcess(['calendar', '--term', '3', ...AS_OF, '--preset', 'dfe-tsio-2023'], { cwd: FIXTURES });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/^sit: preset dfe-tsio-2023: the policy "dfe-tsio-2023" has no calendar: activities/);
    expect(r.stderr).not.toContain('    at ');
  });

  it('bad term dates in the config are a config error with file and line', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'trust.config.yaml'),
      [
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
      ].join('\n'),
    );
    const r = await runInProcess(['calendar', '--term', '3', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(
      'trust.config.yaml:6: terms.dates[1].start: term 2 starts (2026-10-20) before term 1 ends (2026-10-23)',
    );
    expect(r.stderr).toContain(
      'trust.config.yaml:12: terms.closures[0].date: 2027-08-30 (INSET day) is outside the year',
    );
  });

  it("uses the trust's own term dates from the config", async () => {
    const dir = tmp();
    const own = readFileSync(`${FIXTURES}/../presets/terms-2026-27.yaml`, 'utf8').replace(
      'start: 2027-01-04',
      'start: 2027-01-06',
    );
    writeFileSync(join(dir, 'trust.config.yaml'), `extends: four-tier\nschools: ${FIXTURES}/schools.csv\n${own}`);
    const r = await runInProcess(['calendar', '--term', '3', ...AS_OF, '--school', '100005', '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    // Stabilise: weekly CEO 1:1 on Wednesdays; the Christmas holiday's are dropped, not moved: the first is Wed 6 Jan.
    const ones = (JSON.parse(r.stdout) as CalendarEvent[]).filter((e) => e.activity === 'CEO 1:1');
    expect(ones[0].date).toBe('2027-01-06');
    expect(ones).toHaveLength(6);
    expect(r.stderr).toContain('term dates from');
  });

  it('rejects --term out of range and --term with --year as usage errors', async () => {
    expect((await runInProcess(['calendar', '--term', '7', ...AS_OF], { cwd: FIXTURES })).code).toBe(2);
    const both = await runInProcess(['calendar', '--term', '2', '--year', ...AS_OF], { cwd: FIXTURES });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--term and --year: give one');
    expect(
      (await runInProcess(['calendar', '--term', '2', '--school', '999999', ...AS_OF], { cwd: FIXTURES })).code,
    ).toBe(2);
  });
});

/** Sums of event days by a key. */
const daysBy = (events: CalendarEvent[], key: (e: CalendarEvent) => string | number | null) => {
  const out = new Map<string | number | null, number>();
  for (const e of events) out.set(key(e), (out.get(key(e)) ?? 0) + e.days);
  return out;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

/** A generated trust of 100 schools with the fields the rlt-categories rules read. */
function generatedTrust(dir: string): string {
  const grades = ['Outstanding', 'Good', 'Good', 'Requires improvement', 'Good'];
  const capacity = ['supports-others', 'self-improving', 'needs-support', 'insufficient', 'supports-others'];
  const rows = Array.from({ length: 100 }, (_, i) =>
    [
      200001 + i,
      `Generated School ${i + 1}`,
      i < 50 ? 'First Generated Trust' : 'Second Generated Trust',
      grades[i % 5],
      '2023-03-01',
      capacity[(i * 3) % 5],
      '2018-09-01',
      '2024-10-01',
      '2022-10-01',
    ].join(','),
  );
  writeFileSync(
    join(dir, 'schools.csv'),
    [
      'urn,name,trust,ofsted_overall,ofsted_date,leadership_capacity,headteacher_start,last_peer_review,last_external_review',
      ...rows,
      '',
    ].join('\n'),
  );
  // Six named people: the fixture trust's under-staffed team.
  writeFileSync(join(dir, 'trust.config.yaml'), readFileSync(`${FIXTURES}/understaffed.config.yaml`, 'utf8'));
  return dir;
}

describe('the calendar and the budget agree to the day (issue 12 done-when)', () => {
  const cases: [string, string, string[]][] = [
    ['fixtures, rlt-categories', FIXTURES, []],
    ['fixtures, four-tier', FIXTURES, ['--preset', 'four-tier']],
    ['a generated trust of 100 schools and 6 named people', generatedTrust(tmp()), []],
  ];
  for (const [label, cwd, extra] of cases) {
    it(label, async () => {
      const cal = await runInProcess(['calendar', 'schools.csv', '--year', ...AS_OF, ...extra, '--format', 'json'], {
        cwd,
      });
      const bud = await runInProcess(['budget', 'schools.csv', ...AS_OF, ...extra, '--format', 'json'], { cwd });
      expect(cal.code).toBe(0);
      const events = JSON.parse(cal.stdout) as CalendarEvent[];
      const budget = JSON.parse(bud.stdout);
      const bySchool = daysBy(
        events.filter((e) => e.urn !== null),
        (e) => e.urn,
      );
      for (const s of budget.schools) expect(s.scheduled, `${s.urn}`).toBe(round2(bySchool.get(s.urn) ?? 0));
      const byPerson = daysBy(
        events.filter((e) => e.person !== null),
        (e) => e.person,
      );
      expect(budget.capacity.by_person).toHaveLength(cwd === FIXTURES ? 8 : 6);
      for (const p of budget.capacity.by_person) expect(p.year.demand, p.name).toBe(round2(byPerson.get(p.name) ?? 0));
      expect(budget.total.days).toBe(round2(events.reduce((a, e) => a + e.days, 0)));
      // Nobody is at two schools on a day.
      const visits = new Map<string, Set<number | null>>();
      for (const e of events.filter((x) => x.type === 'visit' && x.person !== null)) {
        for (
          let d = new Date(`${e.date}T00:00:00Z`);
          d <= new Date(`${e.end}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() + 1)
        ) {
          const key = `${e.person}|${d.toISOString().slice(0, 10)}`;
          visits.set(key, new Set([...(visits.get(key) ?? []), e.urn]));
        }
      }
      for (const [key, urns] of visits) expect(urns.size, key).toBe(1);
    });
  }
});

describe('identity that survives a move (issue 12 item 5)', () => {
  it('a new closure moves an event and keeps its UID; SEQUENCE rises; a removed school is cancelled', async () => {
    const dir = tmp();
    const terms = readFileSync(`${FIXTURES}/../presets/terms-2026-27.yaml`, 'utf8');
    const config = (closures: string) =>
      `extends: rlt-categories\nschools: ${FIXTURES}/schools.csv\n${readFileSync(`${FIXTURES}/trust.config.yaml`, 'utf8').split('capacity:')[1].replace(/^/, 'capacity:')}\n${terms.replace('  closures:\n', `  closures:\n${closures}`)}`;
    writeFileSync(join(dir, 'trust.config.yaml'), config(''));
    expect((await runInProcess(['calendar', '--year', ...AS_OF, '-o', 'plan.ics'], { cwd: dir })).code).toBe(0);
    const before = JSON.parse(
      (await runInProcess(['calendar', '--year', ...AS_OF, '--format', 'json'], { cwd: dir })).stdout,
    ) as (CalendarEvent & { uid: string })[];
    const target = before.find((e) => e.urn === 100001 && e.activity_id === 't3-trust-review-day')!;
    // The school closes that day (a new INSET day): the review moves.
    writeFileSync(join(dir, 'trust.config.yaml'), config(`    - { date: ${target.date}, name: INSET day }\n`));
    const moved = await runInProcess(['calendar', '--year', ...AS_OF, '--previous', 'plan.ics', '-o', 'plan-2.ics'], {
      cwd: dir,
    });
    expect(moved.code).toBe(0);
    const read = (file: string) =>
      new ICAL.Component(ICAL.parse(readFileSync(join(dir, file), 'utf8')))
        .getAllSubcomponents('vevent')
        .map((v) => ({ e: new ICAL.Event(v), status: v.getFirstPropertyValue('status') }));
    const a = read('plan.ics').find((x) => x.e.uid === target.uid)!;
    const b = read('plan-2.ics').find((x) => x.e.uid === target.uid)!;
    expect(a.e.startDate.toString()).toBe(target.date);
    expect(b.e.startDate.toString()).not.toBe(target.date);
    expect([a.e.sequence ?? 0, b.e.sequence, b.status]).toEqual([0, 1, null]);
    // Same number of UIDs, none duplicated, none lost: re-importing updates.
    expect(new Set(read('plan-2.ics').map((x) => x.e.uid))).toEqual(new Set(read('plan.ics').map((x) => x.e.uid)));
    // A school leaves the data: its events are written as cancelled.
    const fewer = readFileSync(`${FIXTURES}/schools.csv`, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('100001,'))
      .join('\n');
    writeFileSync(join(dir, 'schools.csv'), fewer);
    expect(
      (
        await runInProcess(
          ['calendar', 'schools.csv', '--year', ...AS_OF, '--previous', 'plan-2.ics', '-o', 'plan-3.ics'],
          {
            cwd: dir,
          },
        )
      ).code,
    ).toBe(0);
    const gone = read('plan-3.ics').filter((x) => x.e.summary.endsWith('Ashgrove Primary School'));
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((x) => x.status === 'CANCELLED')).toBe(true);
  });
});

describe('views (issue 12 item 7)', () => {
  it("--lead NAME is one person's diary; --lead ROLE everyone with the role; an unknown one is a usage error", async () => {
    const one = JSON.parse(
      (
        await runInProcess(['calendar', '--term', '3', ...AS_OF, '--lead', 'Jordan Hale', '--format', 'json'], {
          cwd: FIXTURES,
        })
      ).stdout,
    ) as CalendarEvent[];
    expect(one.length).toBeGreaterThan(0);
    expect(new Set(one.map((e) => e.person))).toEqual(new Set(['Jordan Hale']));
    const role = JSON.parse(
      (
        await runInProcess(
          ['calendar', '--term', '3', ...AS_OF, '--lead', 'executive headteacher', '--format', 'json'],
          {
            cwd: FIXTURES,
          },
        )
      ).stdout,
    ) as CalendarEvent[];
    expect(new Set(role.map((e) => e.role))).toEqual(new Set(['Executive headteacher']));
    const bad = await runInProcess(['calendar', '--term', '3', ...AS_OF, '--lead', 'Nobody'], { cwd: FIXTURES });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lead Nobody: no person or role of that name');
  });

  it('--school URN shows that school and its trust-wide events once', async () => {
    const r = JSON.parse(
      (
        await runInProcess(['calendar', '--term', '3', ...AS_OF, '--school', '100001', '--format', 'json'], {
          cwd: FIXTURES,
        })
      ).stdout,
    ) as CalendarEvent[];
    expect(new Set(r.map((e) => e.urn))).toEqual(new Set([100001, null]));
    expect(r.filter((e) => e.activity_id === 'weekly-head-teacher-meeting')).toHaveLength(6);
  });

  it('--split lead writes no diary when one is already there without --force (checked before any)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'diaries'));
    writeFileSync(join(dir, 'diaries', 'sam-okafor.ics'), 'kept\n');
    const split = ['calendar', `${FIXTURES}/schools.csv`, '--config', `${FIXTURES}/trust.config.yaml`, '--year'];
    const r = await runInProcess([...split, ...AS_OF, '--split', 'lead', '-o', 'diaries'], { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('diaries: 1 of the 8 diaries already exist (e.g. diaries/sam-okafor.ics); add --force');
    expect(readdirSync(join(dir, 'diaries'))).toEqual(['sam-okafor.ics']);
    expect(readFileSync(join(dir, 'diaries', 'sam-okafor.ics'), 'utf8')).toBe('kept\n');
  });

  it('--split lead -o folder/ writes one ICS per person that ical.js reads', async () => {
    const dir = tmp();
    const r = await runInProcess(
      [
        'calendar',
        `${FIXTURES}/schools.csv`,
        '--config',
        `${FIXTURES}/trust.config.yaml`,
        '--year',
        ...AS_OF,
        '--split',
        'lead',
        '-o',
        'diaries',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const files = readdirSync(join(dir, 'diaries')).sort();
    expect(files).toEqual([
      'aisha-begum.ics',
      'alex-morgan.ics',
      'chris-byrne.ics',
      'dana-lee.ics',
      'jordan-hale.ics',
      'priya-shah.ics',
      'sam-okafor.ics',
      'tom-reilly.ics',
    ]);
    const jordan = new ICAL.Component(ICAL.parse(readFileSync(join(dir, 'diaries', 'jordan-hale.ics'), 'utf8')))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(jordan.length).toBeGreaterThan(0);
    expect(jordan.every((e) => e.description.includes('Lead: Jordan Hale'))).toBe(true);
  });

  it('--rota is a week-by-person grid in HTML (A4 landscape) and xlsx', async () => {
    const dir = tmp();
    const args = [
      `${FIXTURES}/schools.csv`,
      '--config',
      `${FIXTURES}/trust.config.yaml`,
      '--term',
      '3',
      ...AS_OF,
      '--rota',
    ];
    expect((await runInProcess(['calendar', ...args, '-o', 'rota.html'], { cwd: dir })).code).toBe(0);
    const html = readFileSync(join(dir, 'rota.html'), 'utf8');
    expect(html).toContain('size: A4 landscape');
    expect(html).toContain('<th scope="col">Week of</th>');
    expect(html).toContain('Jordan Hale');
    expect((await runInProcess(['calendar', ...args, '-o', 'rota.xlsx'], { cwd: dir })).code).toBe(0);
    const csv = (await runInProcess(['calendar', ...args, '--format', 'csv'], { cwd: dir })).stdout.split('\r\n');
    expect(csv[0]).toBe('Week of,Person,Mon,Tue,Wed,Thu,Fri');
    // Six weeks x the fixture trust's eight people.
    expect(csv.filter((l) => /^(\d|[A-Z])/.test(l)).length - 1).toBe(48);
  });
});
