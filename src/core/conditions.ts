// Evaluates a policy condition for one school, in three values: true, false, or unknown (a
// blank value the condition needed). Every node keeps what it saw, so placements explain
// themselves. Conditions are compiled once per policy, then run per school.
import { FIELD_BY_NAME, PARSERS, type FieldValue } from './fields.js';
import { FACTS, type FactContext } from './facts.js';
import { academicYearOf, parseAcademicYear, yearsBetween, yearsText } from './dates.js';
import type { Condition, Count, Expr, Leaf, Policy, Use } from './policy.js';
import { isCount, isUse } from './policy-walk.js';
import { extraValue, fieldReaderOf, type SchoolRecord } from './school.js';
import { displayValue, round2 } from './display.js';
import { DaySlots, fold, isoDaySlot, keptValue, YEAR_SLOTS } from './values.js';
import { nationalFigure } from './national.js';

export type Outcome = true | false | null;

export interface Evaluation {
  outcome: Outcome;
  /** The test in words, with what it saw. */
  text: string;
  missing: string[];
  /** count: how many of the children hold; use: a named definition (its words head the children). */
  op: 'all' | 'any' | 'not' | 'test' | 'count' | 'use';
  /** For count and use: the line that heads the children in `sit explain`. */
  heading?: string;
  /** For use: the definition's source quote and the policy's own choice, if it states them. */
  source?: string;
  choice?: string;
  children?: Evaluation[];
}

/**
 * A compiled condition. Called, it evaluates with every value and word kept (for reasons and
 * `sit explain`); its `test` gives the same outcome without building any text, for placing
 * many schools fast.
 */
export interface Evaluator {
  (school: SchoolRecord, ctx: FactContext): Evaluation;
  test: (school: SchoolRecord, ctx: FactContext) => Outcome;
  /** The evaluation's `text` alone: the words of the parts that decided, with no other part worded. */
  say: (school: SchoolRecord, ctx: FactContext) => string;
  /** The evaluation's `missing` alone: the fields an unknown outcome needs, with nothing worded that it does not. */
  needs: (school: SchoolRecord, ctx: FactContext) => string[];
}

type Full = (school: SchoolRecord, ctx: FactContext) => Evaluation;

/** An evaluator from its full evaluation and its test; `say` and `needs` are the full evaluation's unless given. */
const evaluator = (
  full: Full,
  test: Evaluator['test'],
  parts: Partial<Pick<Evaluator, 'say' | 'needs'>> = {},
): Evaluator =>
  Object.assign(full, {
    test,
    say: parts.say ?? ((school: SchoolRecord, ctx: FactContext) => full(school, ctx).text),
    needs: parts.needs ?? ((school: SchoolRecord, ctx: FactContext) => full(school, ctx).missing),
  });

interface Subject {
  label: string;
  /** The field whose kind decides how test values are read and shown, if any. */
  field?: string;
  /** `why`: why there is no value, when it is not a blank cell (no national figure for the phase). */
  get: (
    school: SchoolRecord,
    ctx: FactContext,
  ) => { value: FieldValue; seen?: string; missing: string[]; why?: string };
  /** The value alone (null when blank or not computable), as `get` finds it. */
  value: (school: SchoolRecord, ctx: FactContext) => FieldValue;
  /** Set for a field read as it is: `get` is then its value alone, missing this name when blank. */
  plain?: string;
}

/** How to read a named field of a school: a canonical field, or a column the trust added (matched like headers are). */
function fieldReader(name: string): (school: SchoolRecord) => FieldValue {
  return FIELD_BY_NAME.has(name) ? fieldReaderOf(name) : (school) => extraValue(school.extra, name);
}

/** Compiled definitions of one policy, built once and shared by every rule that names them. */
interface Scope {
  policy: Policy;
  conditions: Map<string, Evaluator>;
  values: Map<string, Subject>;
}
const scopes = new WeakMap<Policy, Scope>();

function scopeOf(policy: Policy): Scope {
  let scope = scopes.get(policy);
  if (!scope) {
    scope = { policy, conditions: new Map(), values: new Map() };
    scopes.set(policy, scope);
  }
  return scope;
}

