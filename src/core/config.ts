// trust.config.yaml: a policy (its own, or a preset it extends) plus the trust's own settings.
import * as z from 'zod';
import { PolicyShape, checkPolicy, type Policy } from './policy.js';
import { KpiListSchema, WfapSettingsSchema } from './wfap.js';
import { TermsSchema } from './terms-schema.js';
import { SETTINGS_KEYS, policyOf, type SettingsKey } from './settings-keys.js';
import { DEFAULT_CLOSE_WITHIN } from './card.js';

export { SETTINGS_KEYS, policyOf };

/** `schedule:` in trust.config.yaml: how the calendar books people. */
export const ScheduleSettingsSchema = z.strictObject({
  /** Schools one person may visit on one day (default 1: nobody is at two schools on a day). */
  visits_per_day: z.number().int().min(1).max(10).default(1),
});
export type ScheduleSettings = z.output<typeof ScheduleSettingsSchema>;

/** `card:` in trust.config.yaml. */
export const CardSettingsSchema = z.strictObject({
  /**
   * sit's choice, configurable: a KPI not met but within this many of its own units of the target
   * (percentage points for a percentage) is "close". Default 2.
   */
  close_within: z.number().min(0).default(DEFAULT_CLOSE_WITHIN),
});
export type CardSettings = z.output<typeof CardSettingsSchema>;

export const CapacitySchema = z
  .strictObject({
    role: z.string().min(1),
    name: z.string().optional(),
    /** Other roles this person also leads activities for (a Director who also reviews). */
    also_leads: z.array(z.string().min(1)).optional(),
    days_per_year: z.number().min(0).optional(),
    days_per_term: z.number().min(0).optional(),
  })
  .refine((p) => (p.days_per_year === undefined) !== (p.days_per_term === undefined), {
    message: 'give one of days_per_year or days_per_term',
  });
export type Capacity = z.output<typeof CapacitySchema>;

/** Settings that belong to the trust, not to the policy: they survive --preset. */
export const TrustSettingsShape = {
  /** The trust's name, as a board paper gives it (the board report's title); else the one trust in the data. */
  trust_name: z.string().min(1).optional(),
  /** The trust's school data file, relative to the config file. */
  schools: z.string().min(1).optional(),
  /** Files joined to the school data on URN by every command, as --with does (relative to the config file). */
  with: z.array(z.string().min(1)).optional(),
  /** Key performance indicators for WFAPs (default: attendance, persistent absence, attainment). */
  kpis: KpiListSchema.optional(),
  /** The trust's own WFAP and deployment templates, relative to the config file. */
  wfap: WfapSettingsSchema.optional(),
  /** The academic year's six terms and closure days; the shipped 2026/27 dates when absent. */
  terms: TermsSchema.optional(),
  /** The people who deliver support: name, role (an activity's lead), days a year or a term. */
  capacity: z.array(CapacitySchema).optional(),
  /** Mid-year re-tierings (URN, from, tier, reason, agreed_by, agreed_on): a CSV, YAML or .xlsx file, relative to the config file. */
  tier_changes: z.string().min(1).optional(),
  /** Academy-card targets (urn, kpi, target, value): a CSV, YAML or .xlsx file, relative to the config file. */
  targets: z.string().min(1).optional(),
  /** The academy card: card.close_within, sit's choice of "close" to a target. */
  card: CardSettingsSchema.optional(),
  /** How the calendar books people (visits_per_day). */
  schedule: ScheduleSettingsSchema.optional(),
  /** The visit log (CSV, YAML or .xlsx), relative to the config file: what was delivered, for sit log, calendar, budget, report. */
  log: z.string().min(1).optional(),
} satisfies Record<SettingsKey, z.ZodType>;

export const TrustConfigSchema = z
  .strictObject({ ...PolicyShape, ...TrustSettingsShape })
  .superRefine((config, ctx) => checkPolicy(config as unknown as Policy, ctx));

export type TrustConfig = z.output<typeof TrustConfigSchema>;

/** The trust's settings alone: beside a shipped preset, checked at build time, they are all that is left to check. */
export const TrustSettingsSchema = z.strictObject(TrustSettingsShape);
