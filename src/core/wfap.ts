// The Way Forward Action Plan (WFAP) of the Trust Review Days source (SPEC section 7): school,
// year, tier and level of support, KPIs; strengths, areas to develop, challenges, support
// required; then key priorities, each with three milestones and a table of actions.
// Pure: the plan is built from a school record, its placement, the policy, the KPIs and answers.
import * as z from 'zod';
import type { Placement } from './classify.js';
import { describeDays } from './classify.js';
import type { Policy } from './policy.js';
import type { SchoolRecord } from './school.js';
import { academicYearName, academicYearOf } from './dates.js';
import { nationalFigure } from './national.js';
import { slugOf } from './display.js';
import { ACTION_KEYS, MILESTONE_KEYS, SECTION_KEYS, type ActionKey, type KpiSpec } from './wfap-form.js';

// ---- settings (trust.config.yaml) ---------------------------------------------------------

export { KpiListSchema, KpiSpecSchema, type KpiSpec } from './wfap-form.js';

/** The trust's own WFAP templates, relative to the config file. */
export const WfapSettingsSchema = z.strictObject({
  template_md: z.string().min(1).optional(),
  template_html: z.string().min(1).optional(),
  deployment_template_md: z.string().min(1).optional(),
  deployment_template_html: z.string().min(1).optional(),
});

// ---- answers (asked, or an answers file) --------------------------------------------------

export const MAX_PRIORITIES = 6;
/** Key actions a priority may have: a plan is a page or two a school works from, not a database (README "Limits"). */
export const MAX_ACTIONS = 50;
export const DEFAULT_PRIORITIES = 3;

/** Free text (a number in YAML is taken as written). */
export const text = z.union([z.string(), z.number()]).transform(String);
/** A list of points: a YAML list, or one string (one point per line). */
export const points = z
  .union([z.array(text), text])
  .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n/)).map((s) => s.trim()).filter(Boolean));

export const ActionSchema = z.strictObject(
  Object.fromEntries(ACTION_KEYS.map((key) => [key, text.optional()])) as Record<ActionKey, z.ZodOptional<typeof text>>,
);
export type ActionAnswers = z.output<typeof ActionSchema>;
export type { ActionKey };

export const PriorityAnswersSchema = z.strictObject({
  title: text.optional(),
  milestones: z.strictObject({ autumn: text.optional(), spring: text.optional(), summer: text.optional() }).optional(),
  actions: z.array(ActionSchema).max(MAX_ACTIONS).optional(),
});

/** A school's URN in an answers file. */
export const UrnSchema = z.number().int().min(100000).max(999999);
export const AcademicYearSchema = z.string().regex(/^\d{4}\/\d{2}$/, 'an academic year such as 2026/27');

export const WfapAnswersSchema = z.strictObject({
  school: UrnSchema.optional(),
  academic_year: AcademicYearSchema.optional(),
  tier: z.union([z.string(), z.number()]).transform(String).optional(),
  tier_reason: text.optional(),
  kpi_targets: z.record(z.string(), z.number()).optional(),
  strengths: points.optional(),
  areas_to_develop: points.optional(),
  challenges: points.optional(),
  support_required: points.optional(),
  priorities: z.array(PriorityAnswersSchema).min(1).max(MAX_PRIORITIES).optional(),
});
export type WfapAnswers = z.output<typeof WfapAnswersSchema>;

// ---- the plan ------------------------------------------------------------------------------

export interface Kpi {
  name: string;
  label: string;
  unit: string;
  field: string;
  /** The school's latest value from the data, or null when blank. */
  value: number | null;
  target: number | null;
  /** Where the target came from: "trust target", "national (primary)", or why there is none. */
  target_source: string;
  lower_is_better: boolean;
}

export type Action = Record<ActionKey, string>;

export interface Priority {
  number: number;
  title: string;
  milestones: { autumn: string; spring: string; summer: string };
  actions: Action[];
}

/** What a plan or a card says of its school, its year and the policy placing it. */
export interface SchoolDocument {
  school: { urn: number; name: string; phase: string | null; trust: string | null };
  academic_year: string;
  as_of: string;
  policy: { id: string; name: string };
}

export function schoolOf(school: SchoolRecord): SchoolDocument['school'] {
  return {
    urn: school.urn,
    name: school.name,
    phase: (school.fields.phase as string | null) ?? null,
    trust: (school.fields.trust as string | null) ?? null,
  };
}

export interface WfapPlan extends SchoolDocument {
  kind: 'wfap';
  tier: {
    id: string | null;
    label: string | null;
    days: number | null;
    days_text: string;
    /** What the policy says of the tier (cadence, level of support), when it says it. */
    description: string | null;
    reasons: readonly string[];
    /** Set when the plan's tier differs from the policy's placement (or the data set it by hand). */
    override: string | null;
    /** The policy's own choices behind the placement and the days, shown as "sit's choice", never as the source's. */
    choices: readonly string[];
  };
  kpis: Kpi[];
  strengths: string[];
  areas_to_develop: string[];
  challenges: string[];
  support_required: string[];
  priorities: Priority[];
}

export function blankAction(): Action {
  return Object.fromEntries(ACTION_KEYS.map((key) => [key, ''])) as Action;
}

