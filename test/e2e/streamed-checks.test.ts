// sit validate and sit explain read the data a school at a time (issue 13): what they report is
// what reading the whole file reports. validate counts the tiers as classify places them, whether
// each school is placed as it comes or (a policy counting schools per trust) held to the end;
// explain names the file's school count, not the rows it kept.
import { describe, expect, it } from 'vitest';
import { runInProcess, FIXTURES } from '../helpers/run-sit.js';

const AS_OF = ['--as-of', '2026-03-01'];
const SCHOOLS = `${FIXTURES}/schools.csv`;

describe('validate and explain, streamed', () => {
  for (const preset of ['rlt-categories', 'dfe-tsio-2023', 'four-tier']) {
    it(`validate counts the tiers classify counts (${preset})`, async () => {
      const classify = await runInProcess(['classify', SCHOOLS, '--preset', preset, '--format', 'csv', ...AS_OF]);
      const validate = await runInProcess(['validate', SCHOOLS, '--preset', preset, '--format', 'json', ...AS_OF]);
      expect(classify.code).toBe(0);
      expect(validate.code).toBe(0);
      const summary = classify.stderr.split('\n')[0].replace(/ \(preset .*\)$/, '');
      const report = JSON.parse(validate.stdout);
      expect(report.placed.summary).toBe(summary);
      expect(report.data.schools).toBe(Number(summary.split(' ')[0]));
    });
  }
  it('explain of a URN or a name not in the file counts the schools of the file', async () => {
    const urn = await runInProcess(['explain', '999999', SCHOOLS, ...AS_OF]);
    expect(urn.code).toBe(2);
    expect(urn.stderr).toMatch(/URN 999999 is not in .*schools\.csv \(26 schools\)/);
    const name = await runInProcess(['explain', 'nowhere at all', SCHOOLS, ...AS_OF]);
    expect(name.stderr).toMatch(/no school named "nowhere at all" in .*schools\.csv \(26 schools\)/);
  });
  it('explain counts the schools of each trust where the policy does (dfe-tsio-2023 route)', async () => {
    const route = async (urn: string) => {
      const r = await runInProcess([
        'explain',
        urn,
        SCHOOLS,
        '--preset',
        'dfe-tsio-2023',
        '--format',
        'json',
        ...AS_OF,
      ]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).route;
    };
    // Kestrel Academies Trust has eight schools in the file; Meadowvale Schools Partnership one.
    expect(await route('100004')).toBe('trust');
    expect(await route('100008')).toBe('standalone');
  });
});
