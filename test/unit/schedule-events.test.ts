// The events held column-wise (core/schedule-events.ts): each event reads back as it was placed,
// and the store's counting sorts give exactly the order of compareEvents, ties kept as placed.
import { describe, expect, it } from 'vitest';
import { countingSort, EventStore, put } from '../../src/core/schedule-events.js';
import { compareEvents } from '../../src/core/schedule.js';

/** A small deterministic generator (the same events every run). */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x % n;
  };
}

function filled(seed: number, count: number): EventStore {
  const next = random(seed);
  const store = new EventStore();
  // Owners whose order is not their order of arrival: trusts (no URN) sort first, by name.
  const owners = [
    store.ownerIndex('200', { urn: 200, name: 'Beech', trust: 'Oak Trust' }),
    store.ownerIndex('trust:Oak Trust', { urn: null, name: 'Oak Trust', trust: 'Oak Trust' }),
    store.ownerIndex('100', { urn: 100, name: 'Ash', trust: null }),
    store.ownerIndex('organisation', { urn: null, name: 'All schools', trust: null }),
    store.ownerIndex('150', { urn: 150, name: 'Cedar', trust: 'Oak Trust' }),
  ];
  const kind = (activity: string, id: string, occurrence: string, days: number) =>
    store.addKind({ activity, activity_id: id, kind: 'QA', occurrence, role: 'Adviser', days, type: 'visit' });
  // Kinds alike in what they show (the same activity, id and occurrence) as well as distinct ones.
  const kinds = [
    kind('Visit', 'visit', '2', 1),
    kind('Visit', 'visit', '10', 1),
    kind('Audit', 'audit', '1', 0.5),
    kind('Visit', 'visit', '2', 1),
    kind('Review', 'review', '1', 2),
  ];
  const leads = [store.leadIndex('Sam', 'Sam'), store.leadIndex('unassigned (Adviser)', null)];
  for (let i = 0; i < count; i++) {
    const start = 20_000 + next(40);
    store.add(
      start,
      start + next(2),
      owners[next(owners.length)],
      kinds[next(kinds.length)],
      leads[next(leads.length)],
      store.tierIndex(next(3) === 0 ? null : `T${next(3)}`),
      1 + next(6),
      // A note each, so that every event can be told apart after sorting.
      `placed ${i}`,
    );
  }
  return store;
}

