// Which keys of a trust.config.yaml are the trust's own settings rather than its policy, without
// the config schema: a run on a shipped preset (compiled at build time) needs no zod to split them.
import type { TrustConfig } from './config.js';
import type { Policy } from './policy.js';

const KEYS = [
  'trust_name',
  'schools',
  'with',
  'kpis',
  'wfap',
  'terms',
  'capacity',
  'tier_changes',
  'targets',
  'card',
  'schedule',
  'log',
] as const;

/** A trust setting's key: core/config.ts's TrustSettingsShape has exactly these (the type checker holds it to them). */
export type SettingsKey = (typeof KEYS)[number];

/** Settings that belong to the trust, not to the policy: they survive --preset. */
export const SETTINGS_KEYS: readonly string[] = KEYS;

/** The policy part of a validated config. */
export function policyOf(config: TrustConfig): Policy {
  const policy: Record<string, unknown> = { ...config };
  for (const key of SETTINGS_KEYS) delete policy[key];
  return policy as unknown as Policy;
}
