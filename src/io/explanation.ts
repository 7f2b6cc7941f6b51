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

function headline(p: Placement): string {
  const where = p.tier === null ? `needs data (${p.missing.join(', ')})` : `${p.label} [${p.tier}], days: ${p.daysText}`;
  return `${p.school.name} (URN ${p.school.urn}): ${where}`;
}

interface Row { tier: string; rule: string; test: string; outcome: string }

function leafRows(e: Evaluation, depth: number, push: (test: string, outcome: string) => void): void {
  if (e.op === 'test') {
    push(`${'  '.repeat(depth)}${e.text}`, word(e.outcome));
    return;
  }
  const heading = e.op === 'all' ? 'all of:' : e.op === 'any' ? 'any of:' : 'not:';
  push(`${'  '.repeat(depth)}${heading}`, word(e.outcome));
  for (const child of e.children ?? []) leafRows(child, depth + 1, push);
}

export function explanationRows(p: Placement, policy: Policy): Row[] {
  const rows: Row[] = [];
  for (const tier of p.trace) {
    for (const rule of tier.rules) {
      leafRows(rule.evaluation, 0, (test, outcome) => rows.push({ tier: `${tier.label} [${tier.tier}]`, rule: rule.rule, test, outcome }));
    }
  }
  const fallback = policy.tiers.find((t) => t.default)!;
  rows.push({ tier: `${fallback.label} [${fallback.id}]`, rule: '(default tier)', test: fallback.reason ?? 'every school no other tier took', outcome: p.tier === fallback.id && !p.override ? 'yes' : 'no' });
  return rows;
}

export function explanationTable(p: Placement, policy: Policy, asOf: string): TableModel {
  return {
    title: `Explanation: ${headline(p)}`,
    subtitle: [`Policy: ${policy.id}. As of ${asOf}.`, ...inspectionSummary(p.school.fields), ...p.reasons.map((r) => `Decided by: ${r}`)],
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
  const mark = (o: boolean | null) => (o === true ? chalk.green('yes') : o === false ? chalk.dim('no ') : chalk.yellow('???'));
  const lines = [chalk.bold(headline(p)), chalk.dim(`Policy: ${policy.name} (${policy.id}). As of ${asOf}.`), ...inspectionSummary(p.school.fields)];
  for (const r of p.reasons) lines.push(`Decided by: ${r}`);
  if (p.override) lines.push(chalk.yellow(`Placed by hand (override_tier); the rules below are shown for reference.`));
  lines.push('');
  const walk = (e: Evaluation, depth: number) => {
    const pad = '    '.repeat(depth);
    if (e.op === 'test') lines.push(`${pad}${mark(e.outcome)}  ${e.text}`);
    else {
      lines.push(`${pad}${mark(e.outcome)}  ${e.op === 'all' ? 'all of:' : e.op === 'any' ? 'any of:' : 'not:'}`);
      for (const c of e.children ?? []) walk(c, depth + 1);
    }
  };
  for (const tier of p.trace) {
    lines.push(`${chalk.bold(`${tier.label} [${tier.tier}]`)}: ${tier.outcome === true ? chalk.green('a rule holds') : tier.outcome === false ? 'no rule holds' : chalk.yellow('cannot tell: data missing')}`);
    for (const rule of tier.rules) {
      lines.push(`  ${mark(rule.evaluation.outcome)}  rule: ${rule.rule}`);
      if (rule.source) lines.push(chalk.dim(`         source: ${rule.source}`));
      walk(rule.evaluation, 2);
    }
    lines.push('');
  }
  const fallback = policy.tiers.find((t) => t.default)!;
  lines.push(`${chalk.bold(`${fallback.label} [${fallback.id}]`)}: the default tier, for every school no tier above took${fallback.reason ? ` (${fallback.reason})` : ''}`);
  return `${lines.join('\n')}\n`;
}

export function explanationJson(p: Placement, policy: Policy, asOf: string): unknown {
  const strip = (e: Evaluation): unknown => ({ op: e.op, outcome: e.outcome, text: e.text, missing: e.missing, ...(e.children ? { children: e.children.map(strip) } : {}) });
  return {
    ...placementJson(p),
    policy: policy.id,
    as_of: asOf,
    inspections: inspectionSummary(p.school.fields),
    tiers: p.trace.map((t) => ({ tier: t.tier, label: t.label, outcome: t.outcome, rules: t.rules.map((r) => ({ rule: r.rule, source: r.source ?? null, ...(strip(r.evaluation) as object) })) })),
  };
}
