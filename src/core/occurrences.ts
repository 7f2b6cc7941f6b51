// The occurrences due in a year, held column-wise until each is placed (issue 13: memory): for
// every school in England they are a million, and an object of eleven fields and a window each
// was 190 MB held at once. Each is a row of numbers (see below), read back into one reused
// Occurrence (a cursor) as it is placed. Pure.
import type { Activity, Occurrence, Owner } from './calendar.js';
import { Interned, InternedRows, KeyedTable } from './interned.js';
import { letGo } from './let-go.js';

/** The notes of an occurrence with none: one list, read and never changed. */
const NO_NOTES: string[] = [];

/** What occurrences of one shape share, as each reads back. */
type Shape = Pick<Occurrence, 'activity' | 'label' | 'term' | 'number' | 'minGap' | 'movedFrom' | 'notes'>;

// An occurrence is a row of four numbers (its owner, shape, target and series) and its window as
// two days from the target. What it shares with many others (its activity, label, number, term,
// gap, notes and move) is its shape, held once in a table (interned.ts): a row is 20 bytes, not
// the 48 of a number for each (issue 13: memory). Whoever adds occurrences asks for a shape once
// for the many alike (issue 13: speed), and each shape is kept as it reads back too, so reading an
// occurrence back reads one object for it, not seven tables. Rows are in chunks of a fixed size,
// added as the list grows, never copied into a larger one (a grown copy leaves the old one for the
// collector, and a million occurrences grown that way held three times their size at once).
const OWNER = 0;
const SHAPE = 1;
const TARGET = 2;
const SERIES = 3;
const WIDTH = 4;
// The window, from and to as days from the target, in a chunk of its own.
const FROM = 0;
const TO = 1;
const WINDOW = 2;
/** A window too far from its target for its days to fit: it is in `wide` instead. */
const WIDE = -0x8000;
const NEAR = 0x7fff;
// A shape's numbers, in this order.
const ACTIVITY = 0;
const LABEL = 1;
const NUMBER = 2;
const TERM = 3;
const GAP = 4;
const NOTES = 5;
const MOVED = 6;
const SHAPE_WIDTH = 7;
const CHUNK_BITS = 15;
const CHUNK = 1 << CHUNK_BITS;

const newSeriesMap = () => new Map<string, number>();
/** No target yet (placingKeys' span). */
const NO_FIRST = 0x7fffffff;
const NO_LAST = -0x80000000;

export class Occurrences implements Iterable<Occurrence> {
  length = 0;
  private readonly owners = new Interned<Owner>();
  private readonly activities = new Interned<Activity>();
  private readonly labels = new Interned<string>();
  private readonly numbers = new Interned<string>();
  /** The series' names (Occurrence.series), by number ... */
  private readonly seriesNames: string[] = [];
  /** ... and their numbers by activity id, then owner key (see seriesNumber). */
  private readonly serieses = new KeyedTable<string, Map<string, number>>();
  private readonly noteLists = new Interned<string[]>();
  private readonly moves = new Interned<NonNullable<Occurrence['movedFrom']>>();
  /** Each shape as numbers (for finding it again by hash) ... */
  private readonly shapes = new InternedRows(SHAPE_WIDTH);
  /** ... and as what it reads back as, by its number. */
  private readonly shared: Shape[] = [];
  /** The shape being asked for, filled in place: no list made for each ask. */
  private readonly shape = new Int32Array(SHAPE_WIDTH);
  private readonly chunks: Int32Array[] = [];
  private readonly windows: Int16Array[] = [];
  /** The windows of the rows whose window is marked WIDE, by row. */
  private readonly wide = new Map<number, [number, number]>();
  /** The least and greatest target added: the span of placingKeys' keys. */
  private firstTarget = NO_FIRST;
  private lastTarget = NO_LAST;

  push(o: Occurrence): void {
    this.add(
      this.ownerNumber(o.owner),
      this.shapeOf(o.activity, o.label, o.term, o.number, o.minGap, o.notes, o.movedFrom),
      o.series === null ? -1 : this.seriesOf(o),
      o.window[0],
      o.window[1],
      o.target,
    );
  }

