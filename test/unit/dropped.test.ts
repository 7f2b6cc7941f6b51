// What the year drops is held as groups and the schools in them (core/dropped.ts), not an object
// each: read back, it is every occurrence as dropped, in order; grouped, each reason once.
import { describe, expect, it } from 'vitest';
import { DroppedList, type Dropped } from '../../src/core/dropped.js';

const half = {
  activity: 'CEO 1:1',
  activity_id: 'ceo',
  term: null,
  date: '2026-10-28',
  reason: 'in the October half term',
};
const items: Dropped[] = [
  { urn: 100002, name: 'B School', ...half },
  { urn: 100001, name: 'A School', activity: 'Board', activity_id: 'board', term: 2, date: null, reason: 'closure' },
  { urn: 100001, name: 'A School', ...half },
  { urn: null, name: 'Trust A', ...half },
];

describe('the dropped occurrences of a year', () => {
  it('read back as dropped, in the order dropped, each a new object', () => {
    const list = new DroppedList(items);
    expect(list.length).toBe(4);
    expect([...list]).toEqual(items);
    expect([...list][0]).not.toBe(items[0]);
  });

  it("a group asked for once and given to each owner (a cadence's dropped step) reads back as added one by one", () => {
    const byGroup = new DroppedList();
    const groups = items.map((d) => byGroup.groupNumber(d.activity, d.activity_id, d.term, d.date, d.reason));
    // Alike occurrences (the same activity, day and reason) are one group.
    expect(groups[0]).toBe(groups[2]);
    expect(groups[0]).toBe(groups[3]);
    items.forEach((d, i) => byGroup.addTo(groups[i], d.urn, d.name));
    const oneByOne = new DroppedList(items);
    expect([...byGroup]).toEqual([...oneByOne]);
    expect(byGroup.groups()).toEqual(oneByOne.groups());
  });

  it('group each reason once, its schools by URN (a trust first), and keep only what keep keeps', () => {
    const list = new DroppedList(items);
    const all = list.groups();
    expect(all.map((g) => [g.activity_id, g.owners.map((o) => o.urn)])).toEqual([
      ['board', [100001]],
      ['ceo', [null, 100001, 100002]],
    ]);
    // A term shown and a school shown: the group of no term has no one left, and is left out.
    const kept = list.groups((urn, term) => term === 2 && urn === 100001);
    expect(kept).toEqual([
      {
        activity: 'Board',
        activity_id: 'board',
        term: 2,
        date: null,
        reason: 'closure',
        owners: [{ urn: 100001, name: 'A School' }],
      },
    ]);
  });

  it('hold each school once, by URN (another owner by name), and a school met by another name apart', () => {
    const list = new DroppedList([
      ...items,
      { urn: 100001, name: 'A School (renamed)', ...half },
      { urn: null, name: 'Trust B', ...half },
    ]);
    expect([...list].map((d) => `${d.urn} ${d.name}`)).toEqual([
      '100002 B School',
      '100001 A School',
      '100001 A School',
      'null Trust A',
      '100001 A School (renamed)',
      'null Trust B',
    ]);
    const [board, ceo] = list.groups();
    // The same school in two groups is one owner, read and never changed.
    expect(board.owners[0]).toBe(ceo.owners.find((o) => o.name === 'A School'));
    expect(Object.isFrozen(board.owners[0])).toBe(true);
    expect(ceo.owners.map((o) => o.name)).toEqual(['Trust A', 'Trust B', 'A School', 'A School (renamed)', 'B School']);
  });

  it('hold a school met by another name once too, however often it is met so', () => {
    const renamed = { urn: 100001, name: 'A School (renamed)' };
    const list = new DroppedList([
      ...items,
      { ...renamed, ...half },
      { ...renamed, activity: 'Board', activity_id: 'board', term: 2, date: null, reason: 'closure' },
    ]);
    const [board, ceo] = list.groups();
    expect(board.owners.find((o) => o.name === renamed.name)).toBe(ceo.owners.find((o) => o.name === renamed.name));
  });
});
