// The year's events held column-wise (issue 13: memory): a year for every school in England is a
// million events, and one object of eighteen fields each was most of a gigabyte. Each event is a
// row of numbers (its days, term, and indexes into small tables of owners, occurrences, leads,
// tiers and notes), each column as narrow as its values; an event object is made only when one is
// read, and let go after. Pure.
import { fromDayNumber } from './dates.js';
import { Interned, KeyedTable } from './interned.js';
import { letGo } from './let-go.js';
import type { ActivityType } from './calendar.js';
import type { CalendarEvent } from './schedule.js';

/** Whose event it is: a school, a trust or the organisation. */
export interface EventOwner {
  urn: number | null;
  name: string;
  trust: string | null;
}

/** What an event is apart from its owner and day: one occurrence of one activity. */
export interface EventKind {
  activity: string;
  activity_id: string;
  kind: 'QA' | 'SI';
  occurrence: string;
  role: string;
  days: number;
  type: ActivityType;
}

/** Who leads it: the person, "unassigned (ROLE)", or the role for the school's own work. */
export interface EventLead {
  lead: string;
  person: string | null;
}

const GROWTH = 1.5;

/**
 * A column of whole numbers, as narrow as its values so far: a year of a million events is 13
 * bytes an event, not 29 (issue 13: memory). A value that does not fit widens the whole column
 * (put), so none is ever wrapped; one past 32 bits is refused.
 */
export type Column = Uint8Array | Uint16Array | Int16Array | Int32Array;

/** The store's columns, and the type each starts as: days fit 16 bits until 2149, a note's -1 needs a sign. */
const COLUMNS = {
  start: Uint16Array,
  end: Uint16Array,
  owner: Uint16Array,
  kind: Uint8Array,
  lead: Uint8Array,
  tier: Uint8Array,
  note: Int16Array,
  term: Uint8Array,
} as const;
const NUMBER_COLUMNS = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

/** The next wider type of a column's. */
const WIDER = new Map<unknown, new (size: number) => Column>([
  [Uint8Array, Uint16Array],
  [Uint16Array, Int32Array],
  [Int16Array, Int32Array],
]);

/** `column` with `value` at `i`: the column itself, or a wider copy of it if the value does not fit. */
export function put(column: Column, i: number, value: number): Column {
  column[i] = value;
  if (column[i] === value) return column;
  const Wider = WIDER.get(column.constructor);
  if (Wider === undefined) throw new RangeError(`not a 32-bit whole number: ${value}`);
  const wider = new Wider(column.length);
  wider.set(column);
  return put(wider, i, value);
}

/** Events read in order, as many as `length`: an array of them, or a list of the store's. */
export interface EventSeq extends Iterable<CalendarEvent> {
  readonly length: number;
}

export class EventStore implements Iterable<CalendarEvent> {
  length = 0;
  /** The tables the columns point into (each value once). */
  readonly owners: EventOwner[];
  readonly kinds: EventKind[] = [];
  readonly leads: EventLead[];
  readonly tiers: (string | null)[];
  readonly notes: string[];
  // Made in the constructor, column by column (COLUMNS).
  start!: Column;
  end!: Column;
  owner!: Column;
  kind!: Column;
  lead!: Column;
  tier!: Column;
  /** Index into notes, or -1 for none. */
  note!: Column;
  term!: Column;
  /** Every event as an object, once something has asked for them all (so that each is one object). */
  private objects: CalendarEvent[] | null = null;
  /** A sort asked for (sortWhenRead) and not yet made: the columns are as placed. */
  private unsorted = false;
  private readonly ownerTable = new KeyedTable<string, EventOwner>();
  private readonly leadTable = new KeyedTable<string, EventLead>();
  private readonly tierTable = new Interned<string | null>();
  private readonly noteTable = new Interned<string>();

  /** Sized for the events expected (the occurrences due), so that a million are not grown into. */
  constructor(expected = 1024) {
    const size = Math.max(16, expected);
    for (const name of NUMBER_COLUMNS) this[name] = new COLUMNS[name](size);
    this.owners = this.ownerTable.items;
    this.leads = this.leadTable.items;
    this.tiers = this.tierTable.items;
    this.notes = this.noteTable.items;
  }

  /** The index of an owner, by its key (a school's URN, `trust:NAME`, `organisation`): added once. */
  ownerIndex(key: string, owner: EventOwner): number {
    return this.ownerTable.of(key, () => ({ urn: owner.urn, name: owner.name, trust: owner.trust }));
  }

