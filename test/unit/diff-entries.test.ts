// A side of sit diff kept in columns (core/diff-entries.ts): every entry read back as it was
// given, across the pieces its columns grow by; entries placed alike share their outcome; the
// order by URN keeps the last of a URN given twice, as a map by URN did.
import { describe, expect, it } from 'vitest';
import { DiffEntries } from '../../src/core/diff-entries.js';
import type { DiffEntry } from '../../src/core/diff.js';

const e = (urn: number, name: string, tier: string | null, days: number | null, reasons: string[]): DiffEntry => ({
  urn,
  name,
  tier,
  days,
  reasons,
});

const all = (entries: DiffEntries) => Array.from({ length: entries.size }, (_, i) => entries.entry(i));

describe('DiffEntries', () => {
  it('reads back each entry as given: names in any script, empty, or long; null tiers and days', () => {
    const given = [
      e(100001, 'Ysgol Gymraeg Glan-ŵy', 'A', 12, ['Good: leadership']),
      e(100002, '', null, null, ['Needs data: ofsted_overall']),
      e(100003, 'Ecole 🏫 "Quoted", with comma', 'B', 2.5, []),
      e(100004, 'x'.repeat(3 * 1024 * 1024), 'A', 0, ['Good: leadership', 'Second: 3']),
      e(-7, 'Negative', 'C', -1, ['a']),
    ];
    expect(all(DiffEntries.of(given))).toEqual(given);
  });

  it('keeps 200,000 entries across pieces of its columns and of its names', () => {
    const given = Array.from({ length: 200_000 }, (_, i) =>
      e(999_999 - i, `School ${i} ${'é'.repeat(i % 40)}`, i % 3 ? 'A' : null, i % 5, [`rule: ${i % 7}`]),
    );
    const kept = DiffEntries.of(given);
    expect(kept.size).toBe(given.length);
    for (const i of [0, 1, 65_535, 65_536, 65_537, 131_072, 199_999]) expect(kept.entry(i)).toEqual(given[i]);
    // Every name, and the name pieces' edges wherever they fell.
    for (let i = 0; i < given.length; i++) if (kept.name(i) !== given[i].name) expect(kept.name(i)).toBe(given[i].name);
  });

  it('reads a name back while entries are still being added, and every name after more are added', () => {
    const kept = new DiffEntries();
    const given = Array.from({ length: 70_000 }, (_, i) => e(i, `Name ${i}`, 'A', 1, []));
    given.forEach((entry, i) => {
      kept.add(entry);
      if (i % 9_999 === 0) expect(kept.name(i)).toBe(entry.name);
    });
    expect(all(kept)).toEqual(given);
  });

  it('shares one outcome among the schools placed alike, and tells apart outcomes whose texts would join alike', () => {
    const kept = DiffEntries.of([
      e(1, 'a', 'A', 1, ['r: 1', 'r: 2']),
      e(2, 'b', 'A', 1, ['r: 1', 'r: 2']),
      e(3, 'c', 'A', 1, ['r: 1,r: 2']),
      e(4, 'd', 'A', 1, ['r: 1', 'r: 2', '']),
      e(5, 'e', 'A', null, ['r: 1', 'r: 2']),
      e(6, 'f', null, 1, ['r: 1', 'r: 2']),
      e(7, 'g', 'null', 1, ['r: 1', 'r: 2']),
    ]);
    const [a, b, ...others] = all(kept);
    expect(a.reasons).toBe(b.reasons);
    expect(others.map((o) => [o.tier, o.days, o.reasons])).toEqual([
      ['A', 1, ['r: 1,r: 2']],
      ['A', 1, ['r: 1', 'r: 2', '']],
      ['A', null, ['r: 1', 'r: 2']],
      [null, 1, ['r: 1', 'r: 2']],
      ['null', 1, ['r: 1', 'r: 2']],
    ]);
    expect(kept.tiers()).toEqual(['A', null, 'null']);
  });

  for (const [what, urns] of [
    ['6-digit URNs (sorted as numbers)', [300000, 100000, 200000, 100000, 250000]],
    ['URNs past 2^32 or below 0 (sorted by comparing)', [3 * 2 ** 32, -5, 2 ** 40, -5, 12]],
  ] as const)
    it(`orders by URN, a URN given twice by its last entry: ${what}`, () => {
      const kept = DiffEntries.of(urns.map((urn, i) => e(urn, `n${i}`, 'A', i, [])));
      const order = [...kept.byUrn()];
      const sorted = [...new Set(urns)].sort((x, y) => x - y);
      expect(order.map((i) => kept.urn(i))).toEqual(sorted);
      // The duplicate (positions 1 and 3) is read as its later entry.
      expect(order.map((i) => kept.name(i))).toContain('n3');
      expect(order.map((i) => kept.name(i))).not.toContain('n1');
      expect(kept.find(urns[1])).toBe(3);
      expect(kept.find(urns[4])).toBe(4);
      expect(kept.find(7)).toBe(-1);
    });

  it('keeps only the names `named` asks for (the other year names the rest)', () => {
    const kept = DiffEntries.of(
      [e(1, 'one', 'A', 1, []), e(2, 'two', 'A', 1, []), e(3, 'three', 'A', 1, [])],
      (urn) => urn !== 2,
    );
    expect([0, 1, 2].map((i) => kept.name(i))).toEqual(['one', '', 'three']);
    expect(kept.entry(1)).toEqual(e(2, '', 'A', 1, []));
  });
});
