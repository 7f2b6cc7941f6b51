// The budget in the shapes people and scripts read: the JSON of SPEC section 5 and table models for
// the terminal, CSV, Markdown and HTML (one section per view: schools, tiers, trusts, capacity).
import type { BudgetResult, CapacityTerm, ItemCost, SchoolBudget, Totals, TrustTotals } from '../core/budget.js';
import { TERMS } from '../core/budget.js';
import type { Policy } from '../core/policy.js';
import { maxLevel } from '../core/levels.js';
import { r2, round2 } from '../core/display.js';
import { SitError, usageError } from '../errors.js';
import {
  eachMade,
  withRowArray,
  type Cell,
  type Column,
  type RowsTable,
  type TableModel,
} from './formats/table-model.js';
import { escapeHtml, pageHtmlParts, paragraphsHtml, tableHtmlLines } from './formats/html.js';
import { tableContent } from './render.js';
import { joinedParts, type Content } from './output.js';
import { toXlsxWorkbook } from './xlsx.js';
import { escapeMarkdown, markdownLines } from './formats/markdown.js';
import type { DeliveryBudget } from '../core/delivered.js';
import { deliveredSchoolJson, deliveryJson, deliveryTable, withDeliveredColumns } from './delivery-output.js';
import { JsonItems, JsonMembers, jsonDocument, jsonMembers } from './formats/json.js';
import type { DroppedGroup } from '../core/dropped.js';

/** Each term's days to two decimal places at most, so sums like 0.1 + 0.2 print as people expect. */
const terms = (xs: number[]): number[] => xs.map(round2);
export const NO_TRUST = '(no trust)';

function itemJson(c: ItemCost) {
  return {
    name: c.name,
    kind: c.kind,
    days: r2(c.days),
    ceiling: r2(c.ceiling),
    per: c.per,
    subject_to: c.subjectTo,
    paid_by: c.paidBy,
    basis: c.basis,
  };
}

/** A total's JSON; a trust's ends with its items counted once for it (one object per trust, no spread). */
function totalsJson(t: Totals, trustItems?: unknown[]) {
  const json: Record<string, unknown> = {
    schools: t.schools,
    days: round2(t.days),
    ceiling: round2(t.ceiling),
    unknown: t.unknown,
    needs_data: t.needsData,
    per_term: terms(t.perTerm),
    subject_to_approval: round2(t.conditional),
    unscheduled: round2(t.unscheduled),
  };
  if (trustItems) json.trust_items = trustItems;
  return json;
}

function termJson(t: CapacityTerm) {
  return { demand: round2(t.demand), capacity: round2(t.capacity), balance: round2(t.balance), over: t.over };
}

/** A school's JSON (one of 22,000 and more, made as it is written). */
function schoolJson(s: SchoolBudget): Record<string, unknown> {
  return {
    urn: s.urn,
    name: s.name,
    trust: s.trust,
    tier: s.tier,
    days: r2(s.days),
    scheduled: r2(s.scheduled),
    stated: s.stated,
    unscheduled: round2(s.unscheduledDays),
    ceiling: r2(s.ceiling),
    is_ceiling: s.isCeiling,
    unknown: s.unknown,
    needs_data: s.tier === null,
    per_term: terms(s.perTerm),
    paid_by: s.paidBy,
    basis: s.basis,
    items: s.items.map(itemJson),
    trust_items: s.trustItems.map(itemJson),
    subject_to_approval: s.conditional.map(itemJson),
  };
}

/**
 * Each trust's totals keyed by its name, a trust at a time, in the order (and with the last of a
 * name twice) that Object.fromEntries of them would give: 17,000 trusts and more for England.
 */
function byTrustJson(result: BudgetResult): JsonMembers {
  const at: Record<string, number> = Object.fromEntries(result.byTrust.map((t, i) => [t.trust ?? NO_TRUST, i]));
  return new JsonMembers(
    eachMade(Object.keys(at), (name) => {
      const t = result.byTrust[at[name]];
      return [name, totalsJson(t, t.trustItems.map(itemJson))] as const;
    }),
  );
}

