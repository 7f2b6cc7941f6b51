// Movements between the two fixture years under rlt-categories: schools-2025.csv classified as of
// 2025-09-01 and schools.csv as of 2026-09-01. "Up" is a tier with more support (a higher level:
// A 1, B 2, C 3, D 4 in the preset).
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { diff, entryOf, ruleOf, yearBefore, type DiffEntry } from '../../src/core/diff.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';

const policy = presetPolicy('rlt-categories');
const entries = (file: string, asOf: string) =>
  classify(fixtureSchools(file), policy, { asOf }).placements.map(entryOf);

describe('diff on the two fixture years', () => {
  const result = diff(entries('schools-2025.csv', '2025-09-01'), entries('schools.csv', '2026-09-01'), policy);
  const move = (urn: number) => result.movements.find((m) => m.urn === urn)!;

  it('lists every movement', () => {
    const changed = result.movements.filter((m) => m.kind !== 'same').map((m) => [m.urn, m.kind, m.oldTier, m.newTier]);
    expect(changed).toEqual([
      [100001, 'down', 'C', 'A'], // 2025 leadership needed support (C: "some support needed"); 2026 supports others (A)
      [100014, 'up', 'B', 'C'], // 2026 leadership needs support (C)
      [100015, 'up', 'A', 'C'], // new head from January 2026 (C: "new leadership team")
      [100016, 'up', 'B', 'D'], // new head, insufficient capacity (D)
      [100018, 'up', 'A', 'C'], // the Trust Board's override of October 2026
      // 2025: head from 2024-09-02, 364 days by 2025-09-01, so "new to the role" with leadership that needs
      // support (D; it was C while years_since rounded 364 days up to 1.00); the 2026 file has no Ofsted grade for it.
      [100025, 'needs-data', 'D', null],
      [100026, 'joined', null, 'B'],
      [100027, 'left', 'B', null],
    ]);
    expect(result.summary).toBe('4 up, 1 down, 19 same, 1 joined, 1 left, 1 newly needing data');
  });

  it('gives the change in days where both years state them', () => {
    expect(move(100001).daysChange).toBe(-3); // C up to 15 -> A 12
    expect(move(100015).daysChange).toBe(3); // A 12 -> C up to 15
    expect(move(100014).daysChange).toBeNull(); // B states no days
    expect(move(100002)).toMatchObject({ kind: 'same', daysChange: 0, reason: '' });
  });

  it('names the reason that changed', () => {
    expect(move(100015).reason).toMatch(
      /^now: New leadership team: .*\| no longer: Outstanding or Good, with capacity/,
    );
    // Same tier, but the rule that placed it changed: said, not hidden.
    expect(move(100011)).toMatchObject({ kind: 'same' });
    expect(move(100011).reason).toContain('no longer: New leadership team');
  });
});

describe('helpers', () => {
  it('orders by level, not by name', () => {
    const e = (urn: number, tier: string | null): DiffEntry => ({
      urn,
      name: `s${urn}`,
      tier,
      days: null,
      reasons: [],
    });
    const r = diff([e(1, 'D'), e(2, null)], [e(1, 'A'), e(2, 'B')], policy);
    expect(r.movements.map((m) => m.kind)).toEqual(['down', 'placed']);
  });

  it('compares reasons by their rule: new values for a rule kept are no change', () => {
    const e = (reasons: string[]): DiffEntry => ({ urn: 1, name: 's1', tier: 'B', days: null, reasons });
    const reason = (old: string[], now: string[]) => diff([e(old)], [e(now)], policy).movements[0].reason;
    expect(reason(['Kept: 3', 'Lost: x'], ['Kept: 3', 'Lost: x'])).toBe('');
    expect(reason(['Kept: 3'], ['Kept: 4'])).toBe('');
    expect(reason(['Kept: 3', 'Lost: x', 'Lost too'], ['Gained: y', 'Kept: 4'])).toBe(
      'now: Gained: y | no longer: Lost: x; Lost too',
    );
    expect(reason([], ['Gained: y'])).toBe('now: Gained: y');
  });

  it('yearBefore and ruleOf', () => {
    expect(yearBefore('2026-09-01')).toBe('2025-09-01');
    expect(yearBefore('2028-02-29')).toBe('2027-02-28');
    expect(ruleOf('New leadership team: 0.65 years')).toBe('New leadership team');
  });
});