  /** An owner's number (the same for every occurrence of that owner object): for `add`. */
  ownerNumber(owner: Owner): number {
    return this.owners.ofItem(owner);
  }

  /**
   * The number of an owner's series of an activity (a cadence), for `add`: found by the activity's
   * id and the owner's key (strings made once, which keep their hashes), and named
   * `OWNER_KEY|ACTIVITY_ID` (its Occurrence.series) when it is new, not made and hashed again for
   * every owner of every cadence.
   */
  seriesNumber(activityId: string, ownerKey: string): number {
    const byKey = this.serieses.items[this.serieses.of(activityId, newSeriesMap)];
    let at = byKey.get(ownerKey);
    if (at === undefined) {
      at = this.seriesNames.push(`${ownerKey}|${activityId}`) - 1;
      byKey.set(ownerKey, at);
    }
    return at;
  }

  /** A pushed occurrence's series' number: its series is its owner's of its activity, by name. */
  private seriesOf(o: Occurrence): number {
    const at = this.seriesNumber(o.activity.id, o.owner.key);
    if (this.seriesNames[at] !== o.series)
      throw new RangeError(`series "${o.series}" is not "${this.seriesNames[at]}", its owner's of its activity`);
    return at;
  }

  /**
   * The number of what occurrences share (their activity, label, term, number, gap, notes and
   * move), for `add`: asked for once for the many occurrences alike (one term's activity for
   * every school, one step of a cadence), not for each.
   */
  shapeOf(
    activity: Activity,
    label: string,
    term: number,
    number: string,
    minGap: number,
    notes: string[],
    movedFrom: Occurrence['movedFrom'],
  ): number {
    const shape = this.shape;
    shape[ACTIVITY] = this.activities.ofItem(activity);
    shape[LABEL] = this.labels.ofItem(label);
    shape[NUMBER] = this.numbers.ofItem(number);
    shape[TERM] = term;
    shape[GAP] = minGap;
    shape[NOTES] = notes.length === 0 ? -1 : this.noteLists.ofItem(notes);
    shape[MOVED] = movedFrom === null ? -1 : this.moves.ofItem(movedFrom);
    const at = this.shapes.of(shape);
    if (at === this.shared.length)
      this.shared.push({
        activity,
        label,
        term,
        number,
        minGap,
        movedFrom,
        notes: notes.length === 0 ? NO_NOTES : notes,
      });
    return at;
  }

  /**
   * Adds an occurrence by its owner's, shape's and series' numbers (-1 for no series; see
   * ownerNumber, shapeOf and seriesNumber), its window (first and last day) and its target.
   */
  add(owner: number, shape: number, series: number, from: number, to: number, target: number): void {
    if ((this.length & (CHUNK - 1)) === 0) {
      this.chunks.push(new Int32Array(CHUNK * WIDTH));
      this.windows.push(new Int16Array(CHUNK * WINDOW));
    }
    const i = this.length++;
    const c = this.chunks[i >>> CHUNK_BITS];
    const r = (i & (CHUNK - 1)) * WIDTH;
    c[r + OWNER] = owner;
    c[r + SHAPE] = shape;
    c[r + TARGET] = target;
    c[r + SERIES] = series;
    if (target < this.firstTarget) this.firstTarget = target;
    if (target > this.lastTarget) this.lastTarget = target;
    const w = this.windows[i >>> CHUNK_BITS];
    const at = (i & (CHUNK - 1)) * WINDOW;
    const near = from - target;
    const far = to - target;
    if (near >= -NEAR && near <= NEAR && far >= -NEAR && far <= NEAR) {
      w[at + FROM] = near;
      w[at + TO] = far;
    } else {
      w[at + FROM] = WIDE;
      this.wide.set(i, [from, to]);
    }
  }

