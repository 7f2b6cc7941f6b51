// Places each school in a tier by its policy: the first tier (in the policy's order) whose rule
// holds, else the default tier. A school is never placed past a rule it lacked the data for.
import type { FactContext } from './facts.js';
import { trustSizesFor } from './facts.js';
import { compileCondition, unique, type Evaluation, type Evaluator } from './conditions.js';
import type { Days, Policy, Tier } from './policy.js';
import { extraKey, fieldReaderOf, type DataProblem, type SchoolRecord } from './school.js';
import type { Retiering } from './tier-changes.js';
import { fold, keptValue } from './values.js';
import { notStatedText } from './display.js';

export interface RuleTrace {
  rule: string;
  source?: string;
  /** What the policy chose for this rule where the source leaves it open. */
  choice?: string;
  evaluation: Evaluation;
}

export interface TierTrace {
  tier: string;
  label: string;
  outcome: true | false | null;
  rules: RuleTrace[];
}

export interface Placement {
  school: SchoolRecord;
  /** The preset's tier id, or null when the school needs data. */
  tier: string | null;
  label: string | null;
  level: number | null;
  /** A number of days (the upper bound for "up to"), or null where the policy states none. */
  days: number | null;
  /** The days as the policy states them: "12 (2 per term)", "up to 15", or, with no number, what it gives instead. */
  daysText: string;
  readonly reasons: readonly string[];
  readonly missing: readonly string[];
  /** The override reason when the tier was set by hand, else null. */
  override: string | null;
  /** Policy-defined fields, e.g. the DfE offer's route. */
  fields: Record<string, string | null>;
  /** The policy's own choices behind this placement (the tier's, its days', the deciding rules'), never the source's words. */
  readonly choices: readonly string[];
  trace: TierTrace[];
  /** Set when a tier-change file re-tiers the school: the computed placement, the history and the tier periods. */
  retiering?: Retiering;
}

/**
 * A placement whose full trace (every rule, with its words) is worked out only when read, as
 * `sit explain` does: placing a million schools does not pay for explanations nobody reads.
 */
class PlacedSchool implements Placement {
  readonly #compiled: CompiledPolicy;
  readonly #ctx: FactContext;
  #trace: TierTrace[] | undefined;

  constructor(
    compiled: CompiledPolicy,
    ctx: FactContext,
    readonly school: SchoolRecord,
    readonly tier: string | null,
    readonly label: string | null,
    readonly level: number | null,
    readonly days: number | null,
    readonly daysText: string,
    readonly reasons: readonly string[],
    readonly missing: readonly string[],
    readonly override: string | null,
    readonly fields: Record<string, string | null>,
    readonly choices: readonly string[],
  ) {
    this.#compiled = compiled;
    this.#ctx = ctx;
  }

