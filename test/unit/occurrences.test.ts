// The occurrences due, held column-wise (core/occurrences.ts): each reads back as it was pushed.
import { describe, expect, it } from 'vitest';
import type { Activity, Occurrence, Owner } from '../../src/core/calendar.js';
import { Occurrences } from '../../src/core/occurrences.js';

/** The typed arrays an Occurrences holds its rows and windows in (private: read here only to see them let go). */
const columnsOf = (list: Occurrences): ArrayBufferView[] => {
  const held = list as unknown as { chunks: ArrayBufferView[]; windows: ArrayBufferView[] };
  return [...held.chunks, ...held.windows];
};

type Step = Pick<Occurrence, 'term' | 'number' | 'window' | 'target' | 'movedFrom'>;

/** Adds an owner's series of a cadence ("CEO 1:1", a gap of 4) by numbers, as core/calendar.ts does. */
function addSeries(list: Occurrences, owner: Owner, activity: Activity, notes: string[], steps: Step[]): void {
  const ownerAt = list.ownerNumber(owner);
  const series = list.seriesNumber(activity.id, owner.key);
  for (const s of steps)
    list.add(
      ownerAt,
      list.shapeOf(activity, 'CEO 1:1', s.term, s.number, 4, notes, s.movedFrom),
      series,
      s.window[0],
      s.window[1],
      s.target,
    );
}