/**
 * `sit budget --format json`: `schools` (urn, tier, days, ...), `byTier` and `byTrust` (objects keyed
 * by tier id and trust name; schools outside a trust under "(no trust)"), `total` (`days`: the sum of
 * known days; `unknown`: schools whose days the policy does not state), `capacity` (or null); with a
 * visit log, each school's `delivered` and `remaining` and the `delivery` object; `unscheduled` and
 * `dropped` (each activity, day and reason once, with the URNs and trusts it dropped for). Written a school, a trust and an
 * unscheduled event at a time (jsonParts).
 */
export function budgetJson(result: BudgetResult, policy: Policy, asOf: string, delivery?: DeliveryBudget): JsonMembers {
  const withDelivery = delivery ? deliveredSchoolJson(delivery) : (school: Record<string, unknown>) => school;
  return jsonMembers({
    policy: policy.id,
    as_of: asOf,
    term_weeks: result.termWeeks,
    schools: new JsonItems(eachMade(result.schools, (s) => withDelivery(schoolJson(s)))),
    byTier: Object.fromEntries(
      result.byTier.map((t) => [t.tier, { label: t.label, level: t.level, ...totalsJson(t) }]),
    ),
    byTrust: byTrustJson(result),
    total: totalsJson(result.total),
    capacity: result.capacity && {
      people: result.capacity.people.map((p) => ({
        role: p.role,
        name: p.name,
        per_term: round2(p.perTerm),
        year: round2(p.year),
      })),
      terms: result.capacity.terms.map((t) => ({ term: t.term, ...termJson(t) })),
      year: termJson(result.capacity.year),
      over_allocated: result.capacity.overAllocated,
      by_person: result.capacity.byPerson.map((p) => ({
        name: p.name,
        role: p.role,
        events: p.events,
        terms: p.terms.map((t) => ({ term: t.term, ...termJson(t) })),
        year: termJson(p.year),
      })),
      unassigned: result.capacity.unassigned.map((u) => ({
        role: u.role,
        events: u.events,
        per_term: terms(u.perTerm),
        year: round2(u.year),
      })),
    },
    trust_events: result.trustEvents.map((t) => ({
      trust: t.trust,
      activity: t.activity,
      count: t.count,
      days: round2(t.days),
      per_term: terms(t.perTerm),
    })),
    // A starved team leaves a million unscheduled: an item at a time, not one string of them all.
    unscheduled: new JsonItems(result.unscheduled),
    dropped: new JsonItems(eachMade(result.dropped.groups(), droppedJson)),
    assumptions: result.assumptions,
    ...(delivery ? { delivery: deliveryJson(delivery) } : {}),
  });
}

/**
 * A group of dropped occurrences: its schools by URN (a part each: a weekly cadence's holiday week
 * is every school in England), and the trusts (or all schools) by name.
 */
function droppedJson({ owners, ...group }: DroppedGroup): JsonMembers {
  return jsonMembers({
    ...group,
    urns: new JsonItems(owners.flatMap((o) => (o.urn === null ? [] : [o.urn]))),
    trusts: owners.flatMap((o) => (o.urn === null ? [o.name] : [])),
  });
}

const termColumns: Column[] = Array.from({ length: TERMS }, (_, i) => ({ key: `t${i + 1}`, header: `T${i + 1}` }));
/**
 * A row with its six term cells set (blank without figures). Set on the row made, not spread into
 * it: a spread in the middle of an object takes microseconds in this V8, and a row is made for
 * every school and trust (22,000 and more for England). Columns, not key order, place the cells.
 */