  get trace(): TierTrace[] {
    return (this.#trace ??= traceTiers(this.#compiled, this.school, this.#ctx));
  }
}

export interface ClassifyOptions {
  asOf: string;
  /**
   * The schools to place (default: all). Every row is still checked and every school counted (a
   * trust's size): `sit explain` places the one school it was asked about.
   */
  only?: (school: SchoolRecord) => boolean;
}

export interface Classification {
  placements: Placement[];
  /** Problems that need the policy to see (an override naming a tier that does not exist). */
  problems: DataProblem[];
}

export function describeDays(tier: Tier): { days: number | null; text: string } {
  const days: Days = tier.days;
  const perTerm = tier.days_per_term !== undefined ? ` (${tier.days_per_term} per term)` : '';
  if (typeof days === 'number') return { days, text: `${days}${perTerm}` };
  if ('up_to' in days) return { days: days.up_to, text: `up to ${days.up_to}${perTerm}` };
  return { days: null, text: notStatedText(days.not_stated) };
}

// A tier's days in words and its own choices are the same for every school it places: worked out once.
const DESCRIBED = new WeakMap<Tier, { days: number | null; text: string }>();
const describedDays = (tier: Tier) => {
  let described = DESCRIBED.get(tier);
  if (!described) DESCRIBED.set(tier, (described = describeDays(tier)));
  return described;
};
// Each shared list is frozen: a placement's lists are read, never changed, and one shared by
// thousands of placements must not be (a list each was ~6 MB live for England's 22,000 schools).
/** A placement's choices in `tier`: the tier's own, the deciding rules', then its days', once each. */
const choicesIn = (tier: Tier, ruleChoices: (string | undefined)[] = []): readonly string[] =>
  Object.freeze(unique([tier.choice, ...ruleChoices, tier.days_choice].filter((c): c is string => c !== undefined)));
const CHOICES = new WeakMap<Tier, readonly string[]>();
const tierChoices = (tier: Tier) => {
  let choices = CHOICES.get(tier);
  if (!choices) CHOICES.set(tier, (choices = choicesIn(tier)));
  return choices;
};
/** No reasons, fields or choices: one list for every placement with none. */
const NONE: readonly string[] = Object.freeze([]);

interface CompiledTier {
  tier: Tier;
  rules: { rule: string; source?: string; choice?: string; evaluate: Evaluator; reasons: Reasons }[];
  /** A placement's choices by the rules that held (a bit for each of the first HELD_BITS): see ruleChoices. */
  choices: Map<number, readonly string[]>;
}

/** Rules whose holding is remembered as one bit each, in a whole number. */
const HELD_BITS = 30;

/**
 * The choices of a placement in this tier by the rules that held (`held`: a bit for each rule,
 * `extra`: those past HELD_BITS): the tier's own, the rules', then its days'; each list made once
 * and frozen, shared by every placement alike (a list each, grown by push, was ~2.4 MB for
 * England), found by a number rather than a text made for each school.
 */
function ruleChoices(ct: CompiledTier, held: number, extra: number[] | null): readonly string[] {
  let choices = extra === null ? ct.choices.get(held) : undefined;
  if (choices === undefined) {
    const chosen: (string | undefined)[] = [];
    for (let i = 0; i < Math.min(ct.rules.length, HELD_BITS); i++) if (held & (1 << i)) chosen.push(ct.rules[i].choice);
    for (const i of extra ?? []) chosen.push(ct.rules[i].choice);
    choices = choicesIn(ct.tier, chosen);
    if (extra === null && ct.choices.size < LISTS_KEPT) ct.choices.set(held, choices);
  }
  return choices;
}

/** A rule's reasons by their words ("leadership capacity is needs-support"): a few wordings in school after school. */
type Reasons = Map<string, string>;
const REASONS_KEPT = 1000;

/** "rule: words", made once for each wording a rule has (each placement then holds the same text). */
function reasonOf(reasons: Reasons, rule: string, words: string): string {
  let reason = reasons.get(words);
  if (reason === undefined) {
    reason = `${rule}: ${words}`;
    // Own copies: words may hold a cell's text, which would keep a chunk of the file alive.
    if (reasons.size < REASONS_KEPT) reasons.set(keptValue(words), (reason = keptValue(reason)));
  }
  return reason;
}

/** Lists alike (the fields schools need): of one item by that item, of more by listKey. */
type Lists = { one: Map<string, readonly string[]>; many: Map<string, readonly string[]> };
const LISTS_KEPT = 1000;

/** A list's items as one text that no other list has (items joined by a line break would not be: a choice may hold one). */
const listKey = (list: readonly string[]): string => JSON.stringify(list);

/**
 * The list, frozen and kept once for all placements with the same (a few combinations of a
 * policy's fields, in school after school), at its own length: one grown by push has room for
 * seventeen.
 */
function keptList(lists: Lists, list: readonly string[]): readonly string[] {
  if (list.length === 0) return NONE;
  // Most schools that need data need one field: found by it, with no key text made.
  const [byKey, key] = list.length === 1 ? [lists.one, list[0]] : [lists.many, listKey(list)];
  let kept = byKey.get(key);
  if (kept === undefined) {
    kept = Object.freeze(list.slice());
    if (byKey.size < LISTS_KEPT) byKey.set(keptValue(key), kept);
  }
  return kept;
}

export interface CompiledPolicy {
  policy: Policy;
  byId: ReadonlyMap<string, Tier>;
  tiers: CompiledTier[];
  defaultTier: Tier;
  /** The default tier's reason when no other tier held: the same words for every school so placed. */
  fallbackReason: string;
  /** The default tier's rules: they choose the reason, not the tier. */
  defaultReasons: { rule: string; evaluate: Evaluator; reasons: Reasons }[];
  /** The "Needs data: ..." reason by the fields it names. */
  needsData: Reasons;
  /** Lists of the fields schools need, each kept once (see keptList). */
  lists: Lists;
  fields: [string, { value: string; tiers?: string[]; evaluate?: Evaluator }[]][];
}

/** The default tier's reason when no other tier holds (and none of its own rules): every other tier is named. */
function fallbackReason(policy: Policy): string {
  const passed = policy.tiers.filter((t) => !t.default).map((t) => t.label);
  const why = policy.tiers.find((t) => t.default)!.reason ?? `no rule placed it in ${passed.join(', ')}`;
  return `${why} (not ${passed.join(', not ')})`;
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  return {
    policy,
    byId: new Map(policy.tiers.map((t) => [t.id, t])),
    tiers: policy.tiers
      .filter((t) => !t.default)
      .map((tier) => ({
        tier,
        rules: (tier.rules ?? []).map((r) => ({
          rule: r.name,
          source: r.source,
          choice: r.choice,
          evaluate: compileCondition(r.when, policy),
          reasons: new Map(),
        })),
        choices: new Map(),
      })),
    defaultTier: policy.tiers.find((t) => t.default)!,
    fallbackReason: fallbackReason(policy),
    defaultReasons: (policy.tiers.find((t) => t.default)!.rules ?? []).map((r) => ({
      rule: r.name,
      evaluate: compileCondition(r.when, policy),
      reasons: new Map(),
    })),
    needsData: new Map(),
    lists: { one: new Map(), many: new Map() },
    fields: Object.entries(policy.fields).map(([name, values]) => [
      name,
      values.map((v) => ({
        value: v.value,
        tiers: v.tiers,
        evaluate: v.when ? compileCondition(v.when, policy) : undefined,
      })),
    ]),
  };
}

function traceTiers(compiled: CompiledPolicy, school: SchoolRecord, ctx: FactContext): TierTrace[] {
  return compiled.tiers.map(({ tier, rules }) => {
    const traced = rules.map((r) => ({
      rule: r.rule,
      source: r.source,
      choice: r.choice,
      evaluation: r.evaluate(school, ctx),
    }));
    const outcomes = traced.map((r) => r.evaluation.outcome);
    const outcome = outcomes.includes(true) ? true : outcomes.includes(null) ? null : false;
    return { tier: tier.id, label: tier.label, outcome, rules: traced };
  });
}

function decideFields(
  compiled: CompiledPolicy,
  tier: string | null,
  school: SchoolRecord,
  ctx: FactContext,
): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const [name, values] of compiled.fields) {
    result[name] = null;
    if (tier === null) continue;
    for (const value of values) {
      if (value.tiers && !value.tiers.includes(tier)) continue;
      if (value.evaluate && value.evaluate.test(school, ctx) !== true) continue;
      result[name] = value.value;
      break;
    }
  }
  return result;
}

