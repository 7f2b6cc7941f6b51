// WFAPs and support-deployment records as Markdown and HTML (through a template: the shipped one
// or the trust's own), CSV (the action table, one row per action) and JSON (the plan as built).
import { configError } from '../errors.js';
import { formatKpiValue } from '../core/display.js';
import type { WfapPlan } from '../core/wfap.js';
import type { DeploymentRecord } from '../core/deployment.js';
import { ACTION_KEYS } from '../core/wfap-form.js';
import { wfapForm } from './wfap-form.js';
import { escapeHtml } from './formats/html.js';
import { escapeMarkdown } from './formats/markdown.js';
import { toCsv } from './formats/csv.js';
import type { TableModel } from './formats/table-model.js';
import { toJson } from './render.js';
import { TemplateError, compileTemplate, renderTemplate, type Template } from './template.js';
import wfapMd from '../../templates/wfap.md';
import wfapHtml from '../../templates/wfap.html';
import deploymentMd from '../../templates/deployment.md';
import deploymentHtml from '../../templates/deployment.html';

export type DocKind = 'wfap' | 'deployment';
export type TemplateFormat = 'md' | 'html';

export const SHIPPED_TEMPLATES: Record<DocKind, Record<TemplateFormat, { text: string; file: string }>> = {
  wfap: { md: { text: wfapMd, file: 'templates/wfap.md' }, html: { text: wfapHtml, file: 'templates/wfap.html' } },
  deployment: {
    md: { text: deploymentMd, file: 'templates/deployment.md' },
    html: { text: deploymentHtml, file: 'templates/deployment.html' },
  },
};

const orBlank = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : v);

/** What a WFAP template sees (README "WFAP" lists the names). */
export function planView(plan: WfapPlan) {
  const sections = wfapForm().sections.map((s) => ({ key: s.key, label: s.label, items: plan[s.key] }));
  return {
    kind: plan.kind,
    title: `Way Forward Action Plan ${plan.academic_year}: ${plan.school.name}`,
    school: {
      name: plan.school.name,
      urn: plan.school.urn,
      phase: orBlank(plan.school.phase),
      trust: orBlank(plan.school.trust),
    },
    academic_year: plan.academic_year,
    as_of: plan.as_of,
    policy: plan.policy,
    tier: {
      id: orBlank(plan.tier.id),
      label: plan.tier.label ?? `no tier: ${plan.tier.reasons.join('; ')}`,
      days: orBlank(plan.tier.days),
      days_text: plan.tier.days_text,
      description: orBlank(plan.tier.description),
      override: orBlank(plan.tier.override),
      reasons: plan.tier.reasons,
      choices: plan.tier.choices.map((c) => `sit's choice: ${c}`),
    },
    kpis: plan.kpis.map((k) => ({
      name: k.name,
      label: k.label,
      value: k.value === null ? 'no data' : formatKpiValue(k.value, k.unit),
      target: formatKpiValue(k.target, k.unit),
      target_source: k.target_source,
    })),
    sections,
    strengths: plan.strengths,
    areas_to_develop: plan.areas_to_develop,
    challenges: plan.challenges,
    support_required: plan.support_required,
    priorities: plan.priorities.map((p) => ({ number: p.number, title: p.title, ...p.milestones, actions: p.actions })),
  };
}

export function deploymentView(record: DeploymentRecord) {
  return {
    kind: record.kind,
    title: `Support deployment record ${record.academic_year}`,
    school: { name: record.school?.name ?? '', urn: record.school?.urn ?? '' },
    academic_year: record.academic_year,
    as_of: record.as_of,
    leader: record.leader,
    role: orBlank(record.role),
    role_label: record.role_label,
    role_detail: record.role_detail,
    from_school: record.from_school,
    days: orBlank(record.days),
    key_focus: record.key_focus,
    sections: wfapForm().deployment.sections.map((s) => ({ key: s.key, label: s.label, items: record[s.key] })),
    agreed_outcomes: record.agreed_outcomes,
    key_tasks: record.key_tasks,
    evidence_of_impact: record.evidence_of_impact,
  };
}