function withTerms<T extends Record<string, Cell>>(row: T, xs: number[] | null): T & Record<string, Cell> {
  const r = row as Record<string, Cell>;
  r.t1 = xs ? round2(xs[0]) : null;
  r.t2 = xs ? round2(xs[1]) : null;
  r.t3 = xs ? round2(xs[2]) : null;
  r.t4 = xs ? round2(xs[3]) : null;
  r.t5 = xs ? round2(xs[4]) : null;
  r.t6 = xs ? round2(xs[5]) : null;
  return row;
}

/** The days as a reader should take them: a number, "up to" a ceiling, not stated, or needs data. */
export function daysText(s: SchoolBudget): string {
  if (s.scheduled !== null) {
    const parts = [`${round2(s.days ?? 0)}`];
    if (s.stated) parts.push(`(source: ${s.stated})`);
    if (s.unscheduledDays) parts.push(`+ ${round2(s.unscheduledDays)} unscheduled`);
    if (s.tier === null) parts.push('(needs data)');
    return parts.join(' ');
  }
  if (s.tier === null) return 'needs data';
  if (s.days === null) return 'not stated';
  const n = String(round2(s.days));
  const ceiling =
    s.ceiling !== null && s.ceiling > s.days ? ` (ceiling ${round2(s.ceiling)})` : s.isCeiling ? ' (ceiling)' : '';
  const shared = s.trustItems.length ? ' + trust share' : '';
  return `${n}${ceiling}${shared}${s.unknown && s.days !== null && s.items.some((c) => c.days === null) ? ' + not stated' : ''}`;
}

export function schoolsTable(
  result: BudgetResult,
  policy: Policy,
  asOf: string,
  detail: 'terminal' | 'file',
): RowsTable {
  const columns: Column[] =
    detail === 'terminal'
      ? [
          { key: 'urn', header: 'URN' },
          { key: 'name', header: 'School', wide: true },
          { key: 'tier', header: 'Tier' },
          { key: 'days_text', header: 'Days' },
          { key: 'paid_by', header: 'Paid by' },
          { key: 'basis', header: 'Basis', wide: true },
        ]
      : [
          { key: 'urn', header: 'urn' },
          { key: 'name', header: 'name' },
          { key: 'trust', header: 'trust' },
          { key: 'tier', header: 'tier' },
          { key: 'days', header: 'days' },
          { key: 'scheduled', header: 'scheduled' },
          { key: 'stated', header: 'stated' },
          { key: 'unscheduled', header: 'unscheduled' },
          { key: 'ceiling', header: 'ceiling' },
          { key: 'days_text', header: 'days_text' },
          ...termColumns,
          { key: 'paid_by', header: 'paid_by' },
          { key: 'basis', header: 'basis', wide: true },
        ];
  const schoolRow = (s: SchoolBudget): Record<string, Cell> =>
    withTerms(
      {
        urn: s.urn,
        name: s.name,
        trust: s.trust,
        tier: s.tier ?? (detail === 'terminal' ? 'needs data' : null),
        days: r2(s.days),
        scheduled: r2(s.scheduled),
        stated: s.stated,
        unscheduled: s.scheduled === null ? null : round2(s.unscheduledDays),
        ceiling: r2(s.ceiling),
        days_text: daysText(s),
        paid_by: s.paidBy,
        basis: s.basis,
      },
      (s.tier === null && s.scheduled === null) || s.days === null ? null : s.perTerm,
    );
  // Items counted once per trust get a row of their own, so the days column adds up to the total.
  const trustItemRow = (t: TrustTotals, c: ItemCost): Record<string, Cell> =>
    withTerms(
      {
        urn: null,
        name: `${t.trust} (${c.name}, once for the trust)`,
        trust: t.trust,
        tier: c.tier,
        days: c.subjectTo ? 0 : r2(c.days),
        ceiling: r2(c.ceiling),
        days_text: c.subjectTo
          ? `subject to ${c.subjectTo}: not counted`
          : `${round2(c.days ?? 0)}${c.kind === 'ceiling' ? ' (ceiling)' : ''}`,
        paid_by: c.paidBy,
        basis: c.basis,
      },
      c.subjectTo ? null : c.perTerm,
    );
  const trustEventRow = (t: BudgetResult['trustEvents'][number]): Record<string, Cell> =>
    withTerms(
      {
        urn: null,
        name: `${t.trust} (${t.activity}: ${t.count} for the trust, once)`,
        trust: t.trust === 'All schools' ? null : t.trust,
        tier: null,
        days: round2(t.days),
        scheduled: round2(t.days),
        stated: null,
        unscheduled: null,
        ceiling: round2(t.days),
        days_text: String(round2(t.days)),
        paid_by: null,
        basis: `${t.count} x ${t.activity}, scheduled once for ${t.trust}`,
      },
      t.perTerm,
    );
  // Made as they are written, not held: a row per school is 22,000 objects for England.
  const rows = {
    *[Symbol.iterator]() {
      for (const s of result.schools) yield schoolRow(s);
      for (const t of result.byTrust) for (const c of t.trustItems) yield trustItemRow(t, c);
      for (const t of result.trustEvents) yield trustEventRow(t);
    },
  };
  const levels = result.schools.map((s) => s.placement.level);
  for (const t of result.byTrust)
    for (const c of t.trustItems) levels.push(policy.tiers.find((x) => x.id === c.tier)?.level ?? null);
  for (const _ of result.trustEvents) levels.push(null);
  return {
    title: `Support days by school: ${policy.name}`,
    subtitle: [`Policy: ${policy.id}. As of ${asOf}. Days a year; T1-T6 are terms 1-6.`],
    columns,
    rows,
    levels,
    maxLevel: maxLevel(policy),
    footer: [totalLine(result)],
  };
}