/** The output fields of a policy that has none: one object for every school (never changed). */
const NO_OUTPUT_FIELDS: Record<string, string | null> = Object.freeze({});

/** A school placed in `tier` for these reasons with these choices (by default the tier's own; none for an override). */
function placedIn(
  compiled: CompiledPolicy,
  school: SchoolRecord,
  ctx: FactContext,
  tier: Tier,
  reasons: readonly string[],
  override: string | null,
  choices: readonly string[] = override ? NONE : tierChoices(tier),
): Placement {
  const { days, text } = describedDays(tier);
  return new PlacedSchool(
    compiled,
    ctx,
    school,
    tier.id,
    tier.label,
    tier.level,
    days,
    text,
    reasons,
    NONE,
    override,
    compiled.fields.length === 0 ? NO_OUTPUT_FIELDS : decideFields(compiled, tier.id, school, ctx),
    choices,
  );
}

export function placeSchool(compiled: CompiledPolicy, school: SchoolRecord, ctx: FactContext): Placement {
  // Placing uses the conditions' text-free tests, then words only the rules that decided (and in
  // them only the parts that decided).
  const overrideId = overrideFor(school, compiled.policy);
  if (overrideId !== null && compiled.byId.has(overrideId)) {
    const reason = String(school.fields.override_reason);
    return placedIn(compiled, school, ctx, compiled.byId.get(overrideId)!, [`Override: ${reason}`], reason);
  }

  let undecided = false;
  // The rules that could not be told, in order: in a tier that holds they are not needed.
  let unknown: Evaluator[] | null = null;
  for (const ct of compiled.tiers) {
    const { tier, rules } = ct;
    let outcome: boolean | null = false;
    let first = 0;
    const known = unknown?.length ?? 0;
    for (; first < rules.length; first++) {
      const result = rules[first].evaluate.test(school, ctx);
      if (result === true) {
        outcome = true;
        break;
      }
      if (result === null) {
        outcome = null;
        (unknown ??= []).push(rules[first].evaluate);
      }
    }
    if (outcome === null) {
      undecided = true;
      continue;
    }
    if (outcome === false) continue;
    if (undecided) {
      // An earlier tier could not be decided: do not skip past it.
      unknown!.length = known;
      break;
    }
    // The rules before the first that holds do not; those after it are tested for their words.
    // A list made with its first reason holds just that (one pushed onto an empty list has room
    // for seventeen); most schools have one.
    const deciding = rules[first];
    const reasons = [reasonOf(deciding.reasons, deciding.rule, deciding.evaluate.say(school, ctx))];
    // Which rules held, for their choices: a bit each, and past HELD_BITS a list.
    let held = 0;
    let extra: number[] | null = null;
    for (let i = first; i < rules.length; i++) {
      if (i > first) {
        const rule = rules[i];
        if (rule.evaluate.test(school, ctx) !== true) continue;
        reasons.push(reasonOf(rule.reasons, rule.rule, rule.evaluate.say(school, ctx)));
      }
      // An empty choice says nothing: it is not one of the placement's choices.
      if (!rules[i].choice) continue;
      if (i < HELD_BITS) held |= 1 << i;
      else (extra ??= []).push(i);
    }
    const choices = held === 0 && extra === null ? tierChoices(tier) : ruleChoices(ct, held, extra);
    return placedIn(compiled, school, ctx, tier, reasons, null, choices);
  }
  if (undecided) {
    // What the trace would name, without building it: the tiers up to the first that holds, and in
    // each undecided one the rules that could not be told (only an unknown outcome needs a field).
    const missing: string[] = [];
    for (const evaluate of unknown ?? []) missing.push(...evaluate.needs(school, ctx));
    const fields = keptList(compiled.lists, unique(missing));
    return new PlacedSchool(
      compiled,
      ctx,
      school,
      null,
      null,
      null,
      null,
      'needs data',
      [reasonOf(compiled.needsData, 'Needs data', fields.length === 1 ? fields[0] : fields.join(', '))],
      fields,
      null,
      compiled.fields.length === 0 ? NO_OUTPUT_FIELDS : decideFields(compiled, null, school, ctx),
      NONE,
    );
  }
  const fallback = compiled.defaultTier;
  const because = compiled.defaultReasons.find((r) => r.evaluate.test(school, ctx) === true);
  if (because)
    return placedIn(
      compiled,
      school,
      ctx,
      fallback,
      [reasonOf(because.reasons, because.rule, because.evaluate.say(school, ctx))],
      null,
    );
  // Every tier was tested and none held: the words are the same for every school placed so.
  return placedIn(compiled, school, ctx, fallback, [compiled.fallbackReason], null);
}

