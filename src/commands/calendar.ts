// sit calendar [FILE]: the QA and SI schedule (each event on a day, with a person), for a term or
// the year, a school or a person, as a table, CSV, Markdown, HTML, JSON, iCalendar or a rota grid.
import { Command } from 'commander';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { currentTerm, type CalendarSchool } from '../core/calendar.js';
import { planYear } from '../core/plan.js';
import { inTerms, type CalendarEvent, type Schedule } from '../core/schedule.js';
import type { TermCalendar } from '../core/terms.js';
import { fold } from '../core/values.js';
import { configError, dataError, notFoundError, usageError } from '../errors.js';
import { readIcs, type PreviousEvent } from '../io/ics.js';
import { readSchools, type SchoolsFile } from '../io/read-schools.js';
import { emit } from '../io/output.js';
import { renderTableOutput, toJson } from '../io/render.js';
import { calendarIcs, calendarTable, countText, eventJson, rotaTable, scopeText } from '../io/calendar-output.js';
import { toXlsxWorkbook } from '../io/xlsx.js';
import { loadTerms } from './schedule-context.js';
import {
  asOfDate,
  classifyData,
  dataFile,
  displayPath,
  loadPolicy,
  loadPolicyAndData,
  note,
  outputFormat,
  useColor,
  withDataOptions,
  withOutputOptions,
  withPolicyOptions,
  type DataOptions,
  type Io,
} from './context.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx', 'ics'] as const;

interface CalendarOptions extends DataOptions {
  term?: string;
  year?: boolean;
  school?: string;
  from?: string;
  lead?: string;
  split?: string;
  rota?: boolean;
  previous?: string;
}

export { loadTerms } from './schedule-context.js';

function termsWanted(options: CalendarOptions, cal: TermCalendar, asOf: string): number[] {
  if (options.term !== undefined && options.year)
    throw usageError('--term and --year: give one (a term, or the whole year)');
  if (options.year) return [1, 2, 3, 4, 5, 6];
  if (options.term !== undefined) {
    if (!/^[1-6]$/.test(options.term.trim()))
      throw usageError(`--term ${options.term}: expected a term from 1 to 6 (1 = Autumn 1 ... 6 = Summer 2)`);
    return [Number(options.term)];
  }
  const term = currentTerm(cal, asOf);
  if (term === null)
    throw usageError(
      `as of ${asOf} the ${cal.yearName} terms are over: give --term N or --year, or put next year's dates under terms: in trust.config.yaml`,
    );
  return [term];
}

const LIST_LIMIT = 10;

/** "100025 Zephyr Free School; ..." for the first few, then how many more. */
function someSchools(list: { urn: number; name: string }[]): string {
  const shown = list
    .slice(0, LIST_LIMIT)
    .map((s) => `${s.urn} ${s.name}`)
    .join('; ');
  return list.length > LIST_LIMIT ? `${shown}; and ${list.length - LIST_LIMIT} more` : shown;
}

const tierColumn = (school: SchoolsFile['schools'][number]) => {
  const key = Object.keys(school.extra).find((k) => fold(k) === 'tier');
  const value = key === undefined ? '' : school.extra[key].trim();
  return value === '' ? null : value;
};

/** A person's file name: "A. Khan" -> a-khan.ics. */
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'person';

/** --lead NAME|ROLE: the events of that person, or of everyone with that role. */
function leadFilter(schedule: Schedule, lead: string): (e: CalendarEvent) => boolean {
  const wanted = fold(lead);
  const person = schedule.people.find((p) => fold(p.name) === wanted);
  if (person) return (e) => e.person === person.name;
  if (schedule.people.some((p) => p.roles.some((r) => fold(r) === wanted)) || wanted === fold('unassigned')) {
    return (e) =>
      (fold(e.role) === wanted && (e.person !== null || e.type !== 'school')) ||
      (wanted === fold('unassigned') && e.person === null && e.type !== 'school');
  }
  const known = [...schedule.people.map((p) => `${p.name} (${p.role})`), 'unassigned'].join(', ');
  throw usageError(`--lead ${lead}: no person or role of that name in capacity: in trust.config.yaml; known: ${known}`);
}