describe('EventStore', () => {
  it('reads each event back as it was added', () => {
    const store = new EventStore();
    const owner = store.ownerIndex('100', { urn: 100, name: 'Ash', trust: 'Oak Trust' });
    const kind = store.addKind({
      activity: 'Health check',
      activity_id: 'health',
      kind: 'SI',
      occurrence: '1',
      role: 'Adviser',
      days: 1,
      type: 'visit',
    });
    store.add(20_454, 20_455, owner, kind, store.leadIndex('Sam', 'Sam'), store.tierIndex('Grow'), 1, null);
    expect(store.length).toBe(1);
    expect(store.at(0)).toEqual({
      date: '2026-01-01',
      end: '2026-01-02',
      urn: 100,
      name: 'Ash',
      trust: 'Oak Trust',
      tier: 'Grow',
      activity: 'Health check',
      activity_id: 'health',
      kind: 'SI',
      term: 1,
      occurrence: '1',
      role: 'Adviser',
      days: 1,
      type: 'visit',
      lead: 'Sam',
      person: 'Sam',
      note: null,
    });
    expect([...store]).toEqual(store.toArray());
  });

  it('grows past its first size, and sorts as compareEvents does, ties in the order placed', () => {
    for (const seed of [1, 7, 42]) {
      const store = filled(seed, 5_000);
      // Array.prototype.sort is stable: ties stay in the order they were added.
      const expected = store.toArray().sort(compareEvents);
      store.sort();
      expect(store.length).toBe(5_000);
      expect(store.toArray()).toEqual(expected);
    }
  });

  it('sorts when first read in order once asked to (sortWhenRead): each reader in order, the columns as placed till then', () => {
    for (const read of ['at', 'toArray', 'all', 'iterate'] as const) {
      const store = filled(11, 2_000);
      const placed = Array.from(store.start.subarray(0, store.length));
      const expected = filled(11, 2_000);
      expected.sort();
      store.sortWhenRead();
      expect(store.inOrder).toBe(false);
      // Until read in order, the columns are as placed (a budget's costing reads them so).
      expect(Array.from(store.start.subarray(0, store.length))).toEqual(placed);
      const first =
        read === 'at'
          ? store.at(0)
          : read === 'toArray'
            ? store.toArray()[0]
            : read === 'all'
              ? [...store.all()][0]
              : [...store][0];
      expect(store.inOrder).toBe(true);
      expect(first).toEqual(expected.at(0));
      expect(store.toArray()).toEqual(expected.toArray());
    }
  });

  it("gives each person's diary by index: the named with none too, unassigned last, the school's own work left out", () => {
    const store = new EventStore();
    const owner = store.ownerIndex('100', { urn: 100, name: 'Ash', trust: null });
    const visit = store.addKind({
      activity: 'Visit',
      activity_id: 'v',
      kind: 'QA',
      occurrence: '1',
      role: 'SIA',
      days: 1,
      type: 'visit',
    });
    const own = store.addKind({
      activity: 'Governors',
      activity_id: 'g',
      kind: 'SI',
      occurrence: '1',
      role: 'Chair',
      days: 0,
      type: 'school',
    });
    const add = (kind: number, lead: number, start: number) =>
      store.add(start, start, owner, kind, lead, store.tierIndex(null), 1, null);
    const sam = store.leadIndex('Sam', 'Sam');
    const nobody = store.leadIndex('unassigned (SIA)', null);
    const chair = store.leadIndex('Chair', null);
    add(visit, sam, 20_001);
    add(visit, nobody, 20_002);
    add(own, chair, 20_003);
    add(visit, sam, 20_004);
    const diaries = store.all().diaries(['Jo', 'Sam']);
    expect([...diaries.keys()]).toEqual(['Jo', 'Sam', 'unassigned']);
    expect([...diaries.get('Jo')!]).toEqual([]);
    expect([...diaries.get('Sam')!].map((e) => e.date)).toEqual(['2024-10-05', '2024-10-08']);
    expect([...diaries.get('unassigned')!].map((e) => e.lead)).toEqual(['unassigned (SIA)']);
  });

  it('lets go of its columns once released: empty, each bytes freed, and still sorts and reads as empty', () => {
    const store = filled(7, 500);
    const columns = [store.start, store.end, store.owner, store.kind, store.lead, store.tier, store.note, store.term];
    expect(columns.every((c) => c.byteLength > 0)).toBe(true);
    store.release();
    // Each column's bytes handed to core/let-go.ts: the old arrays are detached (nothing to read).
    expect(columns.map((c) => c.byteLength)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(store.length).toBe(0);
    expect(store.toArray()).toEqual([]);
    store.sort();
    expect([...store]).toEqual([]);
  });

  it('sorts an empty store', () => {
    const store = new EventStore();
    store.sort();
    expect(store.toArray()).toEqual([]);
  });

  it('widens a column whose value does not fit, and never wraps one', () => {
    const narrow = new Uint8Array(4);
    expect(put(narrow, 0, 255)).toBe(narrow);
    const wider = put(narrow, 1, 256);
    expect(wider).toBeInstanceOf(Uint16Array);
    expect(put(wider, 2, 65_535)).toBe(wider);
    const widest = put(wider, 3, 65_536);
    expect(widest).toBeInstanceOf(Int32Array);
    expect([...widest]).toEqual([255, 256, 65_535, 65_536]);
    expect(put(new Uint8Array(1), 0, -1)).toBeInstanceOf(Int32Array);
    const signed = new Int16Array(2);
    expect(put(signed, 0, -32_768)).toBe(signed);
    expect([...put(signed, 1, 32_768)]).toEqual([-32_768, 32_768]);
    expect(() => put(new Int32Array(1), 0, 2 ** 31)).toThrow(RangeError);
    expect(() => put(new Uint8Array(1), 0, 0.5)).toThrow(RangeError);
  });

  it('reads back events whose numbers are past the narrow columns, before and after sorting', () => {
    const store = new EventStore(2);
    const kinds = Array.from({ length: 300 }, (_, i) =>
      store.addKind({
        activity: `A${i}`,
        activity_id: `a${i}`,
        kind: 'QA',
        occurrence: '1',
        role: 'R',
        days: 1,
        type: 'visit',
      }),
    );
    const owners = Array.from({ length: 70_000 }, (_, i) =>
      store.ownerIndex(String(i + 1), { urn: i + 1, name: `S${i}`, trust: null }),
    );
    const leads = Array.from({ length: 300 }, (_, i) => store.leadIndex(`P${i}`, `P${i}`));
    // Days before 1970 and after 2149 (outside 16 bits), a span of years, a term past 255.
    const added = [
      { start: 20_000, end: 20_000, owner: owners[0], kind: kinds[0], lead: leads[0], tier: null, term: 1, note: null },
      {
        start: -1,
        end: 70_000,
        owner: owners[69_999],
        kind: kinds[299],
        lead: leads[299],
        tier: 'X',
        term: 300,
        note: 'n',
      },
      {
        start: 65_535,
        end: 65_536,
        owner: owners[65_535],
        kind: kinds[255],
        lead: leads[256],
        tier: 'Y',
        term: 6,
        note: null,
      },
    ];
    for (const e of added) store.add(e.start, e.end, e.owner, e.kind, e.lead, store.tierIndex(e.tier), e.term, e.note);
    const expected = store.toArray().map((e) => ({ ...e }));
    expect(expected.map((e) => [e.date, e.end, e.urn, e.activity, e.lead, e.tier, e.term, e.note])).toEqual([
      ['2024-10-04', '2024-10-04', 1, 'A0', 'P0', null, 1, null],
      ['1969-12-31', '2161-08-27', 70_000, 'A299', 'P299', 'X', 300, 'n'],
      ['2149-06-06', '2149-06-07', 65_536, 'A255', 'P256', 'Y', 6, null],
    ]);
    store.sort();
    expect(store.toArray()).toEqual([expected[1], expected[0], expected[2]]);
  });

  it('counting-sorts from the plain order when given none, stably', () => {
    const keys = Int32Array.from([2, 0, 1, 0, 2, 1]);
    expect([...countingSort(null, keys, 3)]).toEqual([1, 3, 2, 5, 0, 4]);
    expect([...countingSort(Int32Array.from([5, 4, 3, 2, 1, 0]), keys, 3)]).toEqual([3, 1, 5, 2, 4, 0]);
  });
});