const labelOf = (name: string) => FIELD_BY_NAME.get(name)?.label ?? name;

function fieldSubject(name: string): Subject {
  const readField = fieldReader(name);
  return {
    label: labelOf(name),
    field: name,
    get: (s) => {
      const value = readField(s);
      return { value, missing: value === null ? [name] : [] };
    },
    value: readField,
    plain: name,
  };
}

function nationalSubject(name: string, policy: Policy): Subject {
  const readField = fieldReader(name);
  const nationalFor = (phase: string | null) => nationalFigure(policy, name, phase)?.value;
  return {
    label: `${labelOf(name)} against national`,
    value: (s) => {
      const value = readField(s);
      const national = nationalFor(s.fields.phase as string | null);
      return value === null || typeof national !== 'number' ? null : round2(Number(value) - national);
    },
    get: (s) => {
      const value = readField(s);
      const phase = s.fields.phase as string | null;
      const national = nationalFor(phase);
      const missing = [...(value === null ? [name] : []), ...(typeof national !== 'number' ? ['phase'] : [])];
      // A value with no national figure for its phase is not blank: say which figure the policy lacks.
      if (value !== null && typeof national !== 'number') {
        const lacks = phase ? `with no national figure for ${phase} in the policy` : 'with no phase to compare';
        return { value: null, missing, why: `${value}, ${lacks}` };
      }
      if (missing.length > 0 || typeof national !== 'number') return { value: null, missing };
      const diff = round2(Number(value) - national);
      const sign = diff > 0 ? '+' : '';
      return {
        value: diff,
        seen: `${sign}${diff} (${value} vs national ${national}${phase ? ` for ${phase}` : ''})`,
        missing: [],
      };
    },
  };
}

// Many schools share a date (a start of term, a day in the last few decades): each date's years to
// the as-of date is worked out once, for every condition on any date field. A date as the field
// table keeps it (YYYY-MM-DD, years FIRST_YEAR to LAST_YEAR) finds its years by its digits, in an
// array slot, without hashing the text; any other text is worked out each time. A table for each
// as-of date: sit diff places every school as of two dates in turn, and one table emptied at every
// turn made a diff of 900,000 rows take 85 s (test/unit/years-known.test.ts).
const yearsKnown = new Map<string, DaySlots<Float64Array>>();
/** The most as-of dates kept (a run has one or two): each table up to 0.6 MB, a year at a time. */
const AS_OF_KEPT = 4;
let lastAsOf = '';
let lastKnown: DaySlots<Float64Array> | null = null;
const unknownYear = () => new Float64Array(YEAR_SLOTS).fill(Number.NaN);

function knownYears(date: string, asOf: string): number {
  const slot = isoDaySlot(date);
  if (slot < 0) return yearsBetween(date, asOf);
  let known = asOf === lastAsOf ? lastKnown : null;
  if (known === null) {
    known = yearsKnown.get(asOf) ?? null;
    if (known === null) {
      if (yearsKnown.size >= AS_OF_KEPT) yearsKnown.clear();
      known = new DaySlots(unknownYear);
      yearsKnown.set(asOf, known);
    }
    lastAsOf = asOf;
    lastKnown = known;
  }
  const year = known.of(slot);
  const at = slot % YEAR_SLOTS;
  let result = year[at];
  if (Number.isNaN(result)) year[at] = result = yearsBetween(date, asOf);
  return result;
}

function yearsSubject(name: string): Subject {
  const readField = fieldReader(name);
  return {
    label: `years since ${labelOf(name)}`,
    value: (s, ctx) => {
      const date = readField(s);
      return date === null ? null : knownYears(String(date), ctx.asOf);
    },
    get: (s, ctx) => {
      const date = readField(s);
      if (date === null) return { value: null, missing: [name] };
      const found = knownYears(String(date), ctx.asOf);
      return { value: found, seen: `${yearsText(found)} (${date} to ${ctx.asOf})`, missing: [] };
    },
  };
}

