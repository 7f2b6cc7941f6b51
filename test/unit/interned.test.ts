import { describe, expect, it } from 'vitest';
import { Interned, InternedRows, KeyedTable } from '../../src/core/interned.js';

describe('the tables the year is stored in (core/interned.ts)', () => {
  it('gives each key one number, in the order first asked, whatever was asked just before', () => {
    const table = new Interned<string>();
    const asked = ['b', 'b', 'a', 'b', 'c', 'a', 'a', 'c'];
    expect(asked.map((x) => table.ofItem(x))).toEqual([0, 0, 1, 0, 2, 1, 1, 2]);
    expect(table.items).toEqual(['b', 'a', 'c']);
  });

  it('finds objects by identity: two alike are two values', () => {
    const table = new Interned<{ urn: number }>();
    const one = { urn: 1 };
    const same = { urn: 1 };
    expect([table.ofItem(one), table.ofItem(same), table.ofItem(one)]).toEqual([0, 1, 0]);
  });

  it('makes a keyed value once, the first time its key is asked for', () => {
    const table = new KeyedTable<string, { key: string }>();
    let made = 0;
    const make = (key: string) => ({ key, n: ++made });
    expect(['x', 'y', 'x', 'x', 'y'].map((k) => table.of(k, make))).toEqual([0, 1, 0, 0, 1]);
    expect(made).toBe(2);
    expect(table.items.map((v) => v.key)).toEqual(['x', 'y']);
  });

  it('holds undefined as a key too, asked first (nothing has been asked before it)', () => {
    const table = new Interned<string | undefined>();
    expect([undefined, 'A', undefined].map((x) => table.ofItem(x))).toEqual([0, 1, 0]);
  });

  it('holds null as a key like any other (an event with no tier)', () => {
    const table = new Interned<string | null>();
    expect([null, 'A', null].map((x) => table.ofItem(x))).toEqual([0, 1, 0]);
  });

  it('gives each row of numbers one number, past many rehashes, and reads each back', () => {
    const table = new InternedRows(3);
    const rows = Array.from({ length: 5000 }, (_, i) => [i % 70, -1 - (i % 3), (i * 7919) % 101]);
    const numbers = rows.map((r) => table.of(r));
    // A row asked again, in any order, is the number it was given.
    expect([...rows].reverse().map((r) => table.of(Int32Array.from(r)))).toEqual([...numbers].reverse());
    const distinct = new Set(rows.map((r) => r.join(' ')));
    expect(table.length).toBe(distinct.size);
    expect(new Set(numbers).size).toBe(distinct.size);
    expect(numbers.map((n) => [0, 1, 2].map((k) => table.get(n, k)))).toEqual(rows);
  });

  it('holds a row at the limits of 32 bits, and refuses one past them rather than wrap it', () => {
    const table = new InternedRows(2);
    const at = table.of([2 ** 31 - 1, -(2 ** 31)]);
    expect([table.get(at, 0), table.get(at, 1)]).toEqual([2 ** 31 - 1, -(2 ** 31)]);
    expect(() => table.of([2 ** 31, 0])).toThrow(RangeError);
    expect(() => table.of([0, 1.5])).toThrow(RangeError);
  });
});
