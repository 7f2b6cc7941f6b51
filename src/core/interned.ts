// A table of values each held once and referred to by number: what the year's column-wise stores
// (core/occurrences.ts, core/schedule-events.ts) keep their owners, activities, leads, tiers and
// notes in, so that a million rows of numbers share a few thousand values. Pure.

/** Values by key, each added once; its number is its place in `items`. */
export class KeyedTable<K, T> {
  readonly items: T[] = [];
  private readonly index = new Map<K, number>();
  // The last key asked for: a cadence's occurrences for one owner come one after another and
  // share their owner, activity, label, series and notes, so most asks are the one before.
  private last: K | undefined;
  private lastIndex = -1;

  /** The number of the value for `key`, made by `make` the first time the key is asked for. */
  of(key: K, make: (key: K) => T): number {
    if (key === this.last && this.lastIndex >= 0) return this.lastIndex;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.items.push(make(key)) - 1;
      this.index.set(key, i);
    }
    this.last = key;
    this.lastIndex = i;
    return i;
  }
}

const itself = <T>(item: T): T => item;

/** Values that are their own key (found by identity, or by value for text). */
export class Interned<T> extends KeyedTable<T, T> {
  ofItem(item: T): number {
    return this.of(item, itself);
  }
}

/**
 * Rows of whole numbers (each a few indexes into other tables), each held once and referred to by
 * number: what a million occurrences share (their activity, label, number, term, gap, notes and
 * move) held a few thousand times, not once each. Found by a hash of the row, with no object or
 * text made to ask.
 */
export class InternedRows {
  /** How many rows are held: a row's number is below this. */
  length = 0;
  /** The rows, `width` numbers each (row `at` from at * width; grown as rows are added). */
  private rows: Int32Array;
  /** Each slot a row's number + 1, or 0 for none; a power of two in size, never more than half full. */
  private slots = new Int32Array(64);
  /** The row last asked for (-1 before any). */
  private last = -1;

  constructor(readonly width: number) {
    this.rows = new Int32Array(width * 16);
  }

  /** The number of the row `values` (its first `width`), added the first time it is asked for. */
  of(values: ArrayLike<number>): number {
    const w = this.width;
    // The row asked for last, first: a run of rows alike (each school's occurrence of one term's
    // activity) is one comparison each, not a hash.
    if (this.last >= 0 && this.equals(this.last, values)) return this.last;
    const h = hashOf(values, 0, w);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s] - 1;
      if (at < 0) break;
      if (this.equals(at, values)) return (this.last = at);
    }
    const at = this.length++;
    if (this.length * w > this.rows.length) {
      const rows = new Int32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    for (let k = 0; k < w; k++) {
      this.rows[at * w + k] = values[k];
      // Int32 only: a value that would not read back the same is refused, never wrapped.
      if (this.rows[at * w + k] !== values[k]) throw new RangeError(`not a 32-bit whole number: ${values[k]}`);
    }
    if (this.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.slots[this.free(h)] = at + 1;
    this.last = at;
    return at;
  }

  /** The k-th value of row `at`. */
  get(at: number, k: number): number {
    return this.rows[at * this.width + k];
  }

  private equals(at: number, values: ArrayLike<number>): boolean {
    const base = at * this.width;
    for (let k = 0; k < this.width; k++) if (this.rows[base + k] !== values[k]) return false;
    return true;
  }

  private free(h: number): number {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    return s;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let at = 0; at < this.length; at++)
      this.slots[this.free(hashOf(this.rows, at * this.width, this.width))] = at + 1;
  }
}

/**
 * FNV-1a over the whole numbers values[from, from + width), mixed at the end (MurmurHash3's
 * finish): FNV's low bits, the ones a slot is chosen by, barely depend on the values' high bits,
 * and small indexes alike crowded into a few slots.
 */
function hashOf(values: ArrayLike<number>, from: number, width: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < from + width; k++) h = Math.imul(h ^ values[k], 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
