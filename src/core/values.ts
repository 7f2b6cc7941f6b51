// Parsers for one cell each. They take the text as a file gives it and return the canonical
// value, null for "no value", or a Problem naming what was expected. No I/O, no throwing.

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; expected: string };

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const bad = (expected: string): Parsed<never> => ({ ok: false, expected });

/** Markers that public files (DfE, Ofsted) use for "no value" (SPEC section 3). */
const NO_VALUE = new Set([
  '',
  'null',
  'na',
  'n/a',
  'supp',
  'ne',
  'np',
  'lowcov',
  'x',
  'z',
  'c',
  'u',
  '..',
  'not judged',
  'not applicable',
  '-',
]);

export function isNoValue(raw: string): boolean {
  // No marker starts with a digit: most cells (numbers, dates) are decided without a copy.
  const first = raw.charCodeAt(0);
  if (first >= 48 && first <= 57) return false;
  return NO_VALUE.has(raw.trim().toLowerCase());
}

/** Lower-case, and fold spaces, hyphens and underscores away: how headers and words are matched. */
export function fold(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = text.toLowerCase().replace(/[\s_-]+/g, '');
    if (FOLDED.size < KEPT) {
      // Text with nothing to fold comes back as itself: keep the copy, not the cell.
      const key = ownCopy(text);
      FOLDED.set(key, folded === text ? key : folded);
    }
  }
  return folded;
}

// A file repeats its words (grades, phases, capacities) in every row, and a rule compares them in
// every school: each is folded once. Bounded, so a column of distinct names cannot grow it.
const FOLDED = new Map<string, string>();
const KEPT = 10_000;

/**
 * A copy of a cell's text that holds nothing else: a cell split from a line can keep the whole
 * chunk of the file it came from alive, which a kept key must not.
 */
const ownCopy = (text: string) => ` ${text}`.slice(1);

/** A value as a kept key or answer: a text its own copy (see ownCopy), anything else as it is. */
export const keptValue = <T>(value: T): T => (typeof value === 'string' ? (ownCopy(value) as T) : value);

/**
 * A cell parser that reads each distinct text once: most columns hold a few values (grades,
 * phases, capacities, dates of a term) in row after row. Bounded like `fold`. The results are
 * shared, so they are never changed.
 */
export function remembered<T>(parse: (raw: string) => Parsed<T>): (raw: string) => Parsed<T> {
  const known = new Map<string, Parsed<T>>();
  // The first few texts are compared before the map is asked: a column of a few words (phases,
  // grades) is then read without hashing each of its cells.
  const firstTexts: string[] = [];
  const firstParsed: Parsed<T>[] = [];
  return (raw) => {
    for (let i = 0; i < firstTexts.length; i++) if (firstTexts[i] === raw) return firstParsed[i];
    let parsed = known.get(raw);
    if (parsed === undefined) {
      parsed = parse(raw);
      if (firstTexts.length < FIRST_KEPT) {
        firstTexts.push(ownCopy(raw));
        firstParsed.push(parsed);
      } else if (known.size < KEPT) known.set(ownCopy(raw), parsed);
    }
    return parsed;
  };
}
const FIRST_KEPT = 8;

