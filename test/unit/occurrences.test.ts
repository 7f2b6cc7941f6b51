// The occurrences due, held column-wise (core/occurrences.ts): each reads back as it was pushed.
import { describe, expect, it } from 'vitest';
import { Occurrences } from '../../src/core/occurrences.js';

describe('Occurrences', () => {
  it('reads back every field of what was pushed, past its first size', () => {
    const list = new Occurrences();
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
});
