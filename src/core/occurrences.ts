// The occurrences due in a year, held column-wise until each is placed (issue 13: memory): for
// every school in England they are a million, and an object of eleven fields and a window each
// was 190 MB held at once. Each is a row of numbers (see below); an Occurrence object is made
// again only when one is placed. Pure.
import type { Activity, Occurrence, Owner } from './calendar.js';
import { Interned, InternedRows } from './interned.js';

/** The notes of an occurrence with none: one list, read and never changed. */
const NO_NOTES: string[] = [];

// An occurrence is a row of four numbers (its owner, shape, target and series) and its window as
// two days from the target. What it shares with many others (its activity, label, number, term,
// gap, notes and move) is its shape, held once in a table (interned.ts): a row is 20 bytes, not
// the 48 of a number for each (issue 13: memory). Rows are in chunks of a fixed size, added as the
// list grows, never copied into a larger one (a grown copy leaves the old one for the collector,
// and a million occurrences grown that way held three times their size at once).
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

export class Occurrences implements Iterable<Occurrence> {
  length = 0;
  private readonly owners = new Interned<Owner>();
  private readonly activities = new Interned<Activity>();
  private readonly labels = new Interned<string>();
  private readonly numbers = new Interned<string>();
  private readonly serieses = new Interned<string>();
  private readonly noteLists = new Interned<string[]>();
  private readonly moves = new Interned<NonNullable<Occurrence['movedFrom']>>();
  private readonly shapes = new InternedRows(SHAPE_WIDTH);
  /** The shape being asked for, filled in place: no list made for each occurrence. */
  private readonly shape = new Int32Array(SHAPE_WIDTH);
  /** The shape of each step of an activity's series, by its activity's number (see series). */
  private readonly stepShapes = new Map<number, number[]>();
  private readonly chunks: Int32Array[] = [];
  private readonly windows: Int16Array[] = [];
  /** The windows of the rows whose window is marked WIDE, by row. */
  private readonly wide = new Map<number, [number, number]>();

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
      null,
      0,
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
    // The shape of each step, shared by the activity's series: most owners' k-th step is the same
    // shape, so it is checked against the last one's, not hashed.
    let steps = this.stepShapes.get(activityAt);
    if (!steps) this.stepShapes.set(activityAt, (steps = []));
    let step = 0;
    return (term, number, window, target, movedFrom) =>
      this.row(
        ownerAt,
        activityAt,
        labelAt,
        seriesAt,
        minGap,
        notesAt,
        term,
        number,
        window,
        target,
        movedFrom,
        steps,
        step++,
      );
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
    steps: number[] | null,
    step: number,
  ): void {
    if ((this.length & (CHUNK - 1)) === 0) {
      this.chunks.push(new Int32Array(CHUNK * WIDTH));
      this.windows.push(new Int16Array(CHUNK * WINDOW));
    }
    const i = this.length++;
    const numberAt = this.numbers.ofItem(number);
    const moved = movedFrom === null ? -1 : this.moves.ofItem(movedFrom);
    const c = this.chunks[i >>> CHUNK_BITS];
    const r = (i & (CHUNK - 1)) * WIDTH;
    c[r + OWNER] = owner;
    // The shape this step had in the activity's last series, if it is this one (compared here,
    // field by field: a million occurrences), else the shape found or added by hash.
    let shapeAt = steps === null || step >= steps.length ? -1 : steps[step];
    if (shapeAt >= 0) {
      const rows = this.shapes.rows;
      const s = shapeAt * SHAPE_WIDTH;
      if (
        rows[s + ACTIVITY] !== activity ||
        rows[s + LABEL] !== label ||
        rows[s + NUMBER] !== numberAt ||
        rows[s + TERM] !== term ||
        rows[s + GAP] !== gap ||
        rows[s + NOTES] !== notes ||
        rows[s + MOVED] !== moved
      )
        shapeAt = -1;
    }
    if (shapeAt < 0) {
      const shape = this.shape;
      shape[ACTIVITY] = activity;
      shape[LABEL] = label;
      shape[NUMBER] = numberAt;
      shape[TERM] = term;
      shape[GAP] = gap;
      shape[NOTES] = notes;
      shape[MOVED] = moved;
      shapeAt = this.shapes.of(shape);
      if (steps !== null) steps[step] = shapeAt;
    }
    c[r + SHAPE] = shapeAt;
    c[r + TARGET] = target;
    c[r + SERIES] = series;
    const w = this.windows[i >>> CHUNK_BITS];
    const at = (i & (CHUNK - 1)) * WINDOW;
    const from = window[0] - target;
    const to = window[1] - target;
    if (from >= -NEAR && from <= NEAR && to >= -NEAR && to <= NEAR) {
      w[at + FROM] = from;
      w[at + TO] = to;
    } else {
      w[at + FROM] = WIDE;
      this.wide.set(i, [window[0], window[1]]);
    }
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
    const s = c[r + SHAPE] * SHAPE_WIDTH;
    const shapes = this.shapes.rows;
    const target = c[r + TARGET];
    const w = this.windows[i >>> CHUNK_BITS];
    const at = (i & (CHUNK - 1)) * WINDOW;
    const wide = w[at + FROM] === WIDE ? this.wide.get(i) : undefined;
    const moved = shapes[s + MOVED];
    const notes = shapes[s + NOTES];
    return {
      owner: this.owners.items[c[r + OWNER]],
      activity: this.activities.items[shapes[s + ACTIVITY]],
      label: this.labels.items[shapes[s + LABEL]],
      term: shapes[s + TERM],
      number: this.numbers.items[shapes[s + NUMBER]],
      window: wide ? [wide[0], wide[1]] : [target + w[at + FROM], target + w[at + TO]],
      target,
      series: c[r + SERIES] < 0 ? null : this.serieses.items[c[r + SERIES]],
      minGap: shapes[s + GAP],
      movedFrom: moved < 0 ? null : this.moves.items[moved],
      notes: notes < 0 ? NO_NOTES : this.noteLists.items[notes],
    };
  }

  private field(i: number, at: number): number {
    return this.chunks[i >>> CHUNK_BITS][(i & (CHUNK - 1)) * WIDTH + at];
  }

  /** The i-th occurrence's activity, owner and target, without making the occurrence. */
  activityOf(i: number): Activity {
    return this.activities.items[this.shapes.get(this.field(i, SHAPE), ACTIVITY)];
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
    this.windows.length = 0;
    this.wide.clear();
    this.length = 0;
  }

  /** Every occurrence as an object (for tests). */
  toArray(): Occurrence[] {
    return Array.from(this);
  }
}