export function totalLine(result: BudgetResult): string {
  const t = result.total;
  const parts = [`Total: ${round2(t.days)} days for ${t.schools} schools`];
  if (t.ceiling > t.days) parts.push(`up to ${round2(t.ceiling)} at the ceiling`);
  if (t.unknown)
    parts.push(`${t.unknown} school${t.unknown === 1 ? '' : 's'} with no set number of days (not counted, not zero)`);
  if (t.needsData) parts.push(`${t.needsData} needing data`);
  if (t.conditional) parts.push(`${round2(t.conditional)} more subject to approval (not counted)`);
  return parts.join('; ');
}

/** A total's row, its name cells (`lead`) first: one for each trust, 17,000 and more for England. */
function totalsRow(lead: Record<string, Cell>, t: Totals): Record<string, Cell> {
  const row = lead;
  row.schools = t.schools;
  row.days = round2(t.days);
  row.ceiling = round2(t.ceiling);
  row.unknown = t.unknown;
  row.needs_data = t.needsData;
  row.conditional = round2(t.conditional);
  return withTerms(row, t.perTerm);
}

const totalsColumns: Column[] = [
  { key: 'schools', header: 'schools' },
  { key: 'days', header: 'days' },
  { key: 'ceiling', header: 'ceiling' },
  { key: 'unknown', header: 'not stated' },
  { key: 'needs_data', header: 'needs data' },
  { key: 'conditional', header: 'subject to approval' },
  ...termColumns,
];

export function tiersTable(result: BudgetResult, policy: Policy): TableModel {
  return {
    title: 'Support days by tier',
    columns: [{ key: 'tier', header: 'tier' }, { key: 'label', header: 'label' }, ...totalsColumns],
    rows: [
      ...result.byTier.map((t) => totalsRow({ tier: t.tier, label: t.label }, t)),
      totalsRow({ tier: 'total', label: '' }, result.total),
    ],
    levels: [...result.byTier.map((t) => t.level), null],
    maxLevel: maxLevel(policy),
  };
}

export function trustsTable(result: BudgetResult): TableModel {
  return {
    title: 'Support days by trust',
    columns: [{ key: 'trust', header: 'trust' }, ...totalsColumns],
    rows: [
      ...result.byTrust.map((t) => totalsRow({ trust: t.trust ?? NO_TRUST }, t)),
      totalsRow({ trust: 'total' }, result.total),
    ],
  };
}

