// trust.config.yaml: a policy (its own, or a preset it extends) plus the trust's own settings.
import { z } from 'zod';
import { PolicyShape, checkPolicy, type Policy } from './policy.js';

/** Settings that belong to the trust, not to the policy: they survive --preset. */
export const TrustSettingsShape = {
  /** The trust's school data file, relative to the config file. */
  schools: z.string().min(1).optional(),
};

export const TrustConfigSchema = z
  .strictObject({ ...PolicyShape, ...TrustSettingsShape })
  .superRefine((config, ctx) => checkPolicy(config as unknown as Policy, ctx));

export type TrustConfig = z.output<typeof TrustConfigSchema>;

export const SETTINGS_KEYS = Object.keys(TrustSettingsShape);

/** The policy part of a validated config. */
export function policyOf(config: TrustConfig): Policy {
  const policy: Record<string, unknown> = { ...config };
  for (const key of SETTINGS_KEYS) delete policy[key];
  return policy as unknown as Policy;
}
