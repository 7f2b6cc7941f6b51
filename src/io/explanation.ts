// `sit explain`: every rule the policy has for one school, with the values seen and the outcome,
// as an indented text tree (terminal), rows (CSV, Markdown, HTML) or a structured object (JSON).
import type { Placement } from '../core/classify.js';
import { placementJson } from './placements.js';
import type { Evaluation } from '../core/conditions.js';
import type { Policy } from '../core/policy.js';
import type { TableModel } from './formats/table-model.js';
import { inspectionSummary } from '../core/report-card.js';
import { makeChalk } from './formats/terminal.js';

const word = (outcome: boolean | null) => (outcome === true ? 'yes' : outcome === false ? 'no' : 'unknown');
/** The policy's own choices are never shown as the source's words. */
export const choiceLine = (choice: string) => `sit's choice: ${choice}`;

function headline(p: Placement): string {
  const where =
    p.tier === null ? `needs data (${p.missing.join(', ')})` : `${p.label} [${p.tier}], days: ${p.daysText}`;
  return `${p.school.name} (URN ${p.school.urn}): ${where}`;
}

/** The line above a node's children: all of / any of / not, a count's tally, a definition's name. */
const headingOf = (e: Evaluation) => e.heading ?? (e.op === 'all' ? 'all of:' : e.op === 'any' ? 'any of:' : 'not:');

interface Row {
  tier: string;
  rule: string;
  test: string;
  outcome: string;
}

/** One line of an explanation with the lines under it: a rule, an all of / any of / not, a test. */
export interface ExplanationItem {
  /** null: cannot tell (data missing); undefined: no outcome of its own (a note). */
  outcome: boolean | null;
  text: string;
  /** Lines that belong to the item: the source quote, sit's choice. */
  notes: string[];
  children: ExplanationItem[];
}

/** A tier: whether a rule holds, sit's choice for it, and each rule with its conditions nested. */
export interface ExplanationSection {
  tier: string;
  heading: string;
  notes: string[];
  items: ExplanationItem[];
}

/** The explanation as a document (HTML, Markdown): a title, the lines above, and a section per tier. */
export interface ExplanationDocument {
  title: string;
  intro: string[];
  sections: ExplanationSection[];
}

/** A condition with its children, as nested items. */
function conditionItem(e: Evaluation): ExplanationItem {
  if (e.op === 'test') return { outcome: e.outcome, text: e.text, notes: [], children: [] };
  return {
    outcome: e.outcome,
    text: headingOf(e),
    notes: [...(e.source ? [`source: "${e.source}"`] : []), ...(e.choice ? [choiceLine(e.choice)] : [])],
    children: (e.children ?? []).map(conditionItem),
  };
}

const tierOutcome = (outcome: boolean | null) =>
  outcome === true ? 'a rule holds' : outcome === false ? 'no rule holds' : 'cannot tell: data missing';

export function explanationDocument(p: Placement, policy: Policy, asOf: string): ExplanationDocument {
  const placedTier = policy.tiers.find((t) => t.id === p.tier);
  const intro = [
    `Policy: ${policy.name} (${policy.id}). As of ${asOf}.`,
    ...inspectionSummary(p.school.fields),
    ...p.reasons.map((r) => `Decided by: ${r}`),
    ...p.choices.map(choiceLine),
    ...(placedTier?.days_source ? [`Days in the source: "${placedTier.days_source}"`] : []),
    ...(p.override ? ['Placed by hand (override_tier); the rules below are shown for reference.'] : []),
  ];
  const sections: ExplanationSection[] = p.trace.map((tier) => {
    const choice = policy.tiers.find((t) => t.id === tier.tier)?.choice;
    return {
      tier: `${tier.label} [${tier.tier}]`,
      heading: `${tier.label} [${tier.tier}]: ${tierOutcome(tier.outcome)}`,
      notes: choice ? [choiceLine(choice)] : [],
      items: tier.rules.map((rule) => ({
        outcome: rule.evaluation.outcome,
        text: `rule: ${rule.rule}`,
        notes: [
          ...(rule.source ? [`source: "${rule.source}"`] : []),
          ...(rule.choice ? [choiceLine(rule.choice)] : []),
        ],
        children: [conditionItem(rule.evaluation)],
      })),
    };
  });
  const fallback = policy.tiers.find((t) => t.default)!;
  sections.push({
    tier: `${fallback.label} [${fallback.id}]`,
    heading: `${fallback.label} [${fallback.id}]: the default tier`,
    notes: fallback.choice ? [choiceLine(fallback.choice)] : [],
    items: [
      {
        outcome: p.tier === fallback.id && !p.override,
        text: `every school no tier above took${fallback.reason ? ` (${fallback.reason})` : ''}`,
        notes: [],
        children: [],
      },
    ],
  });
  return { title: `Explanation: ${headline(p)}`, intro, sections };
}

