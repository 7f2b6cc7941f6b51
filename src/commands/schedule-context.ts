// The year's terms and schedule as calendar, budget and report load them, so the three agree.
import type { Placement } from '../core/classify.js';
import { calendarSchools, planYear } from '../core/plan.js';
import type { Schedule } from '../core/schedule.js';
import { TermsSchema, termCalendar, type TermCalendar } from '../core/terms.js';
import { configError } from '../errors.js';
import { parseYamlText, type LoadedConfig } from '../io/config.js';
import { issueLines } from '../io/yaml-issues.js';
import defaultTermsText from '../../presets/terms-2026-27.yaml';

/** The config's terms, else the shipped 2026/27 dates. */
export function loadTerms(loaded: LoadedConfig): { cal: TermCalendar; source: string } {
  if (loaded.config.terms) return { cal: termCalendar(loaded.config.terms), source: loaded.display ?? 'the config' };
  const where = 'preset terms-2026-27';
  const parsed = TermsSchema.safeParse(parseYamlText(defaultTermsText, where).value.terms);
  if (!parsed.success) throw configError(issueLines(parsed.error, where));
  return {
    cal: termCalendar(parsed.data),
    source: 'the shipped 2026/27 default (set terms: in trust.config.yaml for your own)',
  };
}

/** The year's schedule for the placed schools, or null when the policy has no calendar. */
export function scheduleOf(loaded: LoadedConfig, placements: Placement[], asOf: string): Schedule | null {
  if (!loaded.policy.calendar?.activities.length) return null;
  const { cal } = loadTerms(loaded);
  return planYear(loaded.policy, calendarSchools(placements), cal, {
    asOf,
    capacity: loaded.config.capacity,
    settings: loaded.config.schedule,
  });
}