export function kpiOf(spec: KpiSpec, school: SchoolRecord, policy: Policy, targets: Record<string, number>): Kpi {
  const raw = school.fields[spec.field] ?? school.extra[spec.field] ?? null;
  const num = raw === null || raw === '' ? null : Number(raw);
  const value = num === null || Number.isNaN(num) ? null : num;
  let target: number | null = null;
  let source = 'no target set';
  if (targets[spec.name] !== undefined) {
    target = targets[spec.name];
    source = 'plan target';
  } else if (typeof spec.target === 'number') {
    target = spec.target;
    source = 'trust target';
  } else if (spec.target === 'national') {
    const national = nationalFigure(policy, spec.field, schoolOf(school).phase);
    target = national?.value ?? null;
    source = !national
      ? 'national: the policy has no national figure; set a target'
      : national.phase === null
        ? 'national (all schools)'
        : `national (${national.phase})`;
  }
  return {
    name: spec.name,
    label: spec.label,
    unit: spec.unit,
    field: spec.field,
    value,
    target,
    target_source: source,
    lower_is_better: spec.lower_is_better,
  };
}

export interface BuildOptions {
  asOf: string;
  /** kpis: in trust.config.yaml, else the form's default KPIs. */
  kpis: KpiSpec[];
  /** For a blank plan: how many priorities (1-6) and action rows each. */
  priorities?: number;
  blankActions?: number;
}

/** The plan for one school: what the data and policy know, plus the answers (blank where none). */
export function buildPlan(placement: Placement, policy: Policy, answers: WfapAnswers, options: BuildOptions): WfapPlan {
  const school = placement.school;
  let tier: WfapPlan['tier'] = {
    id: placement.tier,
    label: placement.label,
    days: placement.days,
    days_text: placement.daysText,
    description: null,
    reasons: placement.reasons,
    override: placement.override,
    choices: placement.choices,
  };
  const chosen = answers.tier !== undefined ? policy.tiers.find((t) => t.id === answers.tier) : undefined;
  if (chosen && chosen.id !== placement.tier) {
    const { days, text: daysText } = describeDays(chosen);
    tier = {
      id: chosen.id,
      label: chosen.label,
      days,
      days_text: daysText,
      description: null,
      reasons: placement.reasons,
      override:
        answers.tier_reason ?? `set in the plan (the policy placed it in ${placement.label ?? 'no tier: needs data'})`,
      choices: chosen.days_choice ? [chosen.days_choice] : [],
    };
  }
  const policyTier = policy.tiers.find((t) => t.id === tier.id);
  tier.description = policyTier?.description ?? null;

  const count =
    answers.priorities?.length ?? Math.min(Math.max(options.priorities ?? DEFAULT_PRIORITIES, 1), MAX_PRIORITIES);
  const blankRows = options.blankActions ?? 2;
  const priorities: Priority[] = Array.from({ length: count }, (_, i) => {
    const a = answers.priorities?.[i];
    const actions = a?.actions?.length
      ? a.actions.map(
          (row) =>
            ({
              ...blankAction(),
              ...Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)),
            }) as Action,
        )
      : Array.from({ length: blankRows }, blankAction);
    return {
      number: i + 1,
      title: a?.title ?? '',
      milestones: {
        autumn: a?.milestones?.autumn ?? '',
        spring: a?.milestones?.spring ?? '',
        summer: a?.milestones?.summer ?? '',
      },
      actions,
    };
  });

  return {
    kind: 'wfap',
    school: schoolOf(school),
    academic_year: answers.academic_year ?? academicYearName(academicYearOf(options.asOf)),
    as_of: options.asOf,
    policy: { id: policy.id, name: policy.name },
    tier,
    kpis: options.kpis.map((k) => kpiOf(k, school, policy, answers.kpi_targets ?? {})),
    strengths: answers.strengths ?? [],
    areas_to_develop: answers.areas_to_develop ?? [],
    challenges: answers.challenges ?? [],
    support_required: answers.support_required ?? [],
    priorities,
  };
}

/** The answers a complete plan needs that these answers lack, as answer-file paths. */
export function missingAnswers(answers: WfapAnswers): string[] {
  const missing: string[] = [];
  for (const key of SECTION_KEYS) if (!answers[key]?.length) missing.push(key);
  if (!answers.priorities?.length) {
    missing.push('priorities');
    return missing;
  }
  answers.priorities.forEach((p, i) => {
    if (!p.title) missing.push(`priorities[${i}].title`);
    for (const key of MILESTONE_KEYS) if (!p.milestones?.[key]) missing.push(`priorities[${i}].milestones.${key}`);
    if (!p.actions?.length) missing.push(`priorities[${i}].actions`);
    else
      p.actions.forEach((a, j) => {
        if (!a.action) missing.push(`priorities[${i}].actions[${j}].action`);
      });
  });
  return missing;
}

/** Checks against the policy that zod alone cannot (the tier must be one of the policy's). */
export function answerProblems(answers: WfapAnswers, policy: Policy): { path: (string | number)[]; message: string }[] {
  const ids = policy.tiers.map((t) => t.id);
  if (answers.tier !== undefined && !ids.includes(answers.tier)) {
    return [
      {
        path: ['tier'],
        message: `"${answers.tier}" is not a tier of policy ${policy.id}; expected one of ${ids.join(', ')}`,
      },
    ];
  }
  return [];
}

/** The file a plan or record is saved as: 100004-dunmore-primary-school-wfap-2026-27.md (no school: wfap-2026-27.md). */
export function documentFileName(
  doc: { school: { urn: number; name: string } | null; academic_year: string },
  stem: string,
  ext: string,
): string {
  const slug = doc.school ? `${doc.school.urn}-${slugOf(doc.school.name)}-` : '';
  return `${slug}${stem}-${doc.academic_year.replace('/', '-')}.${ext}`;
}