/** A view with one of everything, so template checks reach inside every section. */
function sampleView(kind: DocKind): object {
  if (kind === 'deployment') {
    return deploymentView({
      kind: 'deployment',
      school: { urn: 100000, name: 's' },
      academic_year: '2026/27',
      as_of: '2026-09-01',
      leader: 'l',
      role: 'other',
      role_label: 'Other',
      role_detail: 'd',
      from_school: 'f',
      days: 1,
      key_focus: 'k',
      agreed_outcomes: ['a'],
      key_tasks: ['t'],
      evidence_of_impact: ['e'],
    });
  }
  const action = Object.fromEntries(
    ACTION_KEYS.map((key) => [key, 'x']),
  ) as WfapPlan['priorities'][number]['actions'][number];
  return planView({
    kind: 'wfap',
    school: { urn: 100000, name: 's', phase: 'p', trust: 't' },
    academic_year: '2026/27',
    as_of: '2026-09-01',
    policy: { id: 'p', name: 'p' },
    tier: {
      id: 'A',
      label: 'A',
      days: 1,
      days_text: '1',
      description: 'd',
      reasons: ['r'],
      override: 'o',
      choices: ['c'],
    },
    kpis: [
      { name: 'k', label: 'k', unit: '%', field: 'f', value: 1, target: 1, target_source: 't', lower_is_better: false },
    ],
    strengths: ['s'],
    areas_to_develop: ['a'],
    challenges: ['c'],
    support_required: ['s'],
    priorities: [{ number: 1, title: 't', milestones: { autumn: 'a', spring: 's', summer: 's' }, actions: [action] }],
  });
}

/** A template checked against everything a plan can hold; a mistake is a config error (78). */
export function loadTemplate(kind: DocKind, text: string, file: string): Template {
  try {
    return compileTemplate(text, sampleView(kind));
  } catch (error) {
    if (error instanceof TemplateError) throw configError(`${file}:${error.line}: ${error.message}`);
    throw error;
  }
}

const ESCAPE: Record<TemplateFormat, (s: string) => string> = { md: escapeMarkdown, html: escapeHtml };

export function fill(template: Template, view: object, format: TemplateFormat, file: string): string {
  try {
    return renderTemplate(template, view, ESCAPE[format]);
  } catch (error) {
    if (error instanceof TemplateError) throw configError(`${file}:${error.line}: ${error.message}`);
    throw error;
  }
}

/** The action table: one row per action, with its priority and milestones (for Excel). */
export function planTable(plan: WfapPlan): TableModel {
  const form = wfapForm();
  const rows = plan.priorities.flatMap((p) =>
    p.actions.map((a) => ({
      urn: plan.school.urn,
      school: plan.school.name,
      academic_year: plan.academic_year,
      tier: plan.tier.id,
      priority: p.number,
      priority_title: p.title,
      autumn: p.milestones.autumn,
      spring: p.milestones.spring,
      summer: p.milestones.summer,
      ...a,
    })),
  );
  return {
    title: `Way Forward Action Plan ${plan.academic_year}: ${plan.school.name}`,
    columns: [
      { key: 'urn', header: 'URN' },
      { key: 'school', header: 'School' },
      { key: 'academic_year', header: 'Academic year' },
      { key: 'tier', header: 'Tier' },
      { key: 'priority', header: 'Priority' },
      { key: 'priority_title', header: 'Key priority' },
      ...form.milestones.map((m) => ({ key: m.key, header: m.label })),
      ...form.action_columns.map((c) => ({ key: c.key, header: c.header })),
    ],
    rows,
  };
}