export function overLine(result: BudgetResult): string | null {
  const c = result.capacity;
  if (!c?.overAllocated) return null;
  const over = c.terms.filter((t) => t.over).map((t) => `term ${t.term} by ${dayCount(-t.balance)}`);
  if (c.year.over) over.push(`the year by ${dayCount(-c.year.balance)}`);
  for (const p of c.byPerson) {
    const terms = p.terms.filter((t) => t.over).map((t) => `term ${t.term} by ${round2(-t.balance)}`);
    if (p.year.over) terms.push(`the year by ${round2(-p.year.balance)}`);
    if (terms.length) over.push(`${p.name}: ${terms.join(', ')} days`);
  }
  return `OVER-ALLOCATED: demand exceeds capacity in ${over.join(', ')}`;
}

/** "1 day", "0.5 days", "13.5 days": a number of days as a person writes it. */
export const dayCount = (n: number): string => `${round2(n)} ${round2(n) === 1 ? 'day' : 'days'}`;

export function capacityTable(result: BudgetResult): TableModel | null {
  const c = result.capacity;
  if (!c) return null;
  const row = (label: string, t: CapacityTerm) => ({
    term: label,
    demand: round2(t.demand),
    capacity: round2(t.capacity),
    balance: round2(t.balance),
    status: t.over ? `OVER-ALLOCATED by ${dayCount(-t.balance)}` : 'within capacity',
  });
  return {
    title: 'Demand against capacity',
    subtitle: [
      `Capacity: ${c.people.map((p) => `${p.role}${p.name ? ` (${p.name})` : ''} ${p.basis}`).join('; ')}.`,
      'Demand counts known days only (the planning figure; "up to" at its bound); days not stated and days subject to approval are not in it.',
    ],
    columns: [
      { key: 'term', header: 'term' },
      { key: 'demand', header: 'demand (days)' },
      { key: 'capacity', header: 'capacity (days)' },
      { key: 'balance', header: 'balance' },
      { key: 'status', header: 'status' },
    ],
    rows: [
      ...c.terms.map((t) => row(`term ${t.term}`, t)),
      row('year', c.year),
      ...c.byPerson.flatMap((p) => [
        ...p.terms.map((t) => row(`${p.name}: term ${t.term}`, t)),
        row(`${p.name}: year`, p.year),
      ]),
      ...c.unassigned.map((u) => ({
        term: `unassigned (${u.role}): year`,
        demand: round2(u.year),
        capacity: 0,
        balance: round2(-u.year),
        status: `no one in capacity: has the role (${u.events} events)`,
      })),
    ],
    levels: [
      ...c.terms.map((t) => (t.over ? 2 : 1)),
      c.year.over ? 2 : 1,
      ...c.byPerson.flatMap((p) => [...p.terms.map((t) => (t.over ? 2 : 1)), p.year.over ? 2 : 1]),
      ...c.unassigned.map(() => 2),
    ],
    maxLevel: 2,
    levelColumn: 'status',
    footer: [overLine(result) ?? 'Within capacity in every term and for the year.'],
  };
}

export function assumptionsTable(result: BudgetResult): TableModel {
  return {
    title: 'Assumptions',
    columns: [{ key: 'assumption', header: 'assumption', wide: true }],
    rows: result.assumptions.map((a) => ({ assumption: a })),
  };
}

export const BUDGET_VIEWS = ['school', 'tier', 'trust', 'term'] as const;

