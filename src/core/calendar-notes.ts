// The lines sit calendar writes to standard error beside the plan: schools that need data, cycles
// that cannot be planned, what is unscheduled, dropped or on request, and the policy's shortfalls.
import type { CalendarSchool } from './calendar.js';
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
  // In view: a term shown (in no term: the whole year shown), a school shown (or a trust's own).
  const groups = schedule.dropped.groups(
    (urn, term) => (term === null ? wholeYear : terms.includes(term)) && (urn === null || shownUrns.has(urn)),
  );
  const dropped = groups.reduce((n, g) => n + g.owners.length, 0);
  if (dropped) {
    notes.push(
      `note: ${dropped} ${dropped === 1 ? 'occurrence is' : 'occurrences are'} not due and dropped, not moved (sit budget --format json lists them all):`,
    );
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