  /** The index of a new kind of event (the caller keeps its own lookup, by activity and occurrence). */
  addKind(kind: EventKind): number {
    return this.kinds.push(kind) - 1;
  }

  leadIndex(lead: string, person: string | null): number {
    return this.leadTable.of(person === null ? `l ${lead}` : `p ${person}`, () => ({ lead, person }));
  }

  /** The index of a tier (null for none): added once. */
  tierIndex(tier: string | null): number {
    return this.tierTable.ofItem(tier);
  }

  /**
   * Adds an event as placed: its first and last day, its owner, kind, lead and tier (indexes from
   * ownerIndex, addKind, leadIndex and tierIndex), its term and note. Given as numbers, not an
   * object: one made for each of a million events was most of what placing made.
   */
  add(
    start: number,
    end: number,
    owner: number,
    kind: number,
    lead: number,
    tier: number,
    term: number,
    note: string | null,
  ): void {
    this.objects = null;
    if (this.length === this.start.length) this.resize(Math.max(1024, Math.ceil(this.length * GROWTH)));
    const i = this.length++;
    const noteAt = note === null ? -1 : this.noteTable.ofItem(note);
    // Written where they are and read back: only a value that did not fit (once in a while, if
    // ever) widens its column, by put. Each column written here, not in put, keeps each write to
    // one type of array (issue 13: a million events).
    this.start[i] = start;
    this.end[i] = end;
    this.owner[i] = owner;
    this.kind[i] = kind;
    this.lead[i] = lead;
    this.tier[i] = tier;
    this.note[i] = noteAt;
    this.term[i] = term;
    if (
      this.start[i] !== start ||
      this.end[i] !== end ||
      this.owner[i] !== owner ||
      this.kind[i] !== kind ||
      this.lead[i] !== lead ||
      this.tier[i] !== tier ||
      this.note[i] !== noteAt ||
      this.term[i] !== term
    ) {
      this.start = put(this.start, i, start);
      this.end = put(this.end, i, end);
      this.owner = put(this.owner, i, owner);
      this.kind = put(this.kind, i, kind);
      this.lead = put(this.lead, i, lead);
      this.tier = put(this.tier, i, tier);
      this.note = put(this.note, i, noteAt);
      this.term = put(this.term, i, term);
    }
  }

  /**
   * The i-th event as an object: made now and kept by nothing, unless every event has been made
   * (toArray), when it is that one, so that what is marked against an event (a visit log's status)
   * is found again whichever list reads it.
   */
  at(i: number): CalendarEvent {
    if (this.unsorted) this.putInOrder();
    if (this.objects) return this.objects[i];
    const owner = this.owners[this.owner[i]];
    const kind = this.kinds[this.kind[i]];
    const lead = this.leads[this.lead[i]];
    const note = this.note[i];
    return {
      date: fromDayNumber(this.start[i]),
      end: fromDayNumber(this.end[i]),
      urn: owner.urn,
      name: owner.name,
      trust: owner.trust,
      tier: this.tiers[this.tier[i]],
      activity: kind.activity,
      activity_id: kind.activity_id,
      kind: kind.kind,
      term: this.term[i],
      occurrence: kind.occurrence,
      role: kind.role,
      days: kind.days,
      type: kind.type,
      lead: lead.lead,
      person: lead.person,
      note: note < 0 ? null : this.notes[note],
    };
  }