/** The conditions of each rule as rows, indented by depth (CSV, Excel). */
export function explanationRows(p: Placement, policy: Policy): Row[] {
  const rows: Row[] = [];
  for (const tier of p.trace) {
    for (const rule of tier.rules) {
      const walk = (item: ExplanationItem, depth: number) => {
        rows.push({
          tier: `${tier.label} [${tier.tier}]`,
          rule: rule.rule,
          test: `${'  '.repeat(depth)}${item.text}`,
          outcome: word(item.outcome),
        });
        for (const child of item.children) walk(child, depth + 1);
      };
      walk(conditionItem(rule.evaluation), 0);
    }
  }
  const fallback = policy.tiers.find((t) => t.default)!;
  rows.push({
    tier: `${fallback.label} [${fallback.id}]`,
    rule: '(default tier)',
    test: fallback.reason ?? 'every school no other tier took',
    outcome: p.tier === fallback.id && !p.override ? 'yes' : 'no',
  });
  return rows;
}

export function explanationTable(p: Placement, policy: Policy, asOf: string): TableModel {
  return {
    title: `Explanation: ${headline(p)}`,
    subtitle: [
      `Policy: ${policy.id}. As of ${asOf}.`,
      ...inspectionSummary(p.school.fields),
      ...p.reasons.map((r) => `Decided by: ${r}`),
      ...p.choices.map(choiceLine),
    ],
    columns: [
      { key: 'tier', header: 'tier' },
      { key: 'rule', header: 'rule' },
      { key: 'test', header: 'test', wide: true },
      { key: 'outcome', header: 'outcome' },
    ],
    rows: explanationRows(p, policy).map((r) => ({ ...r })),
  };
}

export function explanationText(p: Placement, policy: Policy, asOf: string, color: boolean): string {
  const chalk = makeChalk(color);
  const mark = (o: boolean | null) =>
    o === true ? chalk.green('yes') : o === false ? chalk.dim('no ') : chalk.yellow('???');
  const lines = [
    chalk.bold(headline(p)),
    chalk.dim(`Policy: ${policy.name} (${policy.id}). As of ${asOf}.`),
    ...inspectionSummary(p.school.fields),
  ];
  for (const r of p.reasons) lines.push(`Decided by: ${r}`);
  for (const c of p.choices) lines.push(choiceLine(c));
  const placedTier = policy.tiers.find((t) => t.id === p.tier);
  if (placedTier?.days_source) lines.push(`Days in the source: "${placedTier.days_source}"`);
  if (p.override) lines.push(chalk.yellow(`Placed by hand (override_tier); the rules below are shown for reference.`));
  lines.push('');
  const walk = (e: Evaluation, depth: number) => {
    const pad = '    '.repeat(depth);
    if (e.op === 'test') lines.push(`${pad}${mark(e.outcome)}  ${e.text}`);
    else {
      lines.push(`${pad}${mark(e.outcome)}  ${headingOf(e)}`);
      if (e.source) lines.push(chalk.dim(`${pad}     source: ${e.source}`));
      if (e.choice) lines.push(chalk.dim(`${pad}     choice (the policy's, not the source's): ${e.choice}`));
      for (const c of e.children ?? []) walk(c, depth + 1);
    }
  };
  for (const tier of p.trace) {
    lines.push(
      `${chalk.bold(`${tier.label} [${tier.tier}]`)}: ${tier.outcome === true ? chalk.green('a rule holds') : tier.outcome === false ? 'no rule holds' : chalk.yellow('cannot tell: data missing')}`,
    );
    const tierChoice = policy.tiers.find((t) => t.id === tier.tier)?.choice;
    if (tierChoice) lines.push(chalk.dim(`  ${choiceLine(tierChoice)}`));
    for (const rule of tier.rules) {
      lines.push(`  ${mark(rule.evaluation.outcome)}  rule: ${rule.rule}`);
      if (rule.source) lines.push(chalk.dim(`         source: "${rule.source}"`));
      if (rule.choice) lines.push(chalk.dim(`         ${choiceLine(rule.choice)}`));
      walk(rule.evaluation, 2);
    }
    lines.push('');
  }
  const fallback = policy.tiers.find((t) => t.default)!;
  lines.push(
    `${chalk.bold(`${fallback.label} [${fallback.id}]`)}: the default tier, for every school no tier above took${fallback.reason ? ` (${fallback.reason})` : ''}`,
  );
  if (fallback.choice) lines.push(chalk.dim(`  ${choiceLine(fallback.choice)}`));
  return `${lines.join('\n')}\n`;
}

export function explanationJson(p: Placement, policy: Policy, asOf: string): unknown {
  const strip = (e: Evaluation): unknown => ({
    op: e.op,
    outcome: e.outcome,
    text: e.text,
    missing: e.missing,
    ...(e.children ? { children: e.children.map(strip) } : {}),
  });
  return {
    ...placementJson(p, p.retiering !== undefined),
    policy: policy.id,
    as_of: asOf,
    inspections: inspectionSummary(p.school.fields),
    choices: p.choices,
    tiers: p.trace.map((t) => ({
      tier: t.tier,
      label: t.label,
      outcome: t.outcome,
      choice: policy.tiers.find((x) => x.id === t.tier)?.choice ?? null,
      rules: t.rules.map((r) => ({
        rule: r.rule,
        source: r.source ?? null,
        choice: r.choice ?? null,
        ...(strip(r.evaluation) as object),
      })),
    })),
  };
}