/**
 * The tier an override names for this policy. A cell may hold a bare tier id ("C"), or one per
 * policy ("rlt-categories:C; dfe-tsio-2023:eligible") so one data file serves several policies.
 */
export function overrideFor(school: SchoolRecord, policy: Policy): string | null {
  const cell = school.fields.override_tier;
  if (cell === null) return null;
  for (const part of String(cell)
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.lastIndexOf(':');
    if (colon < 0) return part;
    if (part.slice(0, colon).trim() === policy.id) return part.slice(colon + 1).trim();
  }
  return null;
}

const DECLARED = new WeakMap<Policy, [string, 'number' | string[]][]>();
/** The policy's `columns:`, listed once for all its schools. */
function declaredColumns(policy: Policy): [string, 'number' | string[]][] {
  let declared = DECLARED.get(policy);
  if (!declared) DECLARED.set(policy, (declared = Object.entries(policy.columns ?? {})));
  return declared;
}

/**
 * What in a row only the policy can see is wrong: an override naming a tier the policy lacks, or
 * a value of a declared column (`columns:`) that is not one of its values ("rde" for red).
 */
export function schoolProblems(school: SchoolRecord, policy: Policy): DataProblem[] {
  const problems: DataProblem[] = [];
  const id = overrideFor(school, policy);
  if (id !== null && !policy.tiers.some((t) => t.id === id)) {
    problems.push({
      line: school.line,
      column: 'override_tier',
      message: `"${id}" is not a tier of policy ${policy.id}; expected one of ${policy.tiers.map((t) => t.id).join(', ')}`,
    });
  }
  for (const [name, declared] of declaredColumns(policy)) {
    const header = extraKey(school.extra, name);
    const raw = header === undefined ? '' : school.extra[header].trim();
    if (raw === '') continue;
    if (declared === 'number') {
      if (!Number.isFinite(Number(raw.replace(/%$/, ''))))
        problems.push({
          line: school.line,
          column: header,
          message: `"${raw}" is not a number (columns: ${name}: number)`,
        });
    } else if (!declared.some((v) => fold(v) === fold(raw))) {
      problems.push({
        line: school.line,
        column: header,
        message: `"${raw}" is not a declared value of ${name}; expected ${declared.join(', ')} (or blank), as columns: in the config says`,
      });
    }
  }
  return problems;
}