  /** Series held so far: a series' index (seriesIndexOf) is below this. */
  get seriesCount(): number {
    return this.seriesNames.length;
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

  /** The i-th occurrence, made now (its owner, notes and move are shared with others: read only). */
  at(i: number): Occurrence {
    return this.point(this.cursor(), i);
  }

  /**
   * An occurrence to re-point at one row after another with `point`: made once for all of them,
   * and read only once pointed (its owner and activity are nothing until then).
   */
  cursor(): Occurrence {
    // The fields in the order of every other Occurrence written out (topUp's), so the scheduler
    // reads one shape of object.
    return {
      owner: null as unknown as Owner,
      activity: null as unknown as Activity,
      label: '',
      term: 0,
      number: '',
      window: [0, 0],
      target: 0,
      series: null,
      minGap: 0,
      movedFrom: null,
      notes: NO_NOTES,
    };
  }

  /**
   * Re-points a cursor (see `cursor`) at the i-th occurrence, its window too, and returns it: the
   * scheduler places a million occurrences through one object, not an object made for each (186 MB
   * of them for England; issue 13: speed). Whoever keeps any of it past the next `point` must copy
   * what it keeps (its owner, notes and move are shared with others, and read only).
   */
  point(o: Occurrence, i: number): Occurrence {
    const c = this.chunks[i >>> CHUNK_BITS];
    const r = (i & (CHUNK - 1)) * WIDTH;
    const shape = this.shared[c[r + SHAPE]];
    const target = c[r + TARGET];
    const series = c[r + SERIES];
    const w = this.windows[i >>> CHUNK_BITS];
    const at = (i & (CHUNK - 1)) * WINDOW;
    const near = w[at + FROM];
    const window = o.window;
    if (near === WIDE) {
      const wide = this.wide.get(i) as [number, number];
      window[0] = wide[0];
      window[1] = wide[1];
    } else {
      window[0] = target + near;
      window[1] = target + w[at + TO];
    }
    o.owner = this.owners.items[c[r + OWNER]];
    o.activity = shape.activity;
    o.label = shape.label;
    o.term = shape.term;
    o.number = shape.number;
    o.target = target;
    o.series = series < 0 ? null : this.seriesNames[series];
    o.minGap = shape.minGap;
    o.movedFrom = shape.movedFrom;
    o.notes = shape.notes;
    return o;
  }

  private field(i: number, at: number): number {
    return this.chunks[i >>> CHUNK_BITS][(i & (CHUNK - 1)) * WIDTH + at];
  }

  /** The i-th occurrence's activity and owner, without reading the whole occurrence. */
  activityOf(i: number): Activity {
    return this.shared[this.field(i, SHAPE)].activity;
  }
  ownerOf(i: number): Owner {
    return this.owners.items[this.field(i, OWNER)];
  }

  /**
   * Each occurrence's key in the order it is placed (hardestFirst) into `keys`: its rank (0 for an
   * activity of more than one day, 1 for one of a series, 2 for the rest) times the span of the
   * targets, plus its target from the first. Returns that span: the keys are below three times it.
   * Each row read once.
   */
  placingKeys(keys: Int32Array): number {
    const size = this.length === 0 ? 0 : this.lastTarget - this.firstTarget + 1;
    const first = this.firstTarget;
    // Whether each shape's activity is of more than one day, read once for each shape, not from
    // its activity (objects of many shapes) for each of a million rows.
    const multiDay = Uint8Array.from(this.shared, (shape) => (shape.activity.days > 1 ? 1 : 0));
    for (let i = 0; i < this.length; i++) {
      const c = this.chunks[i >>> CHUNK_BITS];
      const r = (i & (CHUNK - 1)) * WIDTH;
      const rank = multiDay[c[r + SHAPE]] === 1 ? 0 : c[r + SERIES] >= 0 ? 1 : 2;
      keys[i] = rank * size + c[r + TARGET] - first;
    }
    return size;
  }

  *[Symbol.iterator](): Iterator<Occurrence> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Lets every occurrence go (the scheduler, once each is placed): the chunks are the memory. */
  clear(): void {
    letGo([...this.chunks, ...this.windows]);
    this.chunks.length = 0;
    this.windows.length = 0;
    this.wide.clear();
    this.length = 0;
    this.firstTarget = NO_FIRST;
    this.lastTarget = NO_LAST;
  }

  /** Every occurrence as an object (for tests). */
  toArray(): Occurrence[] {
    return Array.from(this);
  }
}
