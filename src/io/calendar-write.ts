// sit calendar's output: one ICS file per person (--split lead), the rota grid, the events as JSON
// or iCalendar (changes against --previous), or the events table; then the notes and the summary.
import { StringDecoder } from 'node:string_decoder';
import { resolve } from 'node:path';
import { maxLevel } from '../core/levels.js';
import type { CalendarEvent } from '../core/schedule.js';
import type { DeliveryMarks } from '../core/delivery.js';
import { fold } from '../core/values.js';
import { slugOf } from '../core/display.js';
import { dataError, notFoundError } from '../errors.js';
import { IcsReader, type PreviousEvent } from './ics.js';
import { readChunks } from './read-text.js';
import type { Content } from './output.js';
import { writeFolder } from './folder-output.js';
import { jsonArray, renderTableOutput } from './render.js';
import {
  calendarIcsLines,
  calendarTable,
  countText,
  markedEventJson,
  rotaTable,
  scopeText,
} from './calendar-output.js';
import { statusText } from './delivery-output.js';
import { calendarJson } from './calendar-store-text.js';
import { toXlsxWorkbook } from './xlsx.js';
import { note, useColor, writeOutput, type Io } from './command-io.js';
import type { CalendarOptions, CalendarPlan } from './calendar-plan.js';

/** A person's file name: "A. Khan" -> a-khan.ics. */
const slug = (name: string) => slugOf(name) || 'person';

/** The plan written before (--previous), read a piece at a time: a year for every school is hundreds of MB. */
async function readPrevious(path: string, io: Io): Promise<PreviousEvent[]> {
  const reader = new IcsReader();
  const decoder = new StringDecoder('utf8');
  try {
    for await (const bytes of readChunks(resolve(io.cwd, path), [], path, Number.POSITIVE_INFINITY, 1 << 20))
      reader.push(decoder.write(bytes));
  } catch {
    throw notFoundError(`--previous ${path}: cannot read that file (the plan.ics written before)`);
  }
  reader.push(decoder.end());
  try {
    return reader.end();
  } catch (error) {
    throw dataError(`${path}:${(error as Error).message}`);
  }
}

/** --split lead: one ICS file per person (and unassigned) in the folder -o names. */
async function writeDiaries(plan: CalendarPlan, options: CalendarOptions, io: Io): Promise<void> {
  const { loaded, schedule, events, asOf } = plan;
  const scope = scopeText(plan.cal, plan.terms);
  const groups = [...events.diaries(schedule.people.map((p) => p.name))];
  // Every diary checked before any is written (writeFolder): none overwritten without --force.
  await writeFolder(
    groups.map(([who]) => `${slug(who)}.ics`),
    (i) =>
      calendarIcsLines(groups[i][1], {
        name: `${groups[i][0]}: ${loaded.policy.name}, ${scope}`,
        stamp: asOf,
        marks: plan.delivery?.marks,
      }),
    {
      output: options.output as string,
      force: options.force,
      quiet: options.quiet,
      format: 'ics',
      label: 'Diaries',
      noun: 'diaries',
    },
    io,
  );
  for (const line of plan.notes) note(options, io, line);
  const written = groups.map(([who, list]) => `${slug(who)}.ics (${list.length})`).join(', ');
  note(options, io, `${groups.length} diaries written to ${options.output}: ${written}`);
}

/** The rota, JSON, ICS or events table, as --format and --rota ask: the events' parts made as they are written. */
async function calendarContent(plan: CalendarPlan, options: CalendarOptions, format: string, io: Io): Promise<Content> {
  const { loaded, schedule, events, asOf } = plan;
  const scope = scopeText(plan.cal, plan.terms);
  const display = { color: useColor(options, io), width: io.stdout.columns };
  if (options.rota) {
    const lead = options.lead === undefined ? null : fold(options.lead);
    const people = schedule.people.filter((p) => lead === null || fold(p.name) === lead || fold(p.role) === lead);
    const table = rotaTable(events, {
      title: `Rota: ${loaded.policy.name}`,
      subtitle: [`Policy: ${loaded.policy.id}. ${scope[0].toUpperCase()}${scope.slice(1)}. As of ${asOf}.`],
      people: people.map((p) => p.name),
    });
    return format === 'xlsx' ? toXlsxWorkbook([table]) : renderTableOutput(table, format, display);
  }
  const marks = plan.delivery?.marks;
  if (format === 'json') return marks ? jsonArray(eventsJson(events, marks)) : calendarJson(events);
  if (format === 'ics') {
    const previous = options.previous ? await readPrevious(options.previous, io) : undefined;
    return calendarIcsLines(events, { name: `${loaded.policy.name}: ${scope}`, stamp: asOf, previous, marks });
  }
  const table = calendarTable(events, {
    policyName: loaded.policy.name,
    policyId: loaded.policy.id,
    asOf,
    scope,
    levels: new Map(plan.schools.map((s) => [s.urn, s.level])),
    maxLevel: maxLevel(loaded.policy),
    detail: format === 'table' ? 'terminal' : 'file',
    marks,
  });
  return renderTableOutput(table, format, display);
}

/** Each event's JSON, made as it is written. */
function* eventsJson(events: Iterable<CalendarEvent>, marks: DeliveryMarks | undefined): Generator<unknown> {
  for (const e of events) yield markedEventJson(e, marks);
}

/** The calendar written: the diaries, or the one output; then the notes and the summary line. */
export async function writeCalendar(
  plan: CalendarPlan,
  options: CalendarOptions,
  format: string,
  io: Io,
): Promise<void> {
  if (options.split) return writeDiaries(plan, options, io);
  await writeOutput(options, io, await calendarContent(plan, options, format, io), format);
  for (const line of plan.notes) note(options, io, line);
  if (format !== 'table' || options.output)
    note(
      options,
      io,
      `${countText(plan.events, plan.unscheduled)}, ${scopeText(plan.cal, plan.terms)}; term dates from ${plan.termsSource} (${plan.loaded.policySource})`,
    );
  const { delivery } = plan;
  if (delivery)
    note(
      options,
      io,
      `delivered against plan as of ${plan.asOf} (${delivery.log}): ${statusText(plan.events, delivery.marks)}`,
    );
}
