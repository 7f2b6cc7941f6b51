// Evaluates a policy condition for one school, in three values: true, false, or unknown (a
// blank value the condition needed). Every node keeps what it saw, so placements explain
// themselves. Conditions are compiled once per policy, then run per school.
import { FIELD_BY_NAME, PARSERS, type FieldValue } from './fields.js';
import { FACTS, type FactContext } from './facts.js';
import { academicYearOf, parseAcademicYear, yearsBetween } from './dates.js';
import type { Condition, Leaf, Policy } from './policy.js';
import type { SchoolRecord } from './school.js';
import { displayValue } from './display.js';
import { fold } from './values.js';

export type Outcome = true | false | null;

export interface Evaluation {
  outcome: Outcome;
  /** The test in words, with what it saw. */
  text: string;
  missing: string[];
  op: 'all' | 'any' | 'not' | 'test';
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
}

const evaluator = (full: (school: SchoolRecord, ctx: FactContext) => Evaluation, test: Evaluator['test']): Evaluator => Object.assign(full, { test });

interface Subject {
  label: string;
  /** The field whose kind decides how test values are read and shown, if any. */
  field?: string;
  get: (school: SchoolRecord, ctx: FactContext) => { value: FieldValue; seen?: string; missing: string[] };
  /** The value alone (null when blank or not computable), as `get` finds it. */
  value: (school: SchoolRecord, ctx: FactContext) => FieldValue;
}

function readField(school: SchoolRecord, name: string): FieldValue {
  if (FIELD_BY_NAME.has(name)) return school.fields[name] ?? null;
  // A column the trust added: matched like headers are.
  const key = Object.keys(school.extra).find((k) => fold(k) === fold(name));
  const raw = key === undefined ? '' : school.extra[key].trim();
  return raw === '' ? null : raw;
}

function subjectOf(leaf: Leaf, policy: Policy): Subject {
  if (leaf.field !== undefined) {
    const name = leaf.field;
    const label = FIELD_BY_NAME.get(name)?.label ?? name;
    return { label, field: name, get: (s) => { const value = readField(s, name); return { value, missing: value === null ? [name] : [] }; }, value: (s) => readField(s, name) };
  }
  if (leaf.vs_national !== undefined) {
    const name = leaf.vs_national;
    const comparator = policy.national[name];
    const label = `${FIELD_BY_NAME.get(name)?.label ?? name} against national`;
    const nationalFor = (phase: string | null) => (phase !== null ? comparator[phase as keyof typeof comparator] : undefined) ?? comparator.default;
    return {
      label,
      value: (s) => {
        const value = readField(s, name);
        const national = nationalFor(s.fields.phase as string | null);
        return value === null || typeof national !== 'number' ? null : Math.round((Number(value) - national) * 100) / 100;
      },
      get: (s) => {
        const value = readField(s, name);
        const phase = s.fields.phase as string | null;
        const national = (phase !== null ? comparator[phase as keyof typeof comparator] : undefined) ?? comparator.default;
        const missing = [...(value === null ? [name] : []), ...(typeof national !== 'number' ? ['phase'] : [])];
        if (missing.length > 0 || typeof national !== 'number') return { value: null, missing };
        const diff = Math.round((Number(value) - national) * 100) / 100;
        const sign = diff > 0 ? '+' : '';
        return { value: diff, seen: `${sign}${diff} (${value} vs national ${national}${phase ? ` for ${phase}` : ''})`, missing: [] };
      },
    };
  }
  if (leaf.years_since !== undefined) {
    const name = leaf.years_since;
    const label = `years since ${FIELD_BY_NAME.get(name)?.label ?? name}`;
    return {
      label,
      value: (s, ctx) => {
        const date = readField(s, name);
        return date === null ? null : Math.round(yearsBetween(String(date), ctx.asOf) * 100) / 100;
      },
      get: (s, ctx) => {
        const date = readField(s, name);
        if (date === null) return { value: null, missing: [name] };
        const years = Math.round(yearsBetween(String(date), ctx.asOf) * 100) / 100;
        return { value: years, seen: `${years} (${date} to ${ctx.asOf})`, missing: [] };
      },
    };
  }
  const fact = FACTS[leaf.fact!];
  return {
    label: leaf.fact!.replace(/_/g, ' '),
    field: fact.like,
    value: (s, ctx) => fact.compute(s, ctx).value,
    get: (s, ctx) => {
      const result = fact.compute(s, ctx);
      const shown = result.value === null ? 'unknown' : fact.like ? displayValue(fact.like, result.value) : String(result.value);
      return { value: result.value, seen: `${shown} (${result.seen})`, missing: result.missing };
    },
  };
}

/** Reads a value written in the policy the way the field's column would be read ("RI" -> requires-improvement). */
function canonical(field: string | undefined, value: string | number | boolean): FieldValue {
  const def = field ? FIELD_BY_NAME.get(field) : undefined;
  if (!def || typeof value === 'boolean') return value;
  const parsed = PARSERS[def.kind](String(value));
  return parsed.ok && parsed.value !== null ? (parsed.value as FieldValue) : value;
}

const same = (a: FieldValue, b: FieldValue) => (typeof a === 'string' && typeof b === 'string' ? fold(a) === fold(b) : a === b);

