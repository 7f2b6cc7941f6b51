// sit log add in a terminal: what the flags do not give, asked for: the school (searchable), the
// activity (the policy's, or in words), the date, the days, who visited, the outcome and notes.
import { timeOf, type Activity } from '../core/calendar.js';
import { sameActivity } from '../core/delivery.js';
import { MAX_ENTRY_DAYS, type EntryFlags } from '../core/log.js';
import type { Person } from '../core/schedule.js';
import * as ask from './ask.js';

const OTHER = '\u0000other';

export interface LogChoices {
  asOf: string;
  /** The data file's schools by URN (none: the URN is typed). */
  names: Map<number, string>;
  activities: Activity[];
  people: Person[];
}

export async function askLogEntry(flags: EntryFlags, choices: LogChoices): Promise<EntryFlags> {
  const { names, activities, people } = choices;
  const given = { ...flags };
  given.school ??= names.size
    ? String(await ask.school([...names].map(([urn, name]) => ({ urn, name }))))
    : await ask.input("The school's URN", { required: true });
  if (given.activity === undefined) {
    const unique = [...new Map(activities.map((a) => [a.id, a])).values()];
    const picked = await ask.search('Which activity?', [
      ...unique.map((a) => ({ name: `${a.name} (${a.id})`, value: a.id })),
      { name: 'Something else (in words)', value: OTHER },
    ]);
    given.activity = picked === OTHER ? await ask.input('What was done?', { required: true }) : picked;
  }
  given.date ??= await ask.input('Date of the visit (YYYY-MM-DD)', { initial: choices.asOf, required: true });
  const wanted = given.activity;
  const activity = activities.find((a) => sameActivity(wanted, a));
  given.days ??= String(
    await ask.number('Days of time', {
      initial: activity ? timeOf(activity) : 1, // the school's own work is 0
      min: 0,
      max: MAX_ENTRY_DAYS,
      step: 'any',
    }),
  );
  if (given.person === undefined) {
    const picked = await ask.choose('Who visited?', [
      ...people.map((p) => ({ name: `${p.name} (${p.role})`, value: p.name })),
      { name: 'Someone else', value: OTHER },
    ]);
    given.person = picked === OTHER ? await ask.input('Their name', { required: true }) : picked;
  }
  given.outcome ??= await ask.input('Outcome (optional)');
  given.notes ??= await ask.input('Notes (optional)');
  return given;
}
