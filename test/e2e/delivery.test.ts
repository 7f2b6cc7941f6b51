// Delivered against plan on the fixtures: the committed example log (fixtures/visit-log.csv) set
// against the rlt-categories schedule as of 1 February 2027 (term 3: Mon 4 Jan - Fri 12 Feb 2027).
// Dunmore Primary School (100004, category D) in term 3, by the log: School WFAP planned and
// logged 8 Jan (done); executive visit 11 Jan logged (done); Trust Review Day planned 12 Jan,
// logged 19 Jan (moved); executive visit 25 Jan, nothing logged by 1 Feb (missed); executive
// visit 8 Feb, ahead (planned: the entry of 8 Feb is after --as-of and not counted yet).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES, ROOT, runInProcess } from '../helpers/run-sit.js';

const AT = ['--as-of', '2027-02-01', '--config', `${FIXTURES}/trust.config.yaml`, '--log', `${FIXTURES}/visit-log.csv`];

interface Event {
  date: string;
  urn: number | null;
  activity_id: string;
  status: string;
  delivered_on: string | null;
  uid: string;
}

describe('sit calendar marks each planned event from the visit log', () => {
  it('done, moved, missed and planned, as matched by hand (JSON)', async () => {
    const result = await runInProcess(['calendar', '--term', '3', '--school', '100004', '--format', 'json', ...AT]);
    expect(result.code).toBe(0);
    const visits = (JSON.parse(result.stdout) as Event[])
      .filter((e) => e.urn === 100004 && e.activity_id !== 't3-premium-reports')
      .map((e) => [e.date, e.activity_id, e.status, e.delivered_on]);
    expect(visits).toEqual(
      expect.arrayContaining([
        ['2027-01-08', 't3-school-wfap', 'done', '2027-01-08'],
        ['2027-01-11', 'd-executive-support', 'done', '2027-01-11'],
        ['2027-01-12', 't3-trust-review-day', 'moved', '2027-01-19'],
        ['2027-01-25', 'd-executive-support', 'missed', null],
        ['2027-02-08', 'd-executive-support', 'planned', null],
      ]),
    );
    expect(result.stderr).toContain('done');
  });

  it('a later --as-of counts the entry of 8 February: the visit is done', async () => {
    const result = await runInProcess([
      'calendar',
      '--term',
      '3',
      '--school',
      '100004',
      '--format',
      'json',
      ...AT,
      '--as-of',
      '2027-02-10',
    ]);
    const feb8 = (JSON.parse(result.stdout) as Event[]).find((e) => e.date === '2027-02-08' && e.urn === 100004)!;
    expect(feb8.status).toBe('done');
  });

  it('ICS: the status is a category and a description line; the UIDs are those without a log', async () => {
    const withLog = await runInProcess(['calendar', '--term', '3', '--school', '100004', '--format', 'ics', ...AT]);
    const without = await runInProcess([
      'calendar',
      '--term',
      '3',
      '--school',
      '100004',
      '--format',
      'ics',
      '--as-of',
      '2027-02-01',
      '--config',
      `${FIXTURES}/trust.config.yaml`,
    ]);
    const uids = (text: string) => [...text.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]);
    expect(uids(withLog.stdout)).toEqual(uids(without.stdout));
    const unfolded = withLog.stdout.replace(/\r\n /g, '');
    expect(unfolded).toContain('CATEGORIES:QA,moved');
    expect(unfolded).toMatch(/Delivered: moved \(planned 2027-01-12\\, logged on 2027-01-19 instead by Jordan Hale/);
  });
});

describe('sit budget and sit report set the days delivered beside the plan', () => {
  it('budget JSON: delivered and remaining beside days (counted by hand from the log)', async () => {
    const result = await runInProcess(['budget', '--format', 'json', ...AT]);
    const json = JSON.parse(result.stdout);
    const dunmore = json.schools.find((s: { urn: number }) => s.urn === 100004);
    // 14 visits of 1 day and a half-day safeguarding review, 7 Sep 2026 - 19 Jan 2027 (the 8 Feb entry is after --as-of).
    expect(Object.keys(dunmore).slice(4, 7)).toEqual(['days', 'delivered', 'remaining']);
    expect([dunmore.delivered, dunmore.remaining]).toEqual([14.5, dunmore.days - 14.5]);
    // 21 entries by 1 February: 20 of a day and one of half a day.
    expect(json.delivery.total.delivered).toBe(20.5);
    const jordan = json.delivery.by_person.find((p: { name: string }) => p.name === 'Jordan Hale');
    expect([jordan.allocated, jordan.delivered, jordan.remaining]).toEqual([150, 6, 144]);
    expect(json.delivery.by_person.at(-1)).toMatchObject({ name: 'Visiting SLE', role: null, delivered: 0.5 });
    expect(json.delivery.not_counted).toEqual([{ line: 23, date: '2027-02-08', reason: 'after --as-of 2027-02-01' }]);
  });

  it('report: a delivery-against-plan section and two charts', async () => {
    const result = await runInProcess(['report', '--format', 'html', ...AT]);
    expect(result.stdout).toContain('Delivered against plan');
    expect(result.stdout).toContain('id="chart-delivery-status-title"');
    expect(result.stdout).toContain('id="chart-delivery-terms-title"');
    expect(result.stdout).toContain('Delivered by 2027-02-01: 20.5 of');
  });
});

describe('sit budget --format json: the days of events for a whole trust', () => {
  it('on their own trust_wide lines, not in the school the entry was logged against', async () => {
    // examples/year-in-motion: the trust's board meetings and the heads' meetings for all schools,
    // logged in the autumn against Ashgrove and Birchfield (README, The year in motion).
    const result = await runInProcess(['budget', '--as-of', '2027-02-15', '--format', 'json'], {
      cwd: join(ROOT, 'examples', 'year-in-motion'),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).delivery.trust_wide).toEqual([
      { name: 'All schools', allocated: 0.5, scheduled: 0.5, delivered: 0.5, remaining: 0 },
      { name: 'Northbridge Learning Trust', allocated: 1.5, scheduled: 1.5, delivered: 0.5, remaining: 1 },
    ]);
  });
});
