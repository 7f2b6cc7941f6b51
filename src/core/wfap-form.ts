// The WFAP form and the support-deployment record as data (templates/wfap-form.yaml, embedded when
// sit is built): the words sit asks with and writes under, the default KPIs and the system
// leaders' roles. This schema checks the file. The keys of sections, milestones and action columns
// are the names answers files use, so they are fixed here; their words, and the roles, are the
// file's.
import * as z from 'zod';

export const KpiSpecSchema = z.strictObject({
  /** A short id, used in answers (kpi_targets) and JSON. */
  name: z.string().regex(/^[a-z0-9_]+$/, 'a short id of lower-case letters, digits and _'),
  label: z.string().min(1),
  /** The school data field (column) holding the school's latest value. */
  field: z.string().min(1),
  unit: z.string().default(''),
  /** A number, or "national" for the policy's national comparator for the school's phase. */
  target: z.union([z.number(), z.literal('national')]).optional(),
  lower_is_better: z.boolean().default(false),
});
export type KpiSpec = z.output<typeof KpiSpecSchema>;
export const KpiListSchema = z.array(KpiSpecSchema).min(1);

export const SECTION_KEYS = ['strengths', 'areas_to_develop', 'challenges', 'support_required'] as const;
export const MILESTONE_KEYS = ['autumn', 'spring', 'summer'] as const;
export const ACTION_KEYS = [
  'action',
  'rationale',
  'support',
  'lead',
  'when',
  'monitoring_who',
  'monitoring_how',
  'impact_dissemination',
  'next_steps',
] as const;
export const DEPLOYMENT_SECTION_KEYS = ['agreed_outcomes', 'key_tasks', 'evidence_of_impact'] as const;
export type ActionKey = (typeof ACTION_KEYS)[number];

const words = z.string().trim().min(1);
const column = z.strictObject({ header: words, suggested: words.optional() });

/** An object with exactly these keys, each checked by `value`, as a list in the keys' order. */
function keyed<K extends string, T extends object>(
  keys: readonly K[],
  value: z.ZodType,
  item: (v: never) => T,
): z.ZodType<({ key: K } & T)[]> {
  const shape = Object.fromEntries(keys.map((k) => [k, value]));
  return z
    .strictObject(shape)
    .transform((o) => keys.map((key) => ({ key, ...item((o as Record<string, never>)[key]) }))) as never;
}
const label = (v: string) => ({ label: v });
const asColumn = (v: { header: string; suggested?: string }) => v;

export const WfapFormSchema = z.strictObject({
  sections: keyed(SECTION_KEYS, words, label),
  milestones: keyed(MILESTONE_KEYS, words, label),
  action_columns: keyed(ACTION_KEYS, column, asColumn),
  default_kpis: KpiListSchema,
  deployment: z.strictObject({
    leader_roles: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'an id of letters, digits and -'), words)
      .refine((roles) => Object.keys(roles).length > 0, 'at least one role')
      .transform((roles) => Object.entries(roles).map(([id, label]) => ({ id, label }))),
    sections: keyed(DEPLOYMENT_SECTION_KEYS, words, label),
  }),
});
export type WfapForm = z.output<typeof WfapFormSchema>;