function readPrevious(path: string, io: Io): PreviousEvent[] {
  const full = resolve(io.cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    throw notFoundError(`--previous ${path}: cannot read that file (the plan.ics written before)`);
  }
  try {
    return readIcs(text);
  } catch (error) {
    throw dataError(`${path}:${(error as Error).message}`);
  }
}

export function calendarCommand(io: Io): Command {
  const cmd = new Command('calendar')
    .description(
      'the QA and SI schedule: each event on a day with a person, for a term or the year (ics for Outlook and Google Calendar)',
    )
    .argument('[file]', 'school data (CSV or YAML; - for standard input); default: schools: in trust.config.yaml')
    .option('--term <n>', 'the term, 1-6 (Autumn 1 ... Summer 2); default: the term --as-of falls in, or the next')
    .option('--year', 'the whole academic year')
    .option('--school <urn>', "one school's events (and its trust's)")
    .option('--lead <name|role>', "one person's diary (a name in capacity:), everyone with a role, or unassigned")
    .option('--split <lead>', 'one ICS file per person (and unassigned) in the folder given by -o')
    .option('--rota', 'a week-by-person rota grid (html or xlsx to print, A4 landscape)')
    .option(
      '--previous <plan.ics>',
      'the ICS written before: changed events get a higher SEQUENCE, removed ones are cancelled',
    )
    .option(
      '--from <classified.csv>',
      'use the tiers in a CSV written by sit classify (urn, name, tier) instead of classifying',
    );
  withPolicyOptions(cmd);
  withDataOptions(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText(
    'after',
    `
Term dates come from terms: in trust.config.yaml, else the shipped 2026/27 dates (see README).
People come from capacity: (name, role, days); each activity's lead is a role. The whole year is
planned every time (so a term, a school or a person is a view of the same schedule).

Examples:
  sit calendar --term 3                          the term-3 plan for every school in schools:
  sit calendar schools.csv --year --format ics -o plan.ics
  sit calendar --year --format ics --previous plan.ics -o plan-v2.ics
  sit calendar --year --lead "A. Khan" -o khan.ics
  sit calendar --year --split lead -o diaries/   one ICS per person
  sit calendar --term 3 --rota -o rota.html      the week-by-person rota, to print
  sit calendar --from tiers.csv --school 100004 --year --format json`,
  );
  cmd.action(async (file: string | undefined, options: CalendarOptions) => {
    if (options.split !== undefined && options.split !== 'lead')
      throw usageError(`--split ${options.split}: the one split is --split lead (one ICS per person)`);
    if (options.split && !options.output) throw usageError('--split lead: give the folder with -o, e.g. -o diaries/');
    if (options.split && options.rota) throw usageError('--split and --rota: give one');
    const format = options.split ? 'ics' : outputFormat(options, io, FORMATS);
    if (options.rota && !['table', 'csv', 'md', 'html', 'xlsx'].includes(format))
      throw usageError(`--rota: the rota is a grid; use --format html or xlsx (or csv, md), not ${format}`);
    if (options.previous && format !== 'ics')
      throw usageError('--previous: compares ICS files; use --format ics (or -o plan.ics)');
    // Classified first, so the policy is the one every command chooses for this data (context.ts).
    const classified = options.from ? null : await classifyData(file, options, io, loadPolicy(options, io));
    const loaded = classified?.loaded ?? loadPolicy(options, io);
    const calendar = loaded.policy.calendar;
    if (!calendar || calendar.activities.length === 0) {
      throw configError(
        `${loaded.policySource}: the policy "${loaded.policy.id}" has no calendar: activities, so there is nothing to plan; add a calendar: section to trust.config.yaml, or use a preset with one (rlt-categories, four-tier, equals-categories, ult-core-second-tier)`,
      );
    }
    const asOf = asOfDate(options, io);
    const { cal, source: termsSource } = loadTerms(loaded);
    const terms = termsWanted(options, cal, asOf);
    const levelOf = new Map(loaded.policy.tiers.map((t) => [t.id, t.level]));

    let schools: CalendarSchool[];
    const notes: string[] = [];
    const needsCycles = calendar.activities.some((a) => a.every_years !== undefined);
    if (options.from) {
      const fromPath = dataFile(options.from, loaded, io);
      const classified = await readSchools(fromPath, io.stdin, displayPath(fromPath, io));
      const problems: string[] = [];
      if (!classified.table.headers.some((h) => fold(h) === 'tier'))
        problems.push(
          `${classified.file}:${classified.table.headerLine}: no "tier" column; give a CSV written by sit classify (urn, name, tier)`,
        );
      for (const s of classified.schools) {
        const tier = tierColumn(s);
        if (tier !== null && !levelOf.has(tier))
          problems.push(
            `${classified.file}:${s.line}: column "tier": expected one of ${[...levelOf.keys()].join(', ')} (the policy's tiers) or blank, got "${tier}"`,
          );
      }
      if (problems.length) throw dataError(problems);
      // The cycles need review dates from the school data, when there is any.
      let data: SchoolsFile | null = null;
      if (file || loaded.config.schools) {
        data = (await loadPolicyAndData(file, options, io, loaded)).data;
      } else if (needsCycles) {
        notes.push(
          'note: review cycles need last_peer_review / last_external_review from the school data: give FILE or set schools: in trust.config.yaml; cycles are left out',
        );
      }
      const byUrn = new Map(data?.schools.map((s) => [s.urn, s]) ?? []);
      schools = classified.schools.map((s) => {
        const tier = tierColumn(s);
        const full = byUrn.get(s.urn);
        return {
          urn: s.urn,
          name: s.name,
          tier,
          level: tier === null ? null : (levelOf.get(tier) ?? null),
          fields: full?.fields ?? s.fields,
          extra: { ...s.extra, ...full?.extra },
        };
      });
      if (!data && needsCycles)
        schools = schools.map((s) => ({
          ...s,
          fields: { ...s.fields, last_peer_review: null, last_external_review: null },
        }));
    } else {
      schools = classified!.placements.map((p) => ({
        urn: p.school.urn,
        name: p.school.name,
        tier: p.tier,
        level: p.level,
        fields: p.school.fields,
        extra: p.school.extra,
      }));
    }

    // The whole year for every school, so that a term, a school or a person is a view of one plan.
    const schedule = planYear(loaded.policy, schools, cal, {
      asOf,
      capacity: loaded.config.capacity,
      settings: loaded.config.schedule,
    });
    let events = inTerms(schedule.events, terms);
    let unscheduled = inTerms(schedule.unscheduled, terms);
    let shown = schools;
    if (options.school !== undefined) {
      const urn = Number(options.school.trim());
      if (!/^\d{6}$/.test(options.school.trim()))
        throw usageError(`--school ${options.school}: expected a 6-digit URN`);
      const school = schools.find((s) => s.urn === urn);
      if (!school) throw usageError(`--school ${urn}: no school with that URN in the data`);
      const trust = (school.fields.trust as string | null) ?? null;
      const mine = (e: { urn: number | null; name: string }) =>
        e.urn === urn || (e.urn === null && (e.name === trust || e.name === 'All schools'));
      events = events.filter(mine);
      unscheduled = unscheduled.filter(mine);
      shown = [school];
    }
    if (options.lead !== undefined) {
      const keep = leadFilter(schedule, options.lead);
      events = events.filter(keep);
      unscheduled = unscheduled.filter(
        (u) =>
          fold(u.role) === fold(options.lead as string) ||
          schedule.people.some((p) => fold(p.name) === fold(options.lead as string) && fold(p.role) === fold(u.role)),
      );
    }

    const needing = shown.filter((s) => s.tier === null);
    if (needing.length) {
      notes.push(
        `note: ${needing.length} ${needing.length === 1 ? 'school needs' : 'schools need'} data and ${needing.length === 1 ? 'gets' : 'get'} only the activities for every school, none by tier: ${someSchools(needing)}`,
      );
    }
    const shownUrns = new Set(shown.map((s) => s.urn));
    const missing = schedule.missingDates.filter((m) => shownUrns.has(m.urn));
    if (missing.length && !(options.from && needsCycles && !(file || loaded.config.schools))) {
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
    const dropped = inTerms(schedule.dropped, terms).filter((d) => d.urn === null || shownUrns.has(d.urn));
    if (dropped.length)
      notes.push(
        `note: ${dropped.length} cadence ${dropped.length === 1 ? 'occurrence falls' : 'occurrences fall'} in a holiday or on a closure with no later school day that week: dropped, not moved (sit budget --format json lists them)`,
      );
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

    const scope = scopeText(cal, terms);
    const target = { force: options.force, cwd: io.cwd, stdout: io.stdout };
    if (options.split) {
      const folder = resolve(io.cwd, options.output as string);
      mkdirSync(folder, { recursive: true });
      const groups = new Map<string, CalendarEvent[]>();
      for (const p of schedule.people) groups.set(p.name, []);
      for (const e of events) {
        if (e.type === 'school') continue;
        const who = e.person ?? 'unassigned';
        groups.set(who, [...(groups.get(who) ?? []), e]);
      }
      for (const [who, list] of groups) {
        await emit(
          { ...target, output: join(options.output as string, `${slug(who)}.ics`) },
          calendarIcs(list, { name: `${who}: ${loaded.policy.name}, ${scope}`, stamp: asOf }),
        );
      }
      for (const line of notes) note(options, io, line);
      note(
        options,
        io,
        `${groups.size} diaries written to ${options.output}: ${[...groups].map(([who, list]) => `${slug(who)}.ics (${list.length})`).join(', ')}`,
      );
      return;
    }
    const previous = options.previous ? readPrevious(options.previous, io) : undefined;
    const maxLevel = Math.max(...loaded.policy.tiers.map((t) => t.level));
    let content: string | Uint8Array;
    if (options.rota) {
      const people =
        options.lead === undefined
          ? schedule.people.map((p) => p.name)
          : schedule.people
              .filter(
                (p) => fold(p.name) === fold(options.lead as string) || fold(p.role) === fold(options.lead as string),
              )
              .map((p) => p.name);
      const table = rotaTable(events, {
        title: `Rota: ${loaded.policy.name}`,
        subtitle: [`Policy: ${loaded.policy.id}. ${scope[0].toUpperCase()}${scope.slice(1)}. As of ${asOf}.`],
        people,
      });
      content =
        format === 'xlsx'
          ? await toXlsxWorkbook([table])
          : await renderTableOutput(table, format, { color: useColor(options, io), width: io.stdout.columns });
    } else if (format === 'json') content = toJson(events.map(eventJson));
    else if (format === 'ics')
      content = calendarIcs(events, { name: `${loaded.policy.name}: ${scope}`, stamp: asOf, previous });
    else {
      content = await renderTableOutput(
        calendarTable(events, {
          policyName: loaded.policy.name,
          policyId: loaded.policy.id,
          asOf,
          scope,
          levels: new Map(schools.map((s) => [s.urn, s.level])),
          maxLevel,
          detail: format === 'table' ? 'terminal' : 'file',
        }),
        format,
        { color: useColor(options, io), width: io.stdout.columns },
      );
    }
    await emit({ ...target, output: options.output, format }, content);
    for (const line of notes) note(options, io, line);
    if (format !== 'table' || options.output)
      note(
        options,
        io,
        `${countText(events, unscheduled)}, ${scope}; term dates from ${termsSource} (${loaded.policySource})`,
      );
  });
  return cmd;
}