// Inspection dates, which cannot be later than the day sit works as of (a typo such as 2062, or a
// wrong --as-of): taken as given they would make "years since inspection" negative.
const INSPECTION_DATES = ['ofsted_date', 'previous_ofsted_date', 'rc_date'] as const;
const INSPECTION_READERS = INSPECTION_DATES.map((field) => [field, fieldReaderOf(field)] as const);
/** No problems: one empty list for every school that has none (it runs for every row of a large file). */
const NO_PROBLEMS: readonly DataProblem[] = Object.freeze([]);

/** An inspection dated after the as-of date is a data problem, not a school inspected in the future. */
export function inspectionDateProblems(school: SchoolRecord, asOf: string): readonly DataProblem[] {
  let problems: DataProblem[] | null = null;
  for (const [field, read] of INSPECTION_READERS) {
    const date = read(school);
    if (typeof date === 'string' && date > asOf) {
      (problems ??= []).push({
        line: school.line,
        column: field,
        message: `${date} is after the as-of date ${asOf}; an inspection cannot be in the future (check the date, or --as-of)`,
      });
    }
  }
  return problems ?? NO_PROBLEMS;
}

/** What a placement holds (its trace aside), in the order placeSchool gives them (a re-tiered copy keeps it). */
export const PLACEMENT_KEYS = [
  'school',
  'tier',
  'label',
  'level',
  'days',
  'daysText',
  'reasons',
  'missing',
  'override',
  'fields',
  'choices',
] as const;

/**
 * Everything the policy and the as-of date find wrong with one school, in the order they are
 * listed: inspections dated after the as-of date, then the school's own (schoolProblems). Every
 * reading of a data file checks each school with this, whole or streamed.
 */
export function policyProblems(school: SchoolRecord, policy: Policy, asOf: string): readonly DataProblem[] {
  const dated = inspectionDateProblems(school, asOf);
  const own = schoolProblems(school, policy);
  return own.length === 0 ? dated : dated.length === 0 ? own : [...dated, ...own];
}

export function classify(schools: SchoolRecord[], policy: Policy, options: ClassifyOptions): Classification {
  const compiled = compilePolicy(policy);
  const ctx: FactContext = { asOf: options.asOf, trustSizes: trustSizesFor(policy, schools) };
  const problems: DataProblem[] = [];
  for (const school of schools) {
    const found = policyProblems(school, policy, options.asOf);
    if (found.length) problems.push(...found);
  }
  if (problems.length) return { placements: [], problems };
  const placed = options.only ? schools.filter(options.only) : schools;
  return { placements: placed.map((s) => placeSchool(compiled, s, ctx)), problems };
}
