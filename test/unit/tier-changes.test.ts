// Mid-year re-tiering: "In exceptional circumstances, an academy could have its tier reclassified
// during the academic year" (four-tier model, sources/001). The tier in force on a day is the
// classified tier until the first change's `from`, then each change's tier from its own date.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import {
  applyTierChanges,
  changeInForce,
  tierChangeProblems,
  tierPeriods,
  type TierChange,
} from '../../src/core/tier-changes.js';
import { tierChangesFromRows } from '../../src/core/tier-change-rows.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';

const policy = presetPolicy('rlt-categories');
const placements = classify(fixtureSchools(), policy, { asOf: '2026-09-01' }).placements;
const change = (urn: number, from: string, tier: string, line = 2): TierChange => ({
  line,
  urn,
  from,
  tier,
  reason: `reason ${line}`,
  agreedBy: 'Trust Board',
  agreedOn: null,
});
// 100003 Cedar Lane is B in the fixture (Good, self-improving): moved to D on 1 Feb, back to C on 7 June.
const changes = [change(100003, '2027-06-07', 'C', 3), change(100003, '2027-02-01', 'D', 2)];
const at = (asOf: string) => applyTierChanges(placements, changes, policy, asOf).find((p) => p.school.urn === 100003)!;

describe('the tier in force', () => {
  it('is the classified tier until the day before the first change', () => {
    expect(placements.find((p) => p.school.urn === 100003)!.tier).toBe('B');
    expect(at('2027-01-31').tier).toBe('B');
    expect(at('2027-01-31').retiering?.inForce).toBeNull();
  });

  it("is the change's tier from its from date, and the next change's from that one's", () => {
    expect(at('2027-02-01')).toMatchObject({ tier: 'D', label: 'Category D' });
    expect(at('2027-06-06').tier).toBe('D');
    expect(at('2027-06-07')).toMatchObject({ tier: 'C', days: 15, daysText: 'up to 15' }); // C: "up to 15 days"
  });

  it('keeps the computed placement and the history beside the tier in force', () => {
    const p = at('2027-03-01');
    expect(p.retiering?.classified).toMatchObject({ tier: 'B', label: 'Category B' });
    expect(p.retiering?.changes.map((c) => c.from)).toEqual(['2027-02-01', '2027-06-07']);
    expect(p.reasons[0]).toBe('re-tiered to Category D [D] from 2027-02-01: reason 2 (agreed by Trust Board)');
    expect(p.reasons[1]).toBe('planned: re-tiered to Category C [C] from 2027-06-07: reason 3 (agreed by Trust Board)');
    expect(p.reasons[2]).toMatch(/^computed placement: Category B \[B\]: /);
    // The rules' trace is the computed placement's, worked out on demand.
    expect(p.trace.length).toBeGreaterThan(0);
  });

  it('splits the year into periods at each change (until is the first day of the next)', () => {
    expect(tierPeriods(at('2026-09-01')).map((p) => [p.tier, p.from, p.until])).toEqual([
      ['B', null, '2027-02-01'],
      ['D', '2027-02-01', '2027-06-07'],
      ['C', '2027-06-07', null],
    ]);
    const untouched = placements.find((p) => p.school.urn === 100001)!;
    expect(tierPeriods(untouched)).toEqual([
      { tier: 'A', label: 'Category A', level: untouched.level, from: null, until: null, change: null },
    ]);
  });

  it('changeInForce takes the last change on or before the day', () => {
    const sorted = [...changes].sort((a, b) => a.from.localeCompare(b.from));
    expect(changeInForce(sorted, '2027-01-31')).toBeNull();
    expect(changeInForce(sorted, '2027-02-01')?.tier).toBe('D');
    expect(changeInForce(sorted, '2027-08-31')?.tier).toBe('C');
  });
});

describe('a tier-change file', () => {
  const headers = ['URN', 'From', 'Tier', 'Reason', 'Agreed by', 'Agreed on'];
  it('reads each row with its line, day-first dates as ISO', () => {
    const { changes: read, problems } = tierChangesFromRows(
      headers,
      [{ line: 2, cells: ['100003', '01/02/2027', 'D', 'Head left', 'Trust Board', '28/01/2027'] }],
      1,
    );
    expect(problems).toEqual([]);
    expect(read).toEqual([
      {
        line: 2,
        urn: 100003,
        from: '2027-02-01',
        tier: 'D',
        reason: 'Head left',
        agreedBy: 'Trust Board',
        agreedOn: '2027-01-28',
      },
    ]);
  });

  it('refuses a change without a reason, and says where', () => {
    const { problems } = tierChangesFromRows(headers, [{ line: 3, cells: ['100003', '2027-02-01', 'D', ' '] }], 1);
    expect(problems).toEqual([
      {
        line: 3,
        column: 'Reason',
        message: 'expected the reason for the re-tiering (a change without a reason is not accepted)',
      },
    ]);
  });

  it('names a missing column on the header line', () => {
    const { problems } = tierChangesFromRows(['urn', 'from', 'tier'], [], 1);
    expect(problems.map((p) => p.message)).toEqual([
      'no reason column; a tier-change file needs urn, from, tier, reason (and agreed_by, agreed_on)',
    ]);
  });

  it('refuses a tier the policy lacks, a URN not in the data and two changes on one day', () => {
    const urns = new Set(placements.map((p) => p.school.urn));
    const problems = tierChangeProblems(
      [
        change(100003, '2027-02-01', 'E', 2),
        change(999999, '2027-02-01', 'D', 3),
        change(100003, '2027-02-01', 'D', 4),
      ],
      policy,
      urns,
      { urn: 'urn', tier: 'tier', from: 'from' },
    );
    expect(problems).toEqual([
      { line: 2, column: 'tier', message: '"E" is not a tier of policy rlt-categories; expected one of D, C, A, B' },
      {
        line: 3,
        column: 'urn',
        message: 'URN 999999 is not in the school data; a re-tiering is for a school the data places',
      },
      {
        line: 4,
        column: 'from',
        message: 'URN 100003 already changes tier on 2027-02-01 (line 2); keep one change a day',
      },
    ]);
  });
});