// Numbers written by spreadsheets and pandas: "2.0", "94.5%", "+0.3", " 12 ", "1,234". A comma
// is a thousands separator only in groups of three: "2,8" (a decimal comma; read-table.ts turns it
// into "2.8" in a semicolon file) is refused rather than read as 28. Infinity is not a number.
function toNumber(raw: string): number | null {
  let text = raw.trim();
  if (text.endsWith('%')) text = text.slice(0, -1);
  if (text.includes(',')) {
    if (!/^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/.test(text)) return null;
    text = text.replace(/,/g, '');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Six digits, as written or as pandas writes a whole number ("100001.0"); not 1e5, 100001% or .100001e6. */
export function parseUrn(raw: string): Parsed<number> {
  const m = /^\s*(\d{6})(?:\.0*)?\s*$/.exec(raw);
  const n = m ? Number(m[1]) : null;
  if (n === null || n < 100000) return bad('a 6-digit URN (100000-999999)');
  return ok(n);
}

export function parseText(raw: string): Parsed<string> {
  const text = raw.trim();
  return ok(isNoValue(text) ? null : text);
}

/** Plain text where "NA" or "x" might be a real value (a school name, a reason): only blank is blank. */
export function parseFreeText(raw: string): Parsed<string> {
  const text = raw.trim();
  return ok(text === '' ? null : text);
}

/**
 * A plain decimal ("96.5", "-0.57", "12": digits, at most one point with a digit after it, a
 * minus), read without a pattern or a copy; NaN for any other text, which toNumber reads. With at
 * most 15 digits the digits make an exact whole number and the point an exact power of ten, so
 * the one division gives the number Number(text) gives.
 */
function plainDecimal(raw: string): number {
  const length = raw.length;
  let i = raw.charCodeAt(0) === 45 ? 1 : 0;
  if (length - i < 1 || length - i > 15) return Number.NaN;
  let whole = 0;
  let scale = 1;
  let point = -1;
  for (; i < length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      if (point >= 0) scale *= 10;
    } else if (c === 46 && point < 0 && i > 0 && raw.charCodeAt(i - 1) !== 45 && i + 1 < length) point = i;
    else return Number.NaN;
  }
  const n = whole / scale;
  return raw.charCodeAt(0) === 45 ? -n : n;
}

/**
 * The common cells of the kinds below, read at once to the value their full parser gives (no
 * pattern, no copy, no result object); undefined for anything else, which the full parser reads,
 * with its words for a wrong value. A property test holds each to its parser.
 */
export function quickNumber(raw: string): number | undefined {
  const n = plainDecimal(raw);
  return Number.isNaN(n) ? undefined : n;
}

export function quickPercent(raw: string): number | undefined {
  const n = plainDecimal(raw);
  return n >= 0 && n <= 100 ? n : undefined;
}

export function quickCount(raw: string): number | undefined {
  const n = plainDecimal(raw);
  return n >= 0 && Number.isInteger(n) ? n : undefined;
}

/** Six digits and nothing else: the URN they write. */
export function quickUrn(raw: string): number | undefined {
  if (raw.length !== 6) return undefined;
  const n = digitsOnly(raw, 0, 6);
  return n >= 100000 ? n : undefined;
}

/** A cell with a printable ASCII character at each end: there is nothing around it to trim. */
function plainEnds(raw: string): boolean {
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/** The lengths of the no-value markers: a text of any other length is not one. */
const MARKER_LENGTHS = new Set([...NO_VALUE].map((marker) => marker.length));

/** Free text with nothing to trim: itself. */
export const quickFreeText = (raw: string): string | undefined => (plainEnds(raw) ? raw : undefined);

/** Text with nothing to trim, of a length no marker has: itself. */
export const quickText = (raw: string): string | undefined =>
  plainEnds(raw) && !MARKER_LENGTHS.has(raw.length) ? raw : undefined;

/** A real date written YYYY-MM-DD or DD/MM/YYYY: its ISO text. */
export const quickDateText = (raw: string): string | undefined => quickDate(raw) ?? undefined;

export function parseNumber(raw: string): Parsed<number> {
  if (isNoValue(raw)) return ok(null);
  const n = toNumber(raw);
  return n === null ? bad('a number') : ok(n);
}

export function parsePercent(raw: string): Parsed<number> {
  if (isNoValue(raw)) return ok(null);
  const n = toNumber(raw);
  if (n === null || n < 0 || n > 100) return bad('a percentage from 0 to 100');
  return ok(n);
}

export function parseCount(raw: string): Parsed<number> {
  if (isNoValue(raw)) return ok(null);
  const n = toNumber(raw);
  if (n === null || !Number.isInteger(n) || n < 0) return bad('a whole number, 0 or more');
  return ok(n);
}

export const OFSTED_GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
export type OfstedGrade = (typeof OFSTED_GRADES)[number];
export const OFSTED_GRADE_LABELS: Record<OfstedGrade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement',
  inadequate: 'Inadequate',
};

/**
 * Words (folded) and what each means, as a Map: a plain object would find "constructor" on
 * Object.prototype and read it as a grade or a phase.
 */
export function wordsOf<T>(words: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(words));
}