function compileLeaf(leaf: Leaf, policy: Policy): Evaluator {
  const subject = subjectOf(leaf, policy);
  const show = (value: FieldValue) => displayValue(subject.field, value);
  const threshold = (value: number | string): { n: number; note: string } => {
    if (typeof value === 'number') return { n: value, note: '' };
    const t = policy.thresholds[value.slice(1)];
    return { n: t.value, note: ` ("${t.means}")` };
  };

  let phrase: string;
  let test: (value: FieldValue, ctx: FactContext) => boolean;
  if (leaf.is !== undefined) {
    const want = canonical(subject.field, leaf.is);
    phrase = `is ${show(want)}`;
    test = (v) => same(v, want);
  } else if (leaf.in !== undefined || leaf.not_in !== undefined) {
    const list = (leaf.in ?? leaf.not_in)!.map((x) => canonical(subject.field, x));
    const negate = leaf.not_in !== undefined;
    phrase = `${negate ? 'is not' : 'is'} ${list.map(show).join(' or ')}`;
    test = (v) => list.some((x) => same(v, x)) !== negate;
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
    const ops = { lt: ['below', (a: number, b: number) => a < b], lte: ['at most', (a: number, b: number) => a <= b], gt: ['above', (a: number, b: number) => a > b], gte: ['at least', (a: number, b: number) => a >= b] } as const;
    const key = (['lt', 'lte', 'gt', 'gte'] as const).find((k) => leaf[k] !== undefined)!;
    const { n, note } = threshold(leaf[key]!);
    const [word, compare] = ops[key];
    phrase = `${word} ${n}${note}`;
    test = (v) => compare(Number(v), n);
  }
  const text = leaf.label ?? `${subject.label} ${phrase}`;

  const superseded = leaf.latest_only ? FACTS.latest_inspection.compute : null;
  const isSuperseded = (school: SchoolRecord, ctx: FactContext) => {
    const latest = superseded!(school, ctx).value;
    return latest === 'report-card' || latest === 'sub-judgements';
  };
  const fast: Evaluator['test'] = (school, ctx) => {
    if (superseded && isSuperseded(school, ctx)) return false;
    const value = subject.value(school, ctx);
    if (leaf.present !== undefined) return test(value, ctx);
    if (value === null) return leaf.if_blank !== undefined ? leaf.if_blank : null;
    return test(value, ctx);
  };
  return evaluator((school, ctx) => {
    if (superseded) {
      const latest = superseded(school, ctx);
      if (latest.value === 'report-card' || latest.value === 'sub-judgements') {
        return { outcome: false, text: `${text}: not the latest inspection (the latest is the ${latest.seen})`, missing: [], op: 'test' };
      }
    }
    const { value, seen, missing } = subject.get(school, ctx);
    if (leaf.present !== undefined) {
      const outcome = test(value, ctx);
      return { outcome, text: `${text}: ${value === null ? 'blank' : (seen ?? show(value))}`, missing: [], op: 'test' };
    }
    if (value === null) {
      if (leaf.if_blank !== undefined) {
        return { outcome: leaf.if_blank, text: `${text}: blank, which counts as ${leaf.if_blank ? 'yes' : 'no'}`, missing: [], op: 'test' };
      }
      return { outcome: null, text: `${text}: needs ${missing.join(', ')}`, missing, op: 'test' };
    }
    const outcome = test(value, ctx);
    // "leadership capacity is supports-others", not "...: supports-others" again after it.
    const shown = seen ?? show(value);
    const repeats = text.toLowerCase().endsWith(` is ${shown.toLowerCase()}`);
    return { outcome, text: repeats ? text : `${text}: ${shown}`, missing: [], op: 'test' };
  }, fast);
}

export function compileCondition(condition: Condition, policy: Policy): Evaluator {
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const parts = (isAll ? (condition as { all: Condition[] }).all : (condition as { any: Condition[] }).any).map((c) => compileCondition(c, policy));
    const decisiveOutcome = isAll ? false : true;
    const fast: Evaluator['test'] = (school, ctx) => {
      let unknown = false;
      for (const part of parts) {
        const outcome = part.test(school, ctx);
        if (outcome === decisiveOutcome) return decisiveOutcome;
        if (outcome === null) unknown = true;
      }
      return unknown ? null : !decisiveOutcome;
    };
    return evaluator((school, ctx) => {
      const children = parts.map((p) => p(school, ctx));
      const decisive = isAll ? false : true;
      let outcome: Outcome = children.some((c) => c.outcome === decisive)
        ? decisive
        : children.some((c) => c.outcome === null) ? null : !decisive;
      const missing = outcome === null ? unique(children.flatMap((c) => c.missing)) : [];
      // The words of a node are those of the children that decided it.
      const deciding = children.filter((c) => c.outcome === outcome);
      const text = deciding.map((c) => c.text).join(isAll ? '; ' : ' or ');
      return { outcome, text, missing, op: isAll ? 'all' : 'any', children };
    }, fast);
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, policy);
    return evaluator((school, ctx) => {
      const child = inner(school, ctx);
      const outcome = child.outcome === null ? null : !child.outcome;
      return { outcome, text: `not (${child.text})`, missing: child.missing, op: 'not', children: [child] };
    }, (school, ctx) => {
      const outcome = inner.test(school, ctx);
      return outcome === null ? null : !outcome;
    });
  }
  return compileLeaf(condition, policy);
}

export function unique(items: string[]): string[] {
  return [...new Set(items)];
}
