// The occurrences due in a year, held column-wise until each is placed (issue 13: memory): for
// every school in England they are a million, and an object of eleven fields and a window each
// was 190 MB held at once. Each is a row of numbers (its term, window, target and gap, and
// indexes into the owners, activities, labels, numbers, series, moves and notes it shares with
// others); an Occurrence object is made again only when one is placed. Pure.
import type { Activity, Occurrence, Owner } from './calendar.js';
import { Interned } from './interned.js';

/** The notes of an occurrence with none: one list, read and never changed. */
const NO_NOTES: string[] = [];

// An occurrence's numbers, in this order, in one row of a chunk: chunks of a fixed size are added
// as the list grows, never copied into a larger one (a grown copy leaves the old one for the
// collector, and a million occurrences grown that way held three times their size at once).
const OWNER = 0;
const ACTIVITY = 1;
const LABEL = 2;
const NUMBER = 3;
const FROM = 4;
const TO = 5;
const TARGET = 6;
const SERIES = 7;
const GAP = 8;
const MOVED = 9;
const NOTES = 10;
const TERM = 11;
const WIDTH = 12;
const CHUNK_BITS = 15;
const CHUNK = 1 << CHUNK_BITS;

export class Occurrences implements Iterable<Occurrence> {
  length = 0;
  private readonly owners = new Interned<Owner>();
  private readonly activities = new Interned<Activity>();
  private readonly labels = new Interned<string>();
  private readonly numbers = new Interned<string>();
  private readonly serieses = new Interned<string>();
  private readonly noteLists = new Interned<string[]>();
  private readonly moves: NonNullable<Occurrence['movedFrom']>[] = [];
  private readonly chunks: Int32Array[] = [];

  push(o: Occurrence): void {
    this.row(
      this.owners.ofItem(o.owner),
      this.activities.ofItem(o.activity),
      this.labels.ofItem(o.label),
      o.series === null ? -1 : this.serieses.ofItem(o.series),
      o.minGap,
      o.notes.length === 0 ? -1 : this.noteLists.ofItem(o.notes),
      o.term,
      o.number,
      o.window,
      o.target,
      o.movedFrom,
    );
  }

  /**
   * A pusher for the occurrences of one owner's series (a cadence): what they share is looked up
   * once, and each is given by what is its own, with no occurrence made.
   */
  series(
    owner: Owner,
    activity: Activity,
    series: string,
    minGap: number,
    notes: string[],
  ): (
    term: number,
    number: string,
    window: [number, number],
    target: number,
    movedFrom: Occurrence['movedFrom'],
  ) => void {
    const ownerAt = this.owners.ofItem(owner);
    const activityAt = this.activities.ofItem(activity);
    const labelAt = this.labels.ofItem(activity.name);
    const seriesAt = this.serieses.ofItem(series);
    const notesAt = notes.length === 0 ? -1 : this.noteLists.ofItem(notes);
    return (term, number, window, target, movedFrom) =>
      this.row(ownerAt, activityAt, labelAt, seriesAt, minGap, notesAt, term, number, window, target, movedFrom);
  }

  private row(
    owner: number,
    activity: number,
    label: number,
    series: number,
    gap: number,
    notes: number,
    term: number,
    number: string,
    window: [number, number],
    target: number,
    movedFrom: Occurrence['movedFrom'],
  ): void {
    if ((this.length & (CHUNK - 1)) === 0) this.chunks.push(new Int32Array(CHUNK * WIDTH));
    const i = this.length++;
    const c = this.chunks[i >>> CHUNK_BITS];
    const r = (i & (CHUNK - 1)) * WIDTH;
    c[r + OWNER] = owner;
    c[r + ACTIVITY] = activity;
    c[r + LABEL] = label;
    c[r + NUMBER] = this.numbers.ofItem(number);
    c[r + FROM] = window[0];
    c[r + TO] = window[1];
    c[r + TARGET] = target;
    c[r + SERIES] = series;
    c[r + GAP] = gap;
    c[r + MOVED] = movedFrom === null ? -1 : this.moves.push(movedFrom) - 1;
    c[r + NOTES] = notes;
    c[r + TERM] = term;
  }

  /** Series held so far: a series' index (seriesIndexOf) is below this. */
  get seriesCount(): number {
    return this.serieses.items.length;
  }

  /** Owners held so far: an owner's index (ownerIndexOf) is below this. */
  get ownerCount(): number {
    return this.owners.items.length;
  }

  /** The i-th occurrence's series as a number (-1 for none): the scheduler's arrays, not a map of keys. */
  seriesIndexOf(i: number): number {
    return this.field(i, SERIES);
  }

  /** The i-th occurrence's owner as a number (the same for every occurrence of that owner object). */
  ownerIndexOf(i: number): number {
    return this.field(i, OWNER);
  }

  /** The i-th occurrence, made now (its notes and owner shared with the others, read only). */
  at(i: number): Occurrence {
    const c = this.chunks[i >>> CHUNK_BITS];
    const r = (i & (CHUNK - 1)) * WIDTH;
    return {
      owner: this.owners.items[c[r + OWNER]],
      activity: this.activities.items[c[r + ACTIVITY]],
      label: this.labels.items[c[r + LABEL]],
      term: c[r + TERM],
      number: this.numbers.items[c[r + NUMBER]],
      window: [c[r + FROM], c[r + TO]],
      target: c[r + TARGET],
      series: c[r + SERIES] < 0 ? null : this.serieses.items[c[r + SERIES]],
      minGap: c[r + GAP],
      movedFrom: c[r + MOVED] < 0 ? null : this.moves[c[r + MOVED]],
      notes: c[r + NOTES] < 0 ? NO_NOTES : this.noteLists.items[c[r + NOTES]],
    };
  }

  private field(i: number, at: number): number {
    return this.chunks[i >>> CHUNK_BITS][(i & (CHUNK - 1)) * WIDTH + at];
  }

  /** The i-th occurrence's activity, owner and target, without making the occurrence. */
  activityOf(i: number): Activity {
    return this.activities.items[this.field(i, ACTIVITY)];
  }
  ownerOf(i: number): Owner {
    return this.owners.items[this.field(i, OWNER)];
  }
  targetOf(i: number): number {
    return this.field(i, TARGET);
  }

  *[Symbol.iterator](): Iterator<Occurrence> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Lets every occurrence go (the scheduler, once each is placed): the chunks are the memory. */
  clear(): void {
    this.chunks.length = 0;
    this.length = 0;
  }

  /** Every occurrence as an object (for tests). */
  toArray(): Occurrence[] {
    return Array.from(this);
  }
}