describe('Occurrences', () => {
  const owner = {
    key: '100',
    urn: 100,
    name: 'Ash',
    trust: null,
    tier: 'A',
    level: 1,
    closed: new Map(),
    from: null,
    fromText: null,
  };

  it('reads back every field of what was pushed, past its first size', () => {
    const list = new Occurrences();
    const other = { ...owner, key: '200', urn: 200, name: 'Beech' };
    const activity = { id: 'visit', name: 'Visit' } as never;
    const pushed = Array.from({ length: 3000 }, (_, i) => ({
      owner: i % 2 ? owner : other,
      activity,
      label: i % 3 ? 'Visit' : 'Visit (external)',
      term: 1 + (i % 6),
      number: String(1 + (i % 4)),
      window: [20_000 + i, 20_010 + i] as [number, number],
      target: 20_005 + i,
      series: i % 5 ? null : `${i % 2 ? '100' : '200'}|visit`,
      minGap: i % 7,
      movedFrom: i % 11 ? null : { day: 20_003 + i, why: 'INSET day' },
      notes: i % 13 ? [] : ['chosen by its data'],
    }));
    for (const o of pushed) list.push(o);
    expect(list.length).toBe(3000);
    expect(list.toArray()).toEqual(pushed);
    expect(list.at(1).owner).toBe(owner);
  });

  it("reads back occurrences added by their owner's, shape's and series' numbers as pushed one by one, beside others", () => {
    const activity = { id: 'one', name: 'CEO 1:1' } as never;
    const notes = ['chosen by its data'];
    const steps = Array.from({ length: 40 }, (_, i) => ({
      term: 1 + (i % 6),
      number: String(1 + (i % 7)),
      window: [20_000 + 7 * i, 20_004 + 7 * i] as [number, number],
      target: 20_002 + 7 * i,
      movedFrom: i % 9 ? null : { day: 20_001 + 7 * i, why: 'INSET day' },
    }));
    const expected = steps.map((s) => ({
      owner,
      activity,
      label: 'CEO 1:1',
      series: '100|one',
      minGap: 4,
      notes,
      ...s,
    }));
    const list = new Occurrences();
    const lone = { ...expected[0], series: null, number: 'top-up-1', notes: [] };
    list.push(lone);
    addSeries(list, owner, activity, notes, steps);
    list.push(lone);
    expect(list.toArray()).toEqual([lone, ...expected, lone]);
    expect(list.seriesIndexOf(1)).toBe(list.seriesIndexOf(40));
    expect(list.seriesIndexOf(0)).toBe(-1);
    expect(list.ownerIndexOf(1)).toBe(list.ownerIndexOf(0));
    // What is shared is the very object pushed: the notes, the move, the activity.
    expect(list.at(1).notes).toBe(notes);
    expect(list.at(1).movedFrom).toBe(steps[0].movedFrom);
    expect(list.activityOf(1)).toBe(activity);
  });

  it('gives one number for a shape asked for again, another for a shape that differs in any part', () => {
    const activity = { id: 'one', name: 'CEO 1:1' } as never;
    const other = { id: 'two', name: 'CEO 1:1' } as never;
    const notes = ['chosen by its data'];
    const moved = { day: 20_001, why: 'INSET day' };
    const list = new Occurrences();
    const first = list.shapeOf(activity, 'CEO 1:1', 1, '1', 4, notes, moved);
    expect(list.shapeOf(activity, 'CEO 1:1', 1, '1', 4, notes, moved)).toBe(first);
    const differing = [
      list.shapeOf(other, 'CEO 1:1', 1, '1', 4, notes, moved),
      list.shapeOf(activity, 'CEO 1:1 (external)', 1, '1', 4, notes, moved),
      list.shapeOf(activity, 'CEO 1:1', 2, '1', 4, notes, moved),
      list.shapeOf(activity, 'CEO 1:1', 1, '2', 4, notes, moved),
      list.shapeOf(activity, 'CEO 1:1', 1, '1', 5, notes, moved),
      list.shapeOf(activity, 'CEO 1:1', 1, '1', 4, [...notes], moved),
      list.shapeOf(activity, 'CEO 1:1', 1, '1', 4, notes, { ...moved }),
      list.shapeOf(activity, 'CEO 1:1', 1, '1', 4, notes, null),
    ];
    expect(new Set([first, ...differing]).size).toBe(1 + differing.length);
    // Any list of no notes is one shape: it reads back as none.
    expect(list.shapeOf(activity, 'CEO 1:1', 1, '1', 4, [], null)).toBe(
      list.shapeOf(activity, 'CEO 1:1', 1, '1', 4, [], null),
    );
  });

  it("numbers a series by its activity and its owner's key (a re-tiered school's spans share it), named as pushed", () => {
    const list = new Occurrences();
    const span = { ...owner, tier: 'B' };
    const first = list.seriesNumber('one', owner.key);
    expect(list.seriesNumber('one', span.key)).toBe(first);
    expect(list.seriesNumber('two', owner.key)).not.toBe(first);
    expect(list.seriesNumber('one', '200')).not.toBe(first);
    expect(list.seriesCount).toBe(3);
    // A pushed occurrence's series is its owner's of its activity: another name is refused.
    const one = {
      owner,
      activity: { id: 'one', name: 'One' } as never,
      label: 'One',
      term: 1,
      number: '1',
      window: [20_000, 20_004] as [number, number],
      target: 20_002,
      series: '100|one',
      minGap: 4,
      movedFrom: null,
      notes: [],
    };
    list.push(one);
    expect(list.seriesIndexOf(0)).toBe(first);
    expect(() => list.push({ ...one, series: '200|one' })).toThrow('series "200|one" is not "100|one"');
  });

  it('reads back a window far from its target (past 16 bits of days) and one at the limit', () => {
    const activity = { id: 'visit', name: 'Visit' } as never;
    const one = (window: [number, number], target: number) => ({
      owner,
      activity,
      label: 'Visit',
      term: 1,
      number: '1',
      window,
      target,
      series: null,
      minGap: 0,
      movedFrom: null,
      notes: [],
    });
    const pushed = [
      one([20_000 - 32_767, 20_000 + 32_767], 20_000),
      one([20_000 - 32_768, 20_001], 20_000),
      one([20_000, 20_000 + 32_768], 20_000),
      one([-5, 100_000], 70_000),
      one([20_010, 20_020], 20_000),
      one([20_000, 20_000], 20_000),
    ];
    const list = new Occurrences();
    for (const o of pushed) list.push(o);
    expect(list.toArray()).toEqual(pushed);
    // Cleared, the rows far away are let go with the rest.
    const held = columnsOf(list);
    expect(held.reduce((bytes, c) => bytes + c.byteLength, 0)).toBeGreaterThan(0);
    list.clear();
    // Their bytes too, now, not at the collector's next full collection (issue 13: memory).
    expect(held.map((c) => c.byteLength)).toEqual(held.map(() => 0));
    list.push(pushed[4]);
    expect(list.toArray()).toEqual([pushed[4]]);
  });

  it("reads back series of one activity whose steps differ (another owner's notes, term, number or move)", () => {
    const activity = { id: 'one', name: 'CEO 1:1' } as never;
    const other = { ...owner, key: '200', urn: 200, name: 'Beech' };
    const step = (i: number, moved: boolean) => ({
      term: 1 + (i % 2),
      number: String(1 + i),
      window: [20_000 + 7 * i, 20_004 + 7 * i] as [number, number],
      target: 20_002 + 7 * i,
      movedFrom: moved ? { day: 20_001 + 7 * i, why: 'INSET day' } : null,
    });
    const movedFirst = { ...step(0, true), term: 5 };
    const serieses = [
      { owner, notes: [] as string[], steps: [0, 1, 2].map((i) => step(i, false)) },
      { owner: other, notes: ['chosen by its data'], steps: [0, 1, 2, 3].map((i) => step(i, false)) },
      { owner, notes: [] as string[], steps: [0, 2, 1].map((i) => step(i, i === 1)) },
      { owner: other, notes: [] as string[], steps: [0, 1].map((i) => step(i, false)) },
      // The first step as the one before but for its term, then its move, then its number.
      { owner, notes: [] as string[], steps: [{ ...step(0, false), term: 5 }] },
      { owner: other, notes: [] as string[], steps: [movedFirst] },
      { owner, notes: [] as string[], steps: [{ ...movedFirst, number: '9' }] },
    ];
    const list = new Occurrences();
    const expected = serieses.flatMap(({ owner: o, notes, steps }) => {
      addSeries(list, o, activity, notes, steps);
      return steps.map((s) => ({
        owner: o,
        activity,
        label: 'CEO 1:1',
        series: `${o.key}|one`,
        minGap: 4,
        notes,
        ...s,
      }));
    });
    expect(list.toArray()).toEqual(expected);
  });
  it('re-points one cursor at row after row, its window too, each read as made anew (series, move, far window or none)', () => {
    const one = { id: 'one', name: 'One', days: 1 } as never;
    const two = { id: 'two', name: 'Two', days: 2 } as never;
    const other = { ...owner, key: '200', urn: 200, name: 'Beech' };
    const pushed = Array.from({ length: 12 }, (_, i) => ({
      owner: i % 2 ? owner : other,
      activity: i % 3 ? one : two,
      label: i % 3 ? 'One' : 'Two',
      term: 1 + (i % 6),
      number: String(1 + (i % 4)),
      window: (i % 4 ? [20_000 + i, 20_010 + i] : [-5, 100_000 + i]) as [number, number],
      target: 20_005 + i,
      series: i % 2 ? null : `200|${i % 3 ? 'one' : 'two'}`,
      minGap: i % 2 ? 0 : 4,
      movedFrom: i % 5 ? null : { day: 20_003 + i, why: 'INSET day' },
      notes: i % 3 ? [] : ['chosen by its data'],
    }));
    const list = new Occurrences();
    for (const o of pushed) list.push(o);
    const cursor = list.cursor();
    const window = cursor.window;
    for (let i = pushed.length - 1; i >= 0; i--) {
      expect(list.point(cursor, i)).toBe(cursor);
      expect(cursor.window).toBe(window);
      expect(cursor).toEqual(pushed[i]);
    }
    // An occurrence made by `at` is its own: reading another leaves it as it was.
    const kept = list.at(0);
    list.at(1);
    list.point(cursor, 1);
    expect(kept).toEqual(pushed[0]);
    // Each row's placing key: its rank (more than one day, then a series, then the rest) times the
    // targets' span, plus its target from the first; read at once.
    const keys = new Int32Array(pushed.length);
    const targets = pushed.map((o) => o.target);
    const first = Math.min(...targets);
    const size = list.placingKeys(keys);
    expect(size).toBe(Math.max(...targets) - first + 1);
    expect([...keys]).toEqual(pushed.map((o, i) => (i % 3 === 0 ? 0 : o.series ? 1 : 2) * size + o.target - first));
    // Cleared, the span starts again from what is added next.
    list.clear();
    list.push(pushed[1]);
    const key = new Int32Array(1);
    expect(list.placingKeys(key)).toBe(1);
    // Row 1 is of a one-day activity (every third is of two days), so its rank is its series.
    expect([...key]).toEqual([pushed[1].series ? 1 : 2]);
  });
});