  *[Symbol.iterator](): Iterator<CalendarEvent> {
    this.putInOrder();
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Every event as an object (for the few readers that need them all at once), made once. */
  toArray(): CalendarEvent[] {
    this.putInOrder();
    if (this.objects) return this.objects;
    const out = new Array<CalendarEvent>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    this.objects = out;
    return out;
  }

  /** Every event, as a list that makes each when it is read. */
  all(): EventList {
    this.putInOrder();
    return new EventList(this, indexes(this.length));
  }

  /**
   * Asks for calendar order (sort), made when the events are first read in order: by at, toArray,
   * all or iterating. A reader that needs no order (a budget's costing, core/budget.ts) reads the
   * columns as placed, and a million events are not sorted for it (issue 13: speed).
   */
  sortWhenRead(): void {
    this.objects = null;
    this.unsorted = true;
  }

  /** Whether the columns are in calendar order (false after sortWhenRead, until first read in order). */
  get inOrder(): boolean {
    return !this.unsorted;
  }

  /** Makes the sort asked for by sortWhenRead, if not made yet. */
  putInOrder(): void {
    if (this.unsorted) this.sort();
  }

  /** Each kind's rank in calendar order (by activity, id and occurrence); kinds alike share one. */
  kindRanks(): Int32Array {
    return ranks(
      this.kinds,
      (a, b) =>
        byText(a.activity, b.activity) || byText(a.activity_id, b.activity_id) || byText(a.occurrence, b.occurrence),
    );
  }

  /**
   * In calendar order: by date, then owner (a trust's or the organisation's first: URN 0, then
   * name), activity, id and occurrence, as compareEvents orders them; events alike in all of these
   * keep the order they were placed in. Three stable counting sorts, last key first, not a
   * comparison sort of a million events.
   */
  sort(): void {
    this.objects = null;
    this.unsorted = false;
    const n = this.length;
    const kindRank = this.kindRanks();
    const ownerRank = ranks(this.owners, compareOwners);
    // Two orders and one list of keys, reused pass after pass, and then each column put in order
    // through the keys' list and back into itself: no new column (a column more than twice the
    // events, a starved team's, is cut to size).
    const kinds = kindRank.length;
    const owners = ownerRank.length;
    const keys = new Int32Array(n);
    let byOwner: Int32Array;
    let spare: Int32Array;
    if (kinds * owners <= Math.max(n, 1 << 16)) {
      // Owner and kind as one key, in one pass, where there are no more pairs of them than events
      // (the counts no longer than the keys' list): a year for every school in England.
      for (let i = 0; i < n; i++) keys[i] = ownerRank[this.owner[i]] * kinds + kindRank[this.kind[i]];
      byOwner = countingSort(null, keys, kinds * owners);
      spare = new Int32Array(n);
    } else {
      for (let i = 0; i < n; i++) keys[i] = kindRank[this.kind[i]];
      const byKind = countingSort(null, keys, kinds);
      for (let i = 0; i < n; i++) keys[i] = ownerRank[this.owner[i]];
      byOwner = countingSort(byKind, keys, owners);
      spare = byKind;
    }
    const [days, size] = fromZero(this.start.subarray(0, n), keys);
    const order = countingSort(byOwner, days, size, spare);
    const values = byOwner;
    // Each column copied whole into a list of one type (free now) and read in order from there:
    // a read through order from each column's own type of array was most of the sort (a read site
    // that sees every type of column is slow in V8).
    for (const name of NUMBER_COLUMNS) {
      const column = this[name];
      values.set(column.subarray(0, n));
      for (let k = 0; k < n; k++) keys[k] = values[order[k]];
      if (column.length > 2 * n) this[name] = new (column.constructor as new (size: number) => Column)(n);
      this[name].set(keys);
    }
  }

  /**
   * Lets go of the columns' bytes (core/let-go.ts) once nothing will read the events again: a
   * budget or report keeps what the year cost, not its million events, while it is written. The
   * store is empty afterwards; an event object already made (toArray) is its reader's to keep.
   */
  release(): void {
    const columns = NUMBER_COLUMNS.map((name) => this[name]);
    for (const name of NUMBER_COLUMNS) this[name] = new COLUMNS[name](0);
    this.length = 0;
    this.objects = null;
    this.unsorted = false;
    letGo(columns);
  }

  private resize(size: number): void {
    for (const name of NUMBER_COLUMNS) {
      const column = this[name];
      const grown = new (column.constructor as new (size: number) => Column)(size);
      grown.set(column.subarray(0, Math.min(column.length, size)));
      this[name] = grown;
    }
  }
}

/** Text in code-unit order (compareEvents's). */
const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Owners in calendar order: a trust's or the organisation's first (URN 0), then by URN, then name. */
export const compareOwners = (a: EventOwner, b: EventOwner) => (a.urn ?? 0) - (b.urn ?? 0) || byText(a.name, b.name);

/** Each item's rank in the order `compare` gives; items that compare equal share a rank. */
function ranks<T>(items: T[], compare: (a: T, b: T) => number): Int32Array {
  const byOrder = items.map((_, i) => i).sort((a, b) => compare(items[a], items[b]) || a - b);
  const rank = new Int32Array(items.length);
  let r = -1;
  byOrder.forEach((item, k) => {
    if (k === 0 || compare(items[byOrder[k - 1]], items[item]) !== 0) r += 1;
    rank[item] = r;
  });
  return rank;
}

/** 0, 1, ... n - 1. */
function indexes(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * The indexes of `order` (null: 0, 1, ... keys.length - 1, with no list made) sorted stably by
 * their keys (`keys[i]` the key of index i, a whole number from 0 to size - 1), into `out` (a list
 * of order's length other than order).
 */
export function countingSort(
  order: Int32Array | null,
  keys: Column,
  size: number,
  out: Int32Array = new Int32Array(order === null ? keys.length : order.length),
): Int32Array {
  const counts = new Int32Array(size + 1);
  if (order === null) {
    for (let k = 0; k < keys.length; k++) counts[keys[k] + 1] += 1;
    for (let k = 1; k <= size; k++) counts[k] += counts[k - 1];
    for (let k = 0; k < keys.length; k++) out[counts[keys[k]]++] = k;
    return out;
  }
  for (let k = 0; k < order.length; k++) counts[keys[order[k]] + 1] += 1;
  for (let k = 1; k <= size; k++) counts[k] += counts[k - 1];
  for (let k = 0; k < order.length; k++) out[counts[keys[order[k]]]++] = order[k];
  return out;
}

/** Days as keys from 0 (the first day's), and how many keys that makes: for countingSort. */
export function fromZero(days: Column, keys: Int32Array = new Int32Array(days.length)): [Int32Array, number] {
  let first = days.length > 0 ? days[0] : 0;
  let last = days.length > 0 ? days[0] : -1;
  for (let i = 1; i < days.length; i++) {
    const day = days[i];
    if (day < first) first = day;
    else if (day > last) last = day;
  }
  for (let i = 0; i < days.length; i++) keys[i] = days[i] - first;
  return [keys, last - first + 1];
}

/** Some of a store's events, in the store's order: a term, a school or a person's view of the year. */
export class EventList implements EventSeq {
  constructor(
    readonly store: EventStore,
    readonly indexes: Int32Array,
  ) {}

  get length(): number {
    return this.indexes.length;
  }

  *[Symbol.iterator](): Iterator<CalendarEvent> {
    for (const i of this.indexes) yield this.store.at(i);
  }

  /** The events of these terms, by the stored term: no event made to ask. */
  inTerms(terms: number[]): EventList {
    const wanted = new Set(terms);
    return this.where((i) => wanted.has(this.store.term[i]));
  }

  /** The events `keep` keeps (each made to be asked, and let go). */
  filter(keep: (e: CalendarEvent) => boolean): EventList {
    return this.where((i) => keep(this.store.at(i)));
  }

  /**
   * Each person's events (the school's own work left out), in order: a list for everyone named,
   * even with none, and then one for "unassigned" if any event has no one. By index, no event made.
   */
  diaries(people: string[]): Map<string, EventList> {
    const lists = new Map<string, number[]>(people.map((name) => [name, []]));
    for (const i of this.indexes) {
      if (this.store.kinds[this.store.kind[i]].type === 'school') continue;
      const who = this.store.leads[this.store.lead[i]].person ?? 'unassigned';
      const list = lists.get(who);
      if (list) list.push(i);
      else lists.set(who, [i]);
    }
    return new Map([...lists].map(([who, list]) => [who, new EventList(this.store, Int32Array.from(list))]));
  }

  private where(keep: (i: number) => boolean): EventList {
    const kept = new Int32Array(this.indexes.length);
    let n = 0;
    for (const i of this.indexes) if (keep(i)) kept[n++] = i;
    return new EventList(this.store, kept.slice(0, n));
  }
}

/** What a list of events counts: its schools, its events for a whole trust, its QA and unassigned events. */
export function tally(events: EventSeq): { schools: number; trustWide: number; qa: number; unassigned: number } {
  // One pass (a year for every school is a million events), by the stored columns where it can.
  const urns = new Set<number>();
  let trustWide = 0;
  let qa = 0;
  let unassigned = 0;
  const count = (e: { urn: number | null; kind: string; person: string | null; type: string }) => {
    if (e.urn === null) trustWide++;
    else urns.add(e.urn);
    if (e.kind === 'QA') qa++;
    if (e.person === null && e.type !== 'school') unassigned++;
  };
  if (events instanceof EventList) {
    const { store } = events;
    for (const i of events.indexes) {
      const owner = store.owners[store.owner[i]];
      const kind = store.kinds[store.kind[i]];
      count({ urn: owner.urn, kind: kind.kind, person: store.leads[store.lead[i]].person, type: kind.type });
    }
  } else for (const e of events) count(e);
  return { schools: urns.size, trustWide, qa, unassigned };
}

/** Each event's URN (null for a whole trust's), in order: by the stored columns where it can. */
export function eventUrns(events: EventSeq): (number | null)[] {
  if (!(events instanceof EventList)) return Array.from(events, (e) => e.urn);
  const { store } = events;
  return Array.from(events.indexes, (i) => store.owners[store.owner[i]].urn);
}
