// The lines sit calendar writes to standard error beside the plan: schools that need data, cycles
// that cannot be planned, what is unscheduled, dropped or on request, and the policy's shortfalls.
import type { CalendarSchool, Dropped } from './calendar.js';
import type { Schedule, Unscheduled } from './schedule.js';

const LIST_LIMIT = 10;

/** "100025 Zephyr Free School; ..." for the first few, then how many more (a trust by its name). */
function someSchools(list: { urn: number | null; name: string }[]): string {
  const shown = list
    .slice(0, LIST_LIMIT)
    .map((s) => (s.urn === null ? s.name : `${s.urn} ${s.name}`))
    .join('; ');
  return list.length > LIST_LIMIT ? `${shown}; and ${list.length - LIST_LIMIT} more` : shown;
}

/** Occurrences dropped alike: one activity, on one day (or in one term), for one reason; whose they were. */
export interface DroppedGroup {
  activity: string;
  activity_id: string;
  term: number | null;
  date: string | null;
  reason: string;
  /** Each school (or trust, or all schools: no URN) it was dropped for. */
  owners: { urn: number | null; name: string }[];
}

/**
 * What was dropped, each reason once with every school (or trust) it dropped for: a weekly
 * cadence's holiday weeks are the same few lines for every school. By date (then term, for those
 * with no one day), activity and reason; each group's schools by URN (a trust's first, by name).
 */
export function droppedGroups(dropped: Dropped[]): DroppedGroup[] {
  // Found by date, then reason, then among the few groups of those: no key string joined for each
  // of the 176,000 occurrences a year of England drops.
  const byDate = new Map<string | null, Map<string, DroppedGroup[]>>();
  const groups: DroppedGroup[] = [];
  for (const d of dropped) {
    let byReason = byDate.get(d.date);
    if (!byReason) byDate.set(d.date, (byReason = new Map()));
    let alike = byReason.get(d.reason);
    if (!alike) byReason.set(d.reason, (alike = []));
    let group = alike.find((g) => g.activity_id === d.activity_id && g.activity === d.activity && g.term === d.term);
    if (!group) {
      const { activity, activity_id, term, date, reason } = d;
      group = { activity, activity_id, term, date, reason, owners: [] };
      alike.push(group);
      groups.push(group);
    }
    group.owners.push({ urn: d.urn, name: d.name });
  }
  const s = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  for (const g of groups) g.owners.sort((a, b) => (a.urn ?? 0) - (b.urn ?? 0) || s(a.name, b.name));
  return groups.sort(
    (a, b) =>
      s(a.date ?? '', b.date ?? '') ||
      (a.term ?? 0) - (b.term ?? 0) ||
      s(a.activity, b.activity) ||
      s(a.activity_id, b.activity_id) ||
      s(a.reason, b.reason),
  );
}

export interface NotesScope {
  /** The schools shown (all, or the one of --school). */
  shown: CalendarSchool[];
  terms: number[];
  /** The unscheduled activities in view. */
  unscheduled: Unscheduled[];
  /** Whether to list cycles not planned for a blank date (not when the cycles were left out already). */
  missingCycles: boolean;
  /** The whole year is shown: what is dropped in a holiday (in no term) is in view too. */
  wholeYear: boolean;
}

export function calendarNotes(
  schedule: Schedule,
  { shown, terms, unscheduled, missingCycles, wholeYear }: NotesScope,
): string[] {
  const notes: string[] = [];
  const needing = shown.filter((s) => s.tier === null);
  if (needing.length) {
    notes.push(
      `note: ${needing.length} ${needing.length === 1 ? 'school needs' : 'schools need'} data and ${needing.length === 1 ? 'gets' : 'get'} only the activities for every school, none by tier: ${someSchools(needing)}`,
    );
  }
  const shownUrns = new Set(shown.map((s) => s.urn));
  const missing = schedule.missingDates.filter((m) => shownUrns.has(m.urn));
  if (missing.length && missingCycles) {
    const byCycle = new Map<string, typeof missing>();
    for (const m of missing)
      byCycle.set(`${m.activity}|${m.field}`, [...(byCycle.get(`${m.activity}|${m.field}`) ?? []), m]);
    for (const [key, list] of byCycle) {
      const [activity, field] = key.split('|');
      notes.push(
        `note: ${activity} not planned for ${list.length} ${list.length === 1 ? 'school' : 'schools'}: ${field} is blank, so sit cannot tell when it is due: ${someSchools(list)}`,
      );
    }
  }
  for (const u of unscheduled.slice(0, LIST_LIMIT))
    notes.push(
      `unscheduled: term ${u.term}, ${u.urn ?? ''} ${u.name}: ${u.activity}: ${u.reason}`.replace(',  ', ', '),
    );
  if (unscheduled.length > LIST_LIMIT)
    notes.push(`unscheduled: ... and ${unscheduled.length - LIST_LIMIT} more (all in sit budget --format json)`);
  const dropped = schedule.dropped.filter(
    (d) => (d.term === null ? wholeYear : terms.includes(d.term)) && (d.urn === null || shownUrns.has(d.urn)),
  );
  if (dropped.length) {
    notes.push(
      `note: ${dropped.length} ${dropped.length === 1 ? 'occurrence is' : 'occurrences are'} not due and dropped, not moved (sit budget --format json lists them all):`,
    );
    const groups = droppedGroups(dropped);
    for (const g of groups.slice(0, LIST_LIMIT))
      notes.push(`dropped: ${g.activity} (${g.activity_id}): ${g.reason}: ${someSchools(g.owners)}`);
    if (groups.length > LIST_LIMIT) notes.push(`dropped: ... and ${groups.length - LIST_LIMIT} more`);
  }
  for (const r of schedule.onRequest)
    notes.push(
      `note: on request, not scheduled: ${r.activity} (${r.lead}), for ${r.owners} ${r.owners === 1 ? 'school' : 'schools'} that may ask`,
    );
  const short = schedule.shortfalls.filter(
    (l) => shownUrns.has(Number(l.slice(0, 6))) && terms.some((t) => l.includes(`term ${t} has`)),
  );
  for (const line of short.slice(0, LIST_LIMIT)) notes.push(`warning: ${line}`);
  if (short.length > LIST_LIMIT)
    notes.push(`warning: ... and ${short.length - LIST_LIMIT} more shortfalls against the policy's minimums`);
  return notes;
}