function factSubject(name: string): Subject {
  const fact = FACTS[name];
  return {
    label: name.replace(/_/g, ' '),
    field: fact.like,
    value: (s, ctx) => fact.compute(s, ctx).value,
    get: (s, ctx) => {
      const result = fact.compute(s, ctx);
      const shown =
        result.value === null ? 'unknown' : fact.like ? displayValue(fact.like, result.value) : String(result.value);
      return { value: result.value, seen: `${shown} (${result.seen})`, missing: result.missing };
    },
  };
}

/** A value chosen by conditions in order: the first that holds, else `otherwise`; unknown if an earlier one cannot be decided. */
function casesSubject(
  label: string,
  cases: { value: string; evaluate?: Evaluator }[],
  otherwise: string | null,
): Subject {
  return {
    label,
    value: (s, ctx) => {
      for (const c of cases) {
        const outcome = c.evaluate ? c.evaluate.test(s, ctx) : true;
        if (outcome === true) return c.value;
        if (outcome === null) return null;
      }
      return otherwise;
    },
    get: (s, ctx) => {
      for (const c of cases) {
        if (!c.evaluate) return { value: c.value, seen: c.value, missing: [] };
        const e = c.evaluate(s, ctx);
        if (e.outcome === true) return { value: c.value, seen: `${c.value} (${e.text})`, missing: [] };
        if (e.outcome === null) return { value: null, missing: e.missing };
      }
      return { value: otherwise, seen: `${otherwise} (no case held)`, missing: [] };
    },
  };
}

/** `value: NAME`: a definition's number or cases, or one of the policy's output fields. */
function valueSubject(name: string, scope: Scope): Subject {
  const cached = scope.values.get(name);
  if (cached) return cached;
  // Filled in below; a placeholder lets definitions refer to each other in any order.
  const subject = {} as Subject;
  scope.values.set(name, subject);
  const def = scope.policy.definitions[name];
  let built: Subject;
  if (def?.calc !== undefined) {
    const inner = exprSubject(def.calc, scope);
    built = { ...inner, label: def.label ?? name.replace(/_/g, ' ') };
  } else if (def?.cases) {
    built = casesSubject(
      def.label ?? name.replace(/_/g, ' '),
      def.cases.map((c) => ({ value: String(c.value), evaluate: compileCondition(c.when, scope.policy) })),
      String(def.else),
    );
  } else {
    const values = scope.policy.fields[name] ?? [];
    const cases = casesSubject(
      name.replace(/_/g, ' '),
      values.map((v) => ({ value: v.value, evaluate: v.when ? compileCondition(v.when, scope.policy) : undefined })),
      null,
    );
    // A school already placed has its output fields decided (by tier too): read them as placed.
    built = {
      ...cases,
      value: (s, ctx) => (ctx.outputs && name in ctx.outputs ? ctx.outputs[name] : cases.value(s, ctx)),
      get: (s, ctx) => {
        if (!ctx.outputs || !(name in ctx.outputs)) return cases.get(s, ctx);
        const value = ctx.outputs[name];
        return value === null ? { value, missing: [name] } : { value, seen: value, missing: [] };
      },
    };
  }
  return Object.assign(subject, built);
}

/** A number from a value: null when blank or not a number. */
function toNumber(value: FieldValue): number | null {
  if (value === null || typeof value === 'boolean') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/%$/, '').trim());
  return Number.isFinite(n) ? n : null;
}

/** Arithmetic ends on whole hundred-millionths: 93.5 - 91.2 is 2.3, so "at most 2.3" holds. */
const tidy = (n: number) => Math.round(n * 1e8) / 1e8;

function constant(n: number, label: string): Subject {
  return { label, value: () => n, get: () => ({ value: n, seen: label, missing: [] }) };
}

