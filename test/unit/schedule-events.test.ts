// The events held column-wise (core/schedule-events.ts): each event reads back as it was placed,
// and the store's counting sorts give exactly the order of compareEvents, ties kept as placed.
import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/core/schedule-events.js';
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
    store.add({
      start,
      end: start + next(2),
      owner: owners[next(owners.length)],
      kind: kinds[next(kinds.length)],
      lead: leads[next(leads.length)],
      tier: next(3) === 0 ? null : `T${next(3)}`,
      term: 1 + next(6),
      // A note each, so that every event can be told apart after sorting.
      note: `placed ${i}`,
    });
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
    store.add({
      start: 20_454,
      end: 20_455,
      owner,
      kind,
      lead: store.leadIndex('Sam', 'Sam'),
      tier: 'Grow',
      term: 1,
      note: null,
    });
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
      store.add({ start, end: start, owner, kind, lead, tier: null, term: 1, note: null });
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

  it('sorts an empty store', () => {
    const store = new EventStore();
    store.sort();
    expect(store.toArray()).toEqual([]);
  });
});
