// One side of a comparison (sit diff) kept in columns, not objects (issue 13: two years of 900,000
// schools were two million objects): per school its URN, its outcome (the tier, days and reasons
// placed, one number: most schools share theirs with many others) and its name as UTF-8, outside
// the heap the garbage collector walks. Nothing in it points at the text it was read from, so a
// file read a piece at a time lets go of each piece.
import type { DiffEntry } from './diff.js';
import { keptValue } from './values.js';

/** Entries per piece of each column: a column grows a piece at a time, never copied whole to grow. */
const PIECE_BITS = 16;
const PIECE = 1 << PIECE_BITS;
const IN_PIECE = PIECE - 1;
/** Bytes per piece of the names (a longer name gets a piece of its own size). */
const NAME_PIECE = 1 << 20;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes `text` as UTF-8 into `bytes` at `at` (room enough), returning where it ends: most names are ASCII, copied a unit at a time. */
function writeUtf8(text: string, bytes: Uint8Array, at: number): number {
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    if (unit >= 0x80) return at - k + encoder.encodeInto(text, bytes.subarray(at - k)).written;
    bytes[at++] = unit;
  }
  return at;
}

export class DiffEntries {
  #count = 0;
  readonly #urns: Float64Array[] = [];
  readonly #outcomes: Uint32Array[] = [];
  /** Where each name ends in its piece of #names: it starts where the one before ends, or at 0 for a piece's first. */
  readonly #nameEnds: Uint32Array[] = [];
  readonly #names: Uint8Array[] = [];
  /** The first entry whose name is in each piece of #names. */
  readonly #firstNames: number[] = [];
  #nameBytes = 0;
  /** Each outcome's tier, days and reasons (in three lists: an object each was a tenth of the heap). */
  readonly #outcomeTiers: (string | null)[] = [];
  readonly #outcomeDays: (number | null)[] = [];
  readonly #outcomeReasons: string[][] = [];
  readonly #outcomeIds = new Map<string, number>();
  readonly #texts: string[] = [];
  readonly #textIds = new Map<string, number>();
  #byUrn: Uint32Array | null = null;
  readonly #named: ((urn: number) => boolean) | null;
  /** Whether every URN is a whole number from 0 to 2^32 (a 6-digit URN is). */
  #smallUrns = true;

  /**
   * `named`: whether a school's name is kept (without it, read back as ""); the year compared with
   * names the schools it has, so their names here are never read.
   */
  constructor(named: ((urn: number) => boolean) | null = null) {
    this.#named = named;
  }

  /** The entries of a list (a small side, or a test). */
  static of(entries: Iterable<DiffEntry>, named: ((urn: number) => boolean) | null = null): DiffEntries {
    const kept = new DiffEntries(named);
    for (const entry of entries) kept.add(entry);
    return kept;
  }

  get size(): number {
    return this.#count;
  }