export function deploymentTable(record: DeploymentRecord): TableModel {
  const sections = wfapForm().deployment.sections;
  return {
    title: 'Support deployment record',
    columns: [
      { key: 'urn', header: 'URN' },
      { key: 'school', header: 'School' },
      { key: 'academic_year', header: 'Academic year' },
      { key: 'leader', header: 'System leader' },
      { key: 'role', header: 'Role' },
      { key: 'role_detail', header: 'Role detail' },
      { key: 'from_school', header: 'From' },
      { key: 'days', header: 'Days' },
      { key: 'key_focus', header: 'Key focus area' },
      ...sections.map((s) => ({ key: s.key, header: s.label })),
    ],
    rows: [
      {
        urn: record.school?.urn ?? null,
        school: record.school?.name ?? null,
        academic_year: record.academic_year,
        leader: record.leader,
        role: record.role_label,
        role_detail: record.role_detail,
        from_school: record.from_school,
        days: record.days,
        key_focus: record.key_focus,
        ...Object.fromEntries(sections.map((s) => [s.key, record[s.key].join('\n')])),
      },
    ],
  };
}

const compiled = new Map<string, { template: Template; file: string }>();

export function shippedTemplate(kind: DocKind, format: TemplateFormat): { template: Template; file: string } {
  const key = `${kind}.${format}`;
  if (!compiled.has(key)) {
    const shipped = SHIPPED_TEMPLATES[kind][format];
    compiled.set(key, { template: loadTemplate(kind, shipped.text, shipped.file), file: shipped.file });
  }
  return compiled.get(key)!;
}

export interface RenderOptions {
  /** The trust's own template for md/html (already loaded), else the shipped one. */
  template?: { template: Template; file: string };
}

/** md, html, csv or json text (docx is written by wfap-docx.ts). */
export function renderDoc(doc: WfapPlan | DeploymentRecord, format: string, options: RenderOptions = {}): string {
  if (format === 'json') return toJson(doc);
  if (format === 'csv') return toCsv(doc.kind === 'wfap' ? planTable(doc) : deploymentTable(doc));
  if (format !== 'md' && format !== 'html') throw new Error(`renderDoc: no writer for ${format}`);
  const chosen = options.template ?? shippedTemplate(doc.kind, format);
  const view = doc.kind === 'wfap' ? planView(doc) : deploymentView(doc);
  return fill(chosen.template, view, format, chosen.file);
}

/** Any format's content; Word is built by wfap-docx.ts, loaded only when asked for. */
export async function renderDocument(
  doc: WfapPlan | DeploymentRecord,
  format: string,
  template: { template: Template; file: string } | undefined,
): Promise<string | Uint8Array> {
  if (format === 'docx') return (await import('./wfap-docx.js')).toDocx(doc);
  return renderDoc(doc, format, { template });
}

/** What is about to be written, for a person to check before saying yes. */
export function documentSummary(doc: WfapPlan | DeploymentRecord, format: string, output: string | undefined): string {
  if (doc.kind === 'deployment')
    return `\nSupport deployment ${doc.academic_year}: ${doc.leader} (${doc.role_label}) to ${doc.school?.name ?? '-'}; focus: ${doc.key_focus}\n\n`;
  const actions = doc.priorities.reduce((n, x) => n + x.actions.length, 0);
  return [
    '',
    `Way Forward Action Plan ${doc.academic_year}: ${doc.school.name} (${doc.school.urn})`,
    `  Tier: ${doc.tier.label ?? 'none'} (${doc.tier.days_text})${doc.tier.override ? `; set by hand: ${doc.tier.override}` : ''}`,
    `  ${doc.strengths.length} strengths, ${doc.areas_to_develop.length} areas to develop, ${doc.challenges.length} challenges, ${doc.support_required.length} support needs`,
    ...doc.priorities.map(
      (x) => `  Priority ${x.number}: ${x.title} (${x.actions.length} action${x.actions.length === 1 ? '' : 's'})`,
    ),
    `  ${doc.priorities.length} priorities, ${actions} actions; as ${format} to ${output ?? 'the screen'}`,
    '',
  ].join('\n');
}
