import { describe, expect, it } from 'vitest';
import { describeJoin, joinSchools } from '../../src/core/join.js';
import type { SchoolRecord } from '../../src/core/school.js';
import type { FieldValue } from '../../src/core/fields.js';

const school = (urn: number, fields: Record<string, FieldValue>, extra: Record<string, string> = {}): SchoolRecord => ({
  line: 2,
  urn,
  name: `School ${urn}`,
  fields: { urn, name: `School ${urn}`, ...fields },
  extra,
});

describe('joining extra files on URN', () => {
  const main = {
    file: 'ofsted.csv',
    schools: [
      school(100001, { ofsted_overall: 'good', attainment_pct: null, phase: 'secondary' }),
      school(100002, { ofsted_overall: 'requires-improvement', attainment_pct: 40 }),
    ],
  };
  const ks4 = {
    file: 'ks4.csv',
    schools: [
      school(100001, { attainment_pct: 51.2, progress_score: -0.3 }, { avg_att8: '45.1' }),
      school(100002, { attainment_pct: 38 }),
      school(999999, { attainment_pct: 70 }),
    ],
  };
  const tracker = {
    file: 'tracker.xlsx',
    schools: [school(100001, { attainment_pct: 49, leadership_capacity: 'self-improving', phase: 'Secondary' })],
  };
  const result = joinSchools(main, [ks4, tracker]);

  it('fills blank fields from the extra files and carries their other columns', () => {
    expect(result.schools[0].fields).toMatchObject({
      attainment_pct: 51.2,
      progress_score: -0.3,
      leadership_capacity: 'self-improving',
    });
    expect(result.schools[0].extra).toEqual({ avg_att8: '45.1' });
  });
  it('the main file decides which schools there are, and reports URNs that do not match', () => {
    expect(result.schools.map((s) => s.urn)).toEqual([100001, 100002]);
    expect(result.reports[0]).toEqual({ file: 'ks4.csv', matched: 2, unmatched: [999999], absent: [] });
    expect(result.reports[1]).toEqual({ file: 'tracker.xlsx', matched: 1, unmatched: [], absent: [100002] });
  });
  it('reports each conflict with the file that won: the earlier file (main, then --with in order)', () => {
    expect(result.conflicts).toEqual([
      {
        urn: 100001,
        field: 'attainment_pct',
        kept: { file: 'ks4.csv', value: 51.2 },
        other: { file: 'tracker.xlsx', value: 49 },
      },
      {
        urn: 100002,
        field: 'attainment_pct',
        kept: { file: 'ofsted.csv', value: 40 },
        other: { file: 'ks4.csv', value: 38 },
      },
    ]);
    expect(describeJoin(result)).toContain(
      'conflict: URN 100002 attainment_pct: ofsted.csv has 40, ks4.csv has 38; kept 40 from ofsted.csv',
    );
  });
  it('text differing only in capitals is not a conflict', () => {
    expect(result.conflicts.some((c) => c.field === 'phase')).toBe(false);
  });
});