/** A cell named in words: blank is null, a known word (folded) its value, anything else `expected`. */
function wordParser<T>(words: Map<string, T>, expected: string): (raw: string) => Parsed<T> {
  return (raw) => {
    if (isNoValue(raw)) return ok(null);
    const found = words.get(fold(raw));
    return found === undefined ? bad(expected) : ok(found);
  };
}

const GRADE_WORDS = wordsOf<OfstedGrade>({
  '1': 'outstanding',
  outstanding: 'outstanding',
  '2': 'good',
  good: 'good',
  '3': 'requires-improvement',
  ri: 'requires-improvement',
  requiresimprovement: 'requires-improvement',
  satisfactory: 'requires-improvement',
  '4': 'inadequate',
  inadequate: 'inadequate',
  // GIAS writes the category in place of Inadequate.
  specialmeasures: 'inadequate',
  seriousweaknesses: 'inadequate',
});

export function parseOfstedGrade(raw: string): Parsed<OfstedGrade> {
  if (isNoValue(raw)) return ok(null);
  let key = fold(raw);
  const n = toNumber(raw);
  if (n !== null && Number.isInteger(n)) key = String(n); // "2.0" as pandas writes it
  if (key === '9' || key === 'insufficientevidence') return ok(null); // 9: not applicable in Ofsted's files
  const grade = GRADE_WORDS.get(key);
  return grade ? ok(grade) : bad('an Ofsted grade: Outstanding, Good, Requires improvement, Inadequate, RI or 1-4');
}

export const RC_GRADES = ['exceptional', 'strong', 'expected', 'needs-attention', 'urgent-improvement'] as const;
export type ReportCardGrade = (typeof RC_GRADES)[number];
export const RC_GRADE_LABELS: Record<ReportCardGrade, string> = {
  exceptional: 'Exceptional',
  strong: 'Strong standard',
  expected: 'Expected standard',
  'needs-attention': 'Needs attention',
  'urgent-improvement': 'Urgent improvement',
};

const RC_WORDS = wordsOf<ReportCardGrade>({
  exceptional: 'exceptional',
  strong: 'strong',
  strongstandard: 'strong',
  expected: 'expected',
  expectedstandard: 'expected',
  needsattention: 'needs-attention',
  urgentimprovement: 'urgent-improvement',
});

export const parseReportCardGrade = wordParser(
  RC_WORDS,
  'a report-card grade: Exceptional, Strong standard, Expected standard, Needs attention or Urgent improvement',
);

export function parseMet(raw: string): Parsed<'met' | 'not-met'> {
  if (isNoValue(raw)) return ok(null);
  const key = fold(raw);
  if (key === 'met' || key === 'yes') return ok('met');
  if (key === 'notmet' || key === 'no') return ok('not-met');
  return bad('Met or Not met');
}

export const CATEGORIES = ['SM', 'SWK', 'RSI'] as const;
export type CategoryOfConcern = (typeof CATEGORIES)[number];
const CATEGORY_WORDS = wordsOf<CategoryOfConcern>({
  sm: 'SM',
  specialmeasures: 'SM',
  swk: 'SWK',
  sw: 'SWK',
  seriousweaknesses: 'SWK',
  seriousweakness: 'SWK',
  rsi: 'RSI',
  requiressignificantimprovement: 'RSI',
});
const parseCategoryWord = wordParser(CATEGORY_WORDS, 'a category of concern: SM, SWK or RSI (or blank)');