export function budgetTables(
  result: BudgetResult,
  policy: Policy,
  asOf: string,
  detail: 'terminal' | 'file',
  view?: string,
): RowsTable[] {
  // Each view's table made only when asked for: a CSV by school makes no table of 16,000 trusts.
  const views: Record<string, () => RowsTable[]> = {
    school: () => [schoolsTable(result, policy, asOf, detail)],
    tier: () => [tiersTable(result, policy)],
    trust: () => [trustsTable(result)],
    term: () => {
      const capacity = capacityTable(result);
      return capacity ? [capacity] : [];
    },
  };
  if (view) return views[view]();
  return [...views.school(), ...views.tier(), ...views.trust(), ...views.term(), assumptionsTable(result)];
}

/** One table as an HTML section, a part at a time: heading, lines above, the table's rows as they come, lines below. */
export function* sectionHtml(t: RowsTable, className = ''): Generator<string> {
  yield `<section${className ? ` class="${className}"` : ''}>\n<h2>${escapeHtml(t.title)}</h2>`;
  for (const line of paragraphsHtml(t.subtitle ?? [])) yield `\n${line}`;
  yield '\n';
  yield* tableHtmlLines(t);
  for (const line of paragraphsHtml(t.footer ?? [])) yield `\n${line}`;
  yield '\n</section>';
}

/** One table as a Markdown section under a level-2 heading, a part at a time. */
export function* sectionMarkdown(t: RowsTable): Generator<string> {
  yield '#';
  yield* markdownLines(t);
}

/** Several tables as one document, a part at a time: HTML gets one page with a section per table. */
export function renderSections(
  title: string,
  subtitle: string[],
  tables: RowsTable[],
  format: string,
  options: { color: boolean; width?: number },
): Content {
  if (format === 'html')
    return pageHtmlParts(
      title,
      subtitle,
      joinedParts(
        tables.map((t) => sectionHtml(t)),
        '\n',
      ),
    );
  if (tables.length === 1 || format === 'csv') return tableContent(tables[0], format, options);
  if (format === 'md') {
    const head = [`# ${escapeMarkdown(title)}`, '', ...subtitle.flatMap((l) => [escapeMarkdown(l), '']), ''].join('\n');
    return joinedParts([[head], joinedParts(tables.map(sectionMarkdown), '\n')], '');
  }
  // The terminal's tables, each made as it is written.
  return joinedParts(
    eachMade(tables, (t) => tableContent(t, format, options)),
    '\n',
  );
}

/** After the output is written: the line that says demand exceeds capacity; --strict fails (exit 1). */
export function overAllocation(result: BudgetResult, strict: boolean | undefined): string | null {
  const over = overLine(result);
  if (over && strict) throw new SitError('overAllocated', `${over} (--strict)`);
  return over ? `sit: ${over}` : null;
}

/** The budget as --format asks: JSON, a workbook, or the tables (one view with --by). */
export async function budgetContent(
  result: BudgetResult,
  policy: Policy,
  asOf: string,
  how: {
    format: string;
    view?: string;
    display: { color: boolean; width?: number };
    /** From the visit log (delivery-input.ts), or null without one. */
    delivered?: { budget: DeliveryBudget; log: string } | null;
  },
): Promise<Content> {
  const { delivered } = how;
  if (how.format === 'json') {
    return jsonDocument(budgetJson(result, policy, asOf, delivered?.budget));
  }
  let tables = budgetTables(result, policy, asOf, how.format === 'table' ? 'terminal' : 'file', how.view);
  // With a visit log: delivered and remaining beside each school's days, and the table by school, person, tier and term.
  if (delivered) {
    tables = tables.map((t) => withDeliveredColumns(t, delivered.budget));
    if (how.view === undefined) tables.push(deliveryTable(delivered.budget, asOf, delivered.log));
  }
  if (tables.length === 0)
    throw usageError(
      '--by term: no capacity in trust.config.yaml (add a capacity: list of the people who deliver support)',
    );
  if (how.format === 'xlsx') return toXlsxWorkbook(tables.map(withRowArray));
  const title = `Support days: ${policy.name}`;
  return renderSections(title, [`Policy: ${policy.id}. As of ${asOf}.`], tables, how.format, how.display);
}
