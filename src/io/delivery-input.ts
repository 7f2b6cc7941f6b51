// The visit log as calendar, budget and report use it: read (when --log or log: names one) and
// set against the year's schedule, so the three mark and count the same entries the same way.
import { deliveredAgainstBudget, type DeliveryBudget } from '../core/delivered.js';
import { markDelivery, statusCounts, type DeliveryMarks, type DeliveryStatus } from '../core/delivery.js';
import { budget, type BudgetResult } from '../core/budget.js';
import type { LogEntry } from '../core/log.js';
import type { Policy } from '../core/policy.js';
import type { CalendarEvent, Schedule } from '../core/schedule.js';
import type { TermCalendar } from '../core/terms.js';
import type { LoadedConfig } from './config.js';
import { logPath, readLog } from './log-file.js';
import type { Io } from './command-io.js';
import { loadTerms, scheduleOf, type Classified } from './load-data.js';

export interface Delivery {
  /** The log as messages name it. */
  log: string;
  entries: LogEntry[];
  marks: DeliveryMarks;
}

/** The log's entries set against the schedule, or null when no log is named (--log, or log: in the config). */
export async function loadDelivery(request: {
  given: string | undefined;
  loaded: LoadedConfig;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  schedule: Schedule;
  asOf: string;
  cal: TermCalendar;
}): Promise<Delivery | null> {
  const where = logPath(request.given, request.loaded.config.log, request.loaded.dir, request.cwd);
  if (!where) return null;
  const { entries } = await readLog(where.path, request.stdin, where.shown);
  // A trust's event is met by an entry from one of its schools: each school's trust, from its events.
  const trusts = new Map<number, string | null>();
  for (const e of request.schedule.events) if (e.urn !== null) trusts.set(e.urn, e.trust);
  const marks = markDelivery(
    request.schedule.events,
    entries,
    request.asOf,
    request.cal,
    (urn) => trusts.get(urn) ?? null,
  );
  return { log: where.shown, entries, marks };
}

/** The budget's days beside the log's (per school, person, tier and term). */
export function deliveryBudget(
  delivery: Delivery,
  result: BudgetResult,
  events: CalendarEvent[],
  policy: Policy,
  asOf: string,
  cal: TermCalendar,
): DeliveryBudget {
  const labels = new Map(policy.tiers.map((t) => [t.id, t.label]));
  return deliveredAgainstBudget(result, events, delivery.entries, delivery.marks, asOf, cal, labels);
}

/** What the log shows delivered beside the budget: its days, the events by status, and the log as named. */
export interface Delivered {
  budget: DeliveryBudget;
  counts: Record<DeliveryStatus, number>;
  log: string;
}

/**
 * For budget and report: the year's schedule costed, and with a visit log (--log or log:) the
 * log's days beside it and the events by status (null without a log or a calendar).
 */
export async function budgetWithDelivery(
  { loaded, asOf, placements }: Classified,
  given: string | undefined,
  { cwd, stdin }: Pick<Io, 'cwd' | 'stdin'>,
): Promise<{ result: BudgetResult; delivered: Delivered | null }> {
  const schedule = scheduleOf(loaded, placements, asOf);
  const { policy, config } = loaded;
  if (!schedule) return { result: budget(placements, policy, config.capacity, null, asOf), delivered: null };
  const { cal } = loadTerms(loaded);
  // With a visit log, the events are set against it (as objects, in order) before they are costed.
  const delivery = await loadDelivery({ given, loaded, cwd, stdin, schedule, asOf, cal });
  const events = delivery ? schedule.events : [];
  // Costed, the year's events are not read again: their bytes (~14 MB for England's million) are
  // let go before the budget's own figures are made and written (issue 13: memory).
  const result = budget(placements, policy, config.capacity, schedule, asOf, { letGo: true });
  const delivered = delivery && {
    budget: deliveryBudget(delivery, result, events, policy, asOf, cal),
    counts: statusCounts(events, delivery.marks),
    log: delivery.log,
  };
  return { result, delivered };
}