export const parseCategory = (raw: string): Parsed<CategoryOfConcern> =>
  fold(raw) === 'none' ? ok(null) : parseCategoryWord(raw);

export const PHASES = [
  'primary',
  'secondary',
  'all-through',
  'special',
  'nursery',
  '16-plus',
  'alternative-provision',
] as const;
export type Phase = (typeof PHASES)[number];
const PHASE_WORDS = wordsOf<Phase>({
  primary: 'primary',
  infant: 'primary',
  junior: 'primary',
  middledeemedprimary: 'primary',
  secondary: 'secondary',
  middledeemedsecondary: 'secondary',
  allthrough: 'all-through',
  special: 'special',
  nursery: 'nursery',
  '16plus': '16-plus',
  post16: '16-plus',
  sixthform: '16-plus',
  alternativeprovision: 'alternative-provision',
  pru: 'alternative-provision',
  pupilreferralunit: 'alternative-provision',
});

export const parsePhase = wordParser(PHASE_WORDS, `a phase: ${PHASES.join(', ')}`);

export const CAPACITIES = ['supports-others', 'self-improving', 'needs-support', 'insufficient'] as const;
export type LeadershipCapacity = (typeof CAPACITIES)[number];

export const parseCapacity = wordParser(
  new Map(CAPACITIES.map((c) => [fold(c), c])),
  `leadership capacity: ${CAPACITIES.join(', ')}`,
);

const YES = new Set(['yes', 'y', 'true', 't', '1']);
const NO = new Set(['no', 'n', 'false', 'f', '0']);

export function parseYesNo(raw: string): Parsed<boolean> {
  if (isNoValue(raw)) return ok(null);
  const key = fold(raw);
  if (key === '9' || key === '9.0') return ok(null); // 9: not applicable in Ofsted's files
  if (YES.has(key)) return ok(true);
  if (NO.has(key)) return ok(false);
  return bad('yes or no');
}