const ARITHMETIC = {
  plus: { word: 'plus', combine: (xs: number[]) => xs.reduce((a, b) => a + b, 0), sign: '+' },
  minus: { word: 'minus', combine: (xs: number[]) => xs[0] - xs[1], sign: '-' },
  times: { word: 'times', combine: (xs: number[]) => xs.reduce((a, b) => a * b, 1), sign: 'x' },
  divide: { word: 'divided by', combine: (xs: number[]) => (xs[1] === 0 ? Number.NaN : xs[0] / xs[1]), sign: '/' },
  mean: { word: 'mean of', combine: (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length, sign: ',' },
} as const;

/** An expression as a subject: its number, the parts it saw, and what was blank. */
export function exprSubject(expr: Expr, scope: Scope): Subject {
  const policy = scope.policy;
  if (typeof expr === 'number') return constant(expr, String(expr));
  if (typeof expr === 'string') {
    if (expr.startsWith('$')) {
      const t = policy.thresholds[expr.slice(1)];
      return constant(t.value, `${t.value} ("${t.means}")`);
    }
    return numeric(policy.definitions[expr] || policy.fields[expr] ? valueSubject(expr, scope) : fieldSubject(expr));
  }
  if ('field' in expr) return numeric(fieldSubject(expr.field));
  if ('value' in expr) return valueSubject(expr.value, scope);
  if ('vs_national' in expr) return nationalSubject(expr.vs_national, policy);
  if ('years_since' in expr) return yearsSubject(expr.years_since);
  if ('fact' in expr) return factSubject(expr.fact);
  const op = Object.keys(expr)[0] as keyof typeof ARITHMETIC;
  const { word, combine, sign } = ARITHMETIC[op];
  const parts = (expr as Record<string, Expr[]>)[op].map((e) => exprSubject(e, scope));
  const label =
    op === 'mean' ? `mean of ${parts.map((p) => p.label).join(', ')}` : parts.map((p) => p.label).join(` ${word} `);
  const compute = (values: FieldValue[]) => {
    const numbers = values.map(toNumber);
    if (numbers.some((n) => n === null)) return null;
    const result = combine(numbers as number[]);
    return Number.isFinite(result) ? tidy(result) : null;
  };
  return {
    label,
    value: (s, ctx) => compute(parts.map((p) => p.value(s, ctx))),
    get: (s, ctx) => {
      const seen = parts.map((p) => p.get(s, ctx));
      const missing = unique(seen.flatMap((x) => x.missing));
      if (missing.length) return { value: null, missing };
      const value = compute(seen.map((x) => x.value));
      const shown = seen.map((x) => String(x.value));
      const working = op === 'mean' ? `mean of ${shown.join(', ')}` : shown.join(` ${sign} `);
      // Division by nought, or a value that is not a number: nothing to compare.
      if (value === null)
        return {
          value: null,
          missing: unique(parts.filter((_, i) => toNumber(seen[i].value) === null).map((p) => p.field ?? p.label)),
        };
      return { value, seen: `${value} (${working})`, missing: [] };
    },
  };
}

/** A subject read as a number: a value that is not one counts as blank, naming the column. */
function numeric(subject: Subject): Subject {
  return {
    ...subject,
    value: (s, ctx) => toNumber(subject.value(s, ctx)),
    get: (s, ctx) => {
      const got = subject.get(s, ctx);
      if (got.value === null) return got;
      const n = toNumber(got.value);
      return n === null ? { value: null, missing: [subject.field ?? subject.label] } : { ...got, value: n };
    },
  };
}

function subjectOf(leaf: Leaf, policy: Policy): Subject {
  if (leaf.field !== undefined) return fieldSubject(leaf.field);
  if (leaf.vs_national !== undefined) return nationalSubject(leaf.vs_national, policy);
  if (leaf.years_since !== undefined) return yearsSubject(leaf.years_since);
  if (leaf.value !== undefined) return valueSubject(leaf.value, scopeOf(policy));
  if (leaf.calc !== undefined) return exprSubject(leaf.calc, scopeOf(policy));
  return factSubject(leaf.fact!);
}

/** Reads a value written in the policy the way the field's column would be read ("RI" -> requires-improvement). */
function canonical(field: string | undefined, value: string | number | boolean): FieldValue {
  const def = field ? FIELD_BY_NAME.get(field) : undefined;
  if (!def || typeof value === 'boolean') return value;
  const parsed = PARSERS[def.kind](String(value));
  return parsed.ok && parsed.value !== null ? (parsed.value as FieldValue) : value;
}

/** Equal as the trust means it: text folded as headers are, and "4" in a column is the 4 a rule writes. */
const same = (a: FieldValue, b: FieldValue) => {
  if (typeof a === 'string' && typeof b === 'string') return fold(a) === fold(b);
  if ((typeof a === 'string' && typeof b === 'number') || (typeof a === 'number' && typeof b === 'string'))
    return Number(a) === Number(b) && String(a).trim() !== '' && String(b).trim() !== '';
  return a === b;
};

/**
 * `same` against a list of constants (an `is` or `in` of a rule), as a test: the constants are
 * folded once, and a text value is folded once for the whole list, not once per comparison.
 */
function sameAsAny(list: FieldValue[], negate: boolean): (value: FieldValue) => boolean {
  const texts = list.filter((x): x is string => typeof x === 'string');
  const folded = new Set(texts.map(fold));
  const others = list.filter((x) => typeof x !== 'string');
  const answer = (value: FieldValue) => {
    if (typeof value === 'string') {
      if (folded.has(fold(value))) return !negate;
      return others.some((x) => same(value, x)) !== negate;
    }
    return list.some((x) => same(value, x)) !== negate;
  };
  // A field holds a few values (grades, capacities) in school after school: each is answered once.
  // The first few are compared before the map is asked: a cell read by a parser that remembers
  // its texts is the same string in every row, so most values are found without hashing them.
  // (values.ts remembered does the same for cells; one function for both was slower, as V8
  // shares one function's type feedback and optimised code between all its closures.)
  const firstValues: FieldValue[] = [];
  const firstAnswers: boolean[] = [];
  const answered = new Map<FieldValue, boolean>();
  return (value) => {
    for (let i = 0; i < firstValues.length; i++) if (firstValues[i] === value) return firstAnswers[i];
    let found = answered.get(value);
    if (found === undefined) {
      found = answer(value);
      if (firstValues.length < FIRST_ANSWERS) {
        firstValues.push(keptValue(value));
        firstAnswers.push(found);
      } else if (answered.size < ANSWERS_KEPT) answered.set(keptValue(value), found);
    }
    return found;
  };
}
const FIRST_ANSWERS = 8;
const ANSWERS_KEPT = 1000;

type Other = string | number | boolean | Exclude<Expr, number | string>;

function compileLeaf(leaf: Leaf, policy: Policy): Evaluator {
  const subject = subjectOf(leaf, policy);
  const show = (value: FieldValue) => displayValue(subject.field, value);
  // The other side of a comparison: a constant, or another value of the school's.
  let other: Subject | null = null;
  const otherOf = (value: Other): Subject =>
    typeof value === 'object'
      ? exprSubject(value as Expr, scopeOf(policy))
      : exprSubject(value as number | string, scopeOf(policy));

  let phrase: string;
  let test: (value: FieldValue, ctx: FactContext, against: FieldValue) => boolean;
  if (leaf.is !== undefined && typeof leaf.is === 'object') {
    // Compared as written (text or number), not as a number.
    other = 'field' in leaf.is ? fieldSubject(leaf.is.field) : valueSubject(leaf.is.value, scopeOf(policy));
    phrase = `is the same as ${other.label}`;
    test = (v, _, against) => same(v, against);
  } else if (leaf.is !== undefined) {
    const want = canonical(subject.field, leaf.is as string | number | boolean);
    phrase = `is ${show(want)}`;
    test = sameAsAny([want], false);
  } else if (leaf.in !== undefined || leaf.not_in !== undefined) {
    const list = (leaf.in ?? leaf.not_in)!.map((x) => canonical(subject.field, x));
    const negate = leaf.not_in !== undefined;
    phrase = `${negate ? 'is not' : 'is'} ${list.map(show).join(' or ')}`;
    test = sameAsAny(list, negate);
  } else if (leaf.present !== undefined) {
    phrase = leaf.present ? 'is given' : 'is blank';
    test = (v) => (v !== null) === leaf.present;
  } else if (leaf.in_academic_year !== undefined) {
    const which = leaf.in_academic_year;
    phrase = `in academic year ${which}`;
    test = (v, ctx) => {
      const current = academicYearOf(ctx.asOf);
      const year = which === 'current' ? current : which === 'previous' ? current - 1 : parseAcademicYear(which);
      return academicYearOf(String(v)) === year;
    };
    if (which === 'current' || which === 'previous') phrase = `in the ${which} academic year`;
  } else {
    const ops = {
      lt: ['below', (a: number, b: number) => a < b],
      lte: ['at most', (a: number, b: number) => a <= b],
      gt: ['above', (a: number, b: number) => a > b],
      gte: ['at least', (a: number, b: number) => a >= b],
    } as const;
    const key = (['lt', 'lte', 'gt', 'gte'] as const).find((k) => leaf[k] !== undefined)!;
    const [word, compare] = ops[key];
    const value = leaf[key]!;
    if (typeof value === 'object') {
      other = otherOf(value);
      phrase = `${word} ${other.label}`;
      test = (v, _, against) => compare(Number(v), Number(against));
    } else {
      const fixed = otherOf(value);
      const n = Number(fixed.value(undefined as never, undefined as never));
      phrase = `${word} ${fixed.label}`;
      test = (v) => compare(Number(v), n);
    }
  }
  const text = leaf.label ?? `${subject.label} ${phrase}`;

  const superseded = leaf.latest_only ? FACTS.latest_inspection.compute : null;
  const isSuperseded = (school: SchoolRecord, ctx: FactContext) => {
    const latest = superseded!(school, ctx).value;
    return latest === 'report-card' || latest === 'sub-judgements';
  };
  // The leaf's settings read once here, not on every school.
  const subjectValue = subject.value;
  const right = other as Subject | null;
  const presence = leaf.present !== undefined;
  const ifBlank = leaf.if_blank !== undefined ? leaf.if_blank : null;
  const fast: Evaluator['test'] = (school, ctx) => {
    if (superseded && isSuperseded(school, ctx)) return false;
    const value = subjectValue(school, ctx);
    const against = right ? right.value(school, ctx) : null;
    if (presence) return test(value, ctx, against);
    if (value === null || (right && against === null)) return ifBlank;
    return test(value, ctx, against);
  };
  const full: Full = (school, ctx) => {
    if (superseded) {
      const latest = superseded(school, ctx);
      if (latest.value === 'report-card' || latest.value === 'sub-judgements') {
        return {
          outcome: false,
          text: `${text}: not the latest inspection (the latest is the ${latest.seen})`,
          missing: [],
          op: 'test',
        };
      }
    }
    const { value, seen, missing: own, why } = subject.get(school, ctx);
    const right = other ? other.get(school, ctx) : null;
    const missing = unique([...own, ...(right?.missing ?? [])]);
    if (leaf.present !== undefined) {
      const outcome = test(value, ctx, null);
      return { outcome, text: `${text}: ${value === null ? 'blank' : (seen ?? show(value))}`, missing: [], op: 'test' };
    }
    if (value === null || (right && right.value === null)) {
      if (leaf.if_blank !== undefined) {
        return {
          outcome: leaf.if_blank,
          text: `${text}: ${why ?? 'blank'}, which counts as ${leaf.if_blank ? 'yes' : 'no'}`,
          missing: [],
          op: 'test',
        };
      }
      return { outcome: null, text: `${text}: ${why ?? `needs ${missing.join(', ')}`}`, missing, op: 'test' };
    }
    const outcome = test(value, ctx, right ? right.value : null);
    const against = right ? ` against ${right.seen ?? displayValue(undefined, right.value)}` : '';
    // "leadership capacity is supports-others", not "...: supports-others" again after it.
    const shown = seen ?? show(value);
    const repeats = !right && text.toLowerCase().endsWith(` is ${shown.toLowerCase()}`);
    return { outcome, text: repeats ? text : `${text}: ${shown}${against}`, missing: [], op: 'test' };
  };
  // A field compared with constants is worded by its value alone (when it is the latest
  // inspection's): each value's words are made once, not for every school placed by them.
  const plain = right ? undefined : subject.plain;
  if (plain === undefined) return evaluator(full, fast);
  const said = new Map<FieldValue, string>();
  return evaluator(full, fast, {
    say: (school, ctx) => {
      if (superseded && isSuperseded(school, ctx)) return full(school, ctx).text;
      const value = subjectValue(school, ctx);
      let words = said.get(value);
      if (words === undefined) {
        words = full(school, ctx).text;
        if (said.size < SAID_KEPT) said.set(keptValue(value), keptValue(words));
      }
      return words;
    },
    // Only a blank field leaves the outcome unknown, and then it is the field that is needed.
    needs: (school, ctx) => (fast(school, ctx) === null ? [plain] : []),
  });
}

/** Values whose words a leaf keeps (a column of distinct numbers cannot grow it past this). */
const SAID_KEPT = 1000;

/** The outcome of a count in three values: t of the conditions hold, u cannot be told. */
function countOutcome(count: Count, t: number, u: number): Outcome {
  const within = (lo: number, hi: number): Outcome =>
    t >= lo && t + u <= hi ? true : t > hi || t + u < lo ? false : null;
  if (count.gte !== undefined) return within(count.gte, Infinity);
  if (count.gt !== undefined) return within(count.gt + 1, Infinity);
  if (count.lte !== undefined) return within(0, count.lte);
  if (count.lt !== undefined) return within(0, count.lt - 1);
  return within(count.is!, count.is!);
}

function countPhrase(count: Count): string {
  const n = count.count.length;
  if (count.gte !== undefined) return `at least ${count.gte} of these ${n}`;
  if (count.gt !== undefined) return `more than ${count.gt} of these ${n}`;
  if (count.lte !== undefined) return `at most ${count.lte} of these ${n}`;
  if (count.lt !== undefined) return `fewer than ${count.lt} of these ${n}`;
  return `exactly ${count.is} of these ${n}`;
}

function compileCount(count: Count, policy: Policy): Evaluator {
  const parts = count.count.map((c) => compileCondition(c, policy));
  const heading = count.label ?? countPhrase(count);
  return evaluator(
    (school, ctx) => {
      const children = parts.map((p) => p(school, ctx));
      const held = children.filter((c) => c.outcome === true);
      const unknown = children.filter((c) => c.outcome === null);
      const outcome = countOutcome(count, held.length, unknown.length);
      const missing = outcome === null ? unique(unknown.flatMap((c) => c.missing)) : [];
      // One line: how many held and which, and what could not be told.
      const which = held.length ? ` (${held.map((c) => c.text).join('; ')})` : '';
      const open = unknown.length
        ? `; ${unknown.length} cannot be told (needs ${unique(unknown.flatMap((c) => c.missing)).join(', ')})`
        : '';
      const summary = `${heading}: ${held.length} of ${children.length} hold`;
      return { outcome, text: `${summary}${which}${open}`, missing, op: 'count', heading: summary, children };
    },
    (school, ctx) => {
      let t = 0;
      let u = 0;
      for (const part of parts) {
        const outcome = part.test(school, ctx);
        if (outcome === true) t++;
        else if (outcome === null) u++;
      }
      return countOutcome(count, t, u);
    },
    {
      needs: (school, ctx) => {
        let held = 0;
        const unknown: Evaluator[] = [];
        for (const part of parts) {
          const outcome = part.test(school, ctx);
          if (outcome === true) held++;
          else if (outcome === null) unknown.push(part);
        }
        if (countOutcome(count, held, unknown.length) !== null) return [];
        return unique(unknown.flatMap((p) => p.needs(school, ctx)));
      },
    },
  );
}

function compileUse(use: Use, policy: Policy): Evaluator {
  const scope = scopeOf(policy);
  const def = policy.definitions[use.use];
  const label = use.label ?? def.label ?? use.use.replace(/_/g, ' ');
  let inner = scope.conditions.get(use.use);
  if (!inner) {
    // A placeholder first, so a definition is compiled once however many rules use it.
    const slot: { e?: Evaluator } = {};
    scope.conditions.set(
      use.use,
      evaluator(
        (s, c) => slot.e!(s, c),
        (s, c) => slot.e!.test(s, c),
      ),
    );
    slot.e = compileCondition(def.when!, policy);
    inner = slot.e;
    scope.conditions.set(use.use, inner);
  }
  const compiled = inner;
  const said = { ...(def.source ? { source: def.source } : {}), ...(def.choice ? { choice: def.choice } : {}) };
  return evaluator(
    (school, ctx) => {
      const child = compiled(school, ctx);
      return {
        outcome: child.outcome,
        text: `${label}: ${child.text}`,
        missing: child.missing,
        op: 'use',
        heading: `${label}:`,
        children: [child],
        ...said,
      };
    },
    (school, ctx) => compiled.test(school, ctx),
    {
      say: (school, ctx) => `${label}: ${compiled.say(school, ctx)}`,
      needs: (school, ctx) => compiled.needs(school, ctx),
    },
  );
}

export function compileCondition(condition: Condition, policy: Policy): Evaluator {
  if (isCount(condition)) return compileCount(condition, policy);
  if (isUse(condition)) return compileUse(condition, policy);
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const parts = (isAll ? (condition as { all: Condition[] }).all : (condition as { any: Condition[] }).any).map((c) =>
      compileCondition(c, policy),
    );
    const decisiveOutcome = !isAll;
    const fast: Evaluator['test'] = (school, ctx) => {
      let unknown = false;
      for (const part of parts) {
        const outcome = part.test(school, ctx);
        if (outcome === decisiveOutcome) return decisiveOutcome;
        if (outcome === null) unknown = true;
      }
      return unknown ? null : !decisiveOutcome;
    };
    return evaluator(
      (school, ctx) => {
        const children = parts.map((p) => p(school, ctx));
        const decisive = !isAll;
        const outcome: Outcome = children.some((c) => c.outcome === decisive)
          ? decisive
          : children.some((c) => c.outcome === null)
            ? null
            : !decisive;
        const missing = outcome === null ? unique(children.flatMap((c) => c.missing)) : [];
        // The words of a node are those of the children that decided it.
        const deciding = children.filter((c) => c.outcome === outcome);
        const text = deciding.map((c) => c.text).join(isAll ? '; ' : ' or ');
        return { outcome, text, missing, op: isAll ? 'all' : 'any', children };
      },
      fast,
      {
        // The same words and fields, from the children that decided: no other child is worded.
        say: (school, ctx) => {
          const outcome = fast(school, ctx);
          const words: string[] = [];
          for (const part of parts) if (part.test(school, ctx) === outcome) words.push(part.say(school, ctx));
          // One part's words are those words themselves: no new string to make and hash for each school.
          return words.length === 1 ? words[0] : words.join(isAll ? '; ' : ' or ');
        },
        needs: (school, ctx) => {
          if (fast(school, ctx) !== null) return [];
          // The fields of the parts that cannot be told, each once, in the order they are met.
          const fields: string[] = [];
          for (const part of parts) if (part.test(school, ctx) === null) fields.push(...part.needs(school, ctx));
          return unique(fields);
        },
      },
    );
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, policy);
    return evaluator(
      (school, ctx) => {
        const child = inner(school, ctx);
        const outcome = child.outcome === null ? null : !child.outcome;
        return { outcome, text: `not (${child.text})`, missing: child.missing, op: 'not', children: [child] };
      },
      (school, ctx) => {
        const outcome = inner.test(school, ctx);
        return outcome === null ? null : !outcome;
      },
      { say: (school, ctx) => `not (${inner.say(school, ctx)})`, needs: (school, ctx) => inner.needs(school, ctx) },
    );
  }
  return compileLeaf(condition, policy);
}

/** The items, each once, in the order first met: a new list. */
export function unique(items: readonly string[]): string[] {
  // Most lists are the field or two a school lacks: compared in place, with no set to make.
  if (items.length > SMALL_LIST) return [...new Set(items)];
  const once: string[] = [];
  for (const item of items) if (!once.includes(item)) once.push(item);
  return once;
}
const SMALL_LIST = 8;
