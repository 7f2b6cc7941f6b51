// What the year drops (in a holiday, on a closure with no later day that week, before a school's
// first date): each occurrence held as two numbers, its group's (activity, day or term, reason)
// and its school's (URN and name, each school held once), not as an object of its own. A weekly
// cadence's holiday weeks for every school in England are 176,000 of them: ~16 MB as objects
// (issue 13: memory), ~2.5 MB so. Pure.

/** One occurrence that is due but dropped, not moved: whose, of what, when, and why. */
export interface Dropped {
  urn: number | null;
  name: string;
  activity: string;
  activity_id: string;
  term: number | null;
  date: string | null;
  reason: string;
}

/** Occurrences dropped alike: one activity, on one day (or in one term), for one reason; whose they were. */
export interface DroppedGroup {
  activity: string;
  activity_id: string;
  term: number | null;
  date: string | null;
  reason: string;
  /** Each school (or trust, or all schools: no URN) it was dropped for. */
  owners: Readonly<{ urn: number | null; name: string }>[];
}

type Alike = Omit<DroppedGroup, 'owners'>;

/** The dropped occurrences in the order dropped, each read as a Dropped object made when it is read. */
export class DroppedList implements Iterable<Dropped> {
  /** Each group's activity, day or term, and reason, in the order first met. */
  private readonly alike: Alike[] = [];
  /** The groups by date, then reason (a few each): no key text joined for each occurrence. */
  private readonly byDate = new Map<string | null, Map<string, number[]>>();
  /** Each school (or trust, or all schools) dropped for, once: read, never changed. */
  private readonly owners: Readonly<{ urn: number | null; name: string }>[] = [];
  /** Each owner's number: a school's by URN, another's by name; a school met by a second name by both. */
  private readonly ownerByUrn = new Map<number, number>();
  private readonly ownerByName = new Map<string, number>();
  private readonly renamed = new Map<string, number>();
  /** Each occurrence's group and owner, in the order dropped. */
  private groupOf = new Int32Array(64);
  private ownerOf = new Int32Array(64);
  private count = 0;

  constructor(items: Iterable<Dropped> = []) {
    for (const d of items) this.add(d.urn, d.name, d.activity, d.activity_id, d.term, d.date, d.reason);
  }

  /** How many are held. */
  get length(): number {
    return this.count;
  }

  add(
    urn: number | null,
    name: string,
    activity: string,
    activity_id: string,
    term: number | null,
    date: string | null,
    reason: string,
  ): void {
    this.addTo(this.groupNumber(activity, activity_id, term, date, reason), urn, name);
  }

  /**
   * The number of the group of occurrences dropped alike (one activity, on one day or in one term,
   * for one reason), added the first time it is asked for: asked once for the many owners whose
   * cadence drops the same step (core/calendar.ts), then given to addTo for each.
   */
  groupNumber(activity: string, activity_id: string, term: number | null, date: string | null, reason: string): number {
    let byReason = this.byDate.get(date);
    if (!byReason) this.byDate.set(date, (byReason = new Map()));
    let groups = byReason.get(reason);
    if (!groups) byReason.set(reason, (groups = []));
    let group = groups.find((g) => {
      const a = this.alike[g];
      return a.activity_id === activity_id && a.activity === activity && a.term === term;
    });
    if (group === undefined) {
      group = this.alike.push({ activity, activity_id, term, date, reason }) - 1;
      groups.push(group);
    }
    return group;
  }

  /** Adds one dropped occurrence of a group (groupNumber) for an owner. */
  addTo(group: number, urn: number | null, name: string): void {
    if (this.count === this.groupOf.length) this.grow();
    this.groupOf[this.count] = group;
    this.ownerOf[this.count] = this.ownerNumber(urn, name);
    this.count++;
  }

  /** The owner's number, added the first time it is met (a school met by another name is held apart). */
  private ownerNumber(urn: number | null, name: string): number {
    const found = urn === null ? this.ownerByName.get(name) : this.ownerByUrn.get(urn);
    if (found === undefined) {
      const n = this.owners.push(Object.freeze({ urn, name })) - 1;
      if (urn === null) this.ownerByName.set(name, n);
      else this.ownerByUrn.set(urn, n);
      return n;
    }
    if (this.owners[found].name === name) return found;
    // Only a school (by URN) can be met by a name other than its first: found by both, held once.
    const key = `${urn} ${name}`;
    let n = this.renamed.get(key);
    if (n === undefined) this.renamed.set(key, (n = this.owners.push(Object.freeze({ urn, name })) - 1));
    return n;
  }

  private grow(): void {
    const size = this.count * 2;
    const groupOf = new Int32Array(size);
    const ownerOf = new Int32Array(size);
    groupOf.set(this.groupOf);
    ownerOf.set(this.ownerOf);
    [this.groupOf, this.ownerOf] = [groupOf, ownerOf];
  }

  *[Symbol.iterator](): Iterator<Dropped> {
    for (let i = 0; i < this.length; i++) {
      const { activity, activity_id, term, date, reason } = this.alike[this.groupOf[i]];
      const { urn, name } = this.owners[this.ownerOf[i]];
      yield { urn, name, activity, activity_id, term, date, reason };
    }
  }

  /**
   * Each group with every school (or trust) it dropped for that `keep` keeps (all without it): a
   * weekly cadence's holiday weeks are the same few lines for every school. By date (then term,
   * for those with no one day), activity and reason; each group's schools by URN (a trust's first,
   * by name), as dropped on a tie. Groups left with no one are left out.
   */
  groups(keep?: (urn: number | null, term: number | null) => boolean): DroppedGroup[] {
    const all: DroppedGroup[] = this.alike.map((a) => ({ ...a, owners: [] }));
    for (let i = 0; i < this.length; i++) {
      const group = all[this.groupOf[i]];
      const owner = this.owners[this.ownerOf[i]];
      if (keep === undefined || keep(owner.urn, group.term)) group.owners.push(owner);
    }
    const s = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const groups = all.filter((g) => g.owners.length > 0);
    for (const g of groups) g.owners.sort((a, b) => (a.urn ?? 0) - (b.urn ?? 0) || s(a.name, b.name));
    return groups.sort(
      (a, b) =>
        s(a.date ?? '', b.date ?? '') ||
        (a.term ?? 0) - (b.term ?? 0) ||
        s(a.activity, b.activity) ||
        s(a.activity_id, b.activity_id) ||
        s(a.reason, b.reason),
    );
  }
}