/** The years a date in a school file may have. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2099;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The ISO text of a real date, else null (no Date object: this runs for every date cell). */
function isoDate(y: number, m: number, d: number): string | null {
  if (!isRealDate(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isRealDate(y: number, m: number, d: number): boolean {
  // No school date is before 1900 or after 2099: year 0100 is a typing slip, not a date.
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]);
}

const outOfRange = (year: number) => year < FIRST_YEAR || year > LAST_YEAR;
const DATE_EXPECTED = 'a date as YYYY-MM-DD or DD/MM/YYYY (day first)';

/**
 * Most dates are written YYYY-MM-DD or DD/MM/YYYY, all ten characters: a real one is read here
 * without a pattern (parseDate reads it the same). Null for anything else, which parseDate reads
 * in full (its words for a wrong date, and the 01/01/1900 placeholder).
 */
function quickDate(raw: string): string | null {
  if (raw.length !== 10) return null;
  // Four digits, two and two: a real date is already the ISO text isoDate would write.
  if (raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45)
    return isRealDate(digitsOnly(raw, 0, 4), digitsOnly(raw, 5, 7), digitsOnly(raw, 8, 10)) ? raw : null;
  if (raw.charCodeAt(2) === 47 && raw.charCodeAt(5) === 47) {
    const year = digitsOnly(raw, 6, 10);
    const month = digitsOnly(raw, 3, 5);
    const day = digitsOnly(raw, 0, 2);
    if (year === 1900 || !isRealDate(year, month, day)) return null;
    // Written once per date: a file repeats its dates (the start of a term) in row after row.
    const slot = daySlot(year, month, day);
    const texts = (ISO_TEXTS ??= new DaySlots(() => new Array<string | undefined>(YEAR_SLOTS))).of(slot);
    const at = slot % YEAR_SLOTS;
    let iso = texts[at];
    if (iso === undefined) texts[at] = iso = `${raw.slice(6, 10)}-${raw.slice(3, 5)}-${raw.slice(0, 2)}`;
    return iso;
  }
  return null;
}

/** A slot for each day from FIRST_YEAR to LAST_YEAR, 31 a month: what is worked out once per date is kept by it. */
export const YEAR_SLOTS = 372;
const daySlot = (year: number, month: number, day: number) =>
  (year - FIRST_YEAR) * YEAR_SLOTS + (month - 1) * 31 + (day - 1);

/**
 * What is kept by day slot, a year's slots (YEAR_SLOTS, from `make`) made when a day of that year
 * is first kept: a file of a few years' dates makes a few, not two hundred years' (a small
 * classify made ~1.2 MB of slots for its first date). A slot's value is in of(slot)[slot % YEAR_SLOTS].
 */
export class DaySlots<Block> {
  private readonly years: (Block | undefined)[] = [];
  constructor(private readonly make: () => Block) {}

  /** The slots of the year the slot is in. */
  of(slot: number): Block {
    const year = (slot / YEAR_SLOTS) | 0;
    let block = this.years[year];
    if (block === undefined) this.years[year] = block = this.make();
    return block;
  }
}

/** The day slot of a YYYY-MM-DD date from FIRST_YEAR to LAST_YEAR (a day up to 31 in any month); -1 for any other text. */
export function isoDaySlot(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  const year = digitsOnly(date, 0, 4);
  const month = digitsOnly(date, 5, 7);
  const day = digitsOnly(date, 8, 10);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return -1;
  return daySlot(year, month, day);
}

/** The ISO text of each day-first date read so far, by its day slot. */
// Made on the first day-first date read, not when the module loads (every command loads it).
let ISO_TEXTS: DaySlots<(string | undefined)[]> | undefined;

/** The number the digits text[from, to) write; -1 when one of them is not a digit. */
function digitsOnly(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** ISO or UK day-first dates; never month-first. 01/01/1900 is a placeholder for "no date". */
export function parseDate(raw: string): Parsed<string> {
  const quick = quickDate(raw);
  if (quick !== null) return ok(quick);
  if (isNoValue(raw)) return ok(null);
  const text = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (m) {
    const iso = isoDate(+m[1], +m[2], +m[3]);
    return iso
      ? ok(iso)
      : bad(
          `${DATE_EXPECTED} (${outOfRange(+m[1]) ? `a year from ${FIRST_YEAR} to ${LAST_YEAR}` : 'this is not a real date'})`,
        );
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [\d:]+)?$/.exec(text);
  if (m) {
    // 01/02/99 could be 1999 or 2099: a two-digit year is refused, never guessed.
    if (m[3].length === 2) return bad(`${DATE_EXPECTED} (with a 4-digit year)`);
    const year = +m[3];
    if (year === 1900 && +m[1] === 1 && +m[2] === 1) return ok(null);
    const iso = isoDate(year, +m[2], +m[1]);
    if (iso) return ok(iso);
    if (outOfRange(year)) return bad(`${DATE_EXPECTED} (a year from ${FIRST_YEAR} to ${LAST_YEAR})`);
    if (isoDate(year, +m[1], +m[2])) return bad(`${DATE_EXPECTED} (this looks month-first)`);
    return bad(`${DATE_EXPECTED} (this is not a real date)`);
  }
  return bad(DATE_EXPECTED);
}

/** For review cycles: a full date, a year ("2023", taken as 1 September), or "2023/24". */
export function parseDateOrYear(raw: string): Parsed<string> {
  const quick = quickDate(raw);
  if (quick !== null) return ok(quick);
  if (isNoValue(raw)) return ok(null);
  const text = raw.trim();
  const year = /^(\d{4})(?:\.0)?$/.exec(text) ?? /^(\d{4})\s*[/-]\s*\d{2}$/.exec(text);
  if (year && !outOfRange(+year[1])) return ok(`${year[1]}-09-01`);
  const date = parseDate(text);
  return date.ok ? date : bad('a date (YYYY-MM-DD or DD/MM/YYYY), a year (2023) or an academic year (2023/24)');
}