  /** The tiers the entries name (null for a school that needs data), each once. */
  tiers(): (string | null)[] {
    return [...new Set(this.#outcomeTiers)];
  }

  add(entry: DiffEntry): void {
    const i = this.#count;
    const at = i & IN_PIECE;
    if (at === 0) {
      this.#urns.push(new Float64Array(PIECE));
      this.#outcomes.push(new Uint32Array(PIECE));
      this.#nameEnds.push(new Uint32Array(PIECE));
    }
    const piece = i >>> PIECE_BITS;
    this.#urns[piece][at] = entry.urn;
    if (!(Number.isInteger(entry.urn) && entry.urn >= 0 && entry.urn < 2 ** 32)) this.#smallUrns = false;
    this.#outcomes[piece][at] = this.#outcomeOf(entry);
    const name = this.#named === null || this.#named(entry.urn) ? entry.name : '';
    // A UTF-8 character is at most 3 bytes for each UTF-16 unit of the name.
    const room = name.length * 3;
    let names = this.#names[this.#names.length - 1];
    if (names === undefined || this.#nameBytes + room > names.length) {
      names = new Uint8Array(Math.max(NAME_PIECE, room));
      this.#names.push(names);
      this.#firstNames.push(i);
      this.#nameBytes = 0;
    }
    this.#nameBytes = writeUtf8(name, names, this.#nameBytes);
    this.#nameEnds[piece][at] = this.#nameBytes;
    this.#count = i + 1;
    this.#byUrn = null;
  }

  #outcomeOf(entry: DiffEntry): number {
    // By the numbers of its texts: the outcomes are many (a reason names the values seen) but
    // their reasons few, each kept once. Joined, the key is one flat text, not a text of pieces.
    const key = [entry.tier === null ? -1 : this.#textId(entry.tier), entry.days];
    for (const reason of entry.reasons) key.push(this.#textId(reason));
    const joined = key.join(',');
    let id = this.#outcomeIds.get(joined);
    if (id === undefined) {
      id = this.#outcomeTiers.length;
      const texts = this.#texts;
      this.#outcomeTiers.push(entry.tier === null ? null : texts[this.#textId(entry.tier)]);
      this.#outcomeDays.push(entry.days);
      this.#outcomeReasons.push(entry.reasons.map((r) => texts[this.#textId(r)]));
      this.#outcomeIds.set(joined, id);
    }
    return id;
  }

  /** The number of a tier's or reason's text, kept as its own copy (a text cut from the file read would keep all of it alive). */
  #textId(text: string): number {
    let id = this.#textIds.get(text);
    if (id === undefined) {
      id = this.#texts.length;
      const copy = keptValue(text);
      this.#texts.push(copy);
      this.#textIds.set(copy, id);
    }
    return id;
  }

  urn(i: number): number {
    return this.#urns[i >>> PIECE_BITS][i & IN_PIECE];
  }

  /** The tier of entry `i` (without making the entry). */
  tier(i: number): string | null {
    return this.#outcomeTiers[this.#outcomes[i >>> PIECE_BITS][i & IN_PIECE]];
  }

  name(i: number): string {
    // The piece of #names that holds it: the last whose first entry is not after it.
    const first = this.#firstNames;
    let lo = 0;
    let hi = first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (first[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    const end = this.#nameEnds[i >>> PIECE_BITS][i & IN_PIECE];
    const start = i === first[lo] ? 0 : this.#nameEnds[(i - 1) >>> PIECE_BITS][(i - 1) & IN_PIECE];
    return start === end ? '' : decoder.decode(this.#names[lo].subarray(start, end));
  }

  /** Entry `i` as an object; entries placed alike share one reasons array, never to be changed. */
  entry(i: number): DiffEntry {
    const outcome = this.#outcomes[i >>> PIECE_BITS][i & IN_PIECE];
    return {
      urn: this.urn(i),
      name: this.name(i),
      tier: this.#outcomeTiers[outcome],
      days: this.#outcomeDays[outcome],
      reasons: this.#outcomeReasons[outcome],
    };
  }

  /**
   * The entries in order of URN, each URN once: where a URN is given twice, the last given (as a
   * map by URN keeps it).
   */
  byUrn(): Uint32Array {
    if (this.#byUrn) return this.#byUrn;
    const count = this.#count;
    const order = new Uint32Array(count);
    // Each URN and entry as one number, sorted as numbers (no comparing function called a million
    // times): while both are whole and small enough that URN * 2^21 + entry is exact.
    if (this.#smallUrns && count <= 2 ** 21) {
      const keys = new Float64Array(count);
      for (let i = 0; i < count; i++) keys[i] = this.urn(i) * 2 ** 21 + i;
      keys.sort();
      for (let k = 0; k < count; k++) order[k] = keys[k] % 2 ** 21;
    } else {
      for (let i = 0; i < count; i++) order[i] = i;
      order.sort((a, b) => this.urn(a) - this.urn(b) || a - b);
    }
    let kept = 0;
    for (let k = 0; k < count; k++)
      if (k + 1 === count || this.urn(order[k + 1]) !== this.urn(order[k])) order[kept++] = order[k];
    this.#byUrn = order.subarray(0, kept);
    return this.#byUrn;
  }

  /** The entry with this URN (the last given), or -1. */
  find(urn: number): number {
    const order = this.byUrn();
    let lo = 0;
    let hi = order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.urn(order[mid]);
      if (at === urn) return order[mid];
      if (at < urn) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
