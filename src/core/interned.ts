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
