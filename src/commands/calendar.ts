// sit calendar [FILE]: the dated QA and SI activities of the policy for each school, for a term
// or the year, as a table, CSV, Markdown, HTML, JSON or an iCalendar file.
import { Command } from 'commander';
import { buildCalendar, currentTerm, shortfalls, type CalendarSchool } from '../core/calendar.js';
import { TermsSchema, termCalendar, type TermCalendar } from '../core/terms.js';
import { fold } from '../core/values.js';
import { configError, dataError, usageError } from '../errors.js';
import { readSchools, type SchoolsFile } from '../io/read-schools.js';
import { parseYamlText, type LoadedConfig } from '../io/config.js';
import { issueLines } from '../io/yaml-issues.js';
import { emit } from '../io/output.js';
import { renderTableOutput, toJson } from '../io/render.js';
import { calendarIcs, calendarTable, countText, eventJson, scopeText } from '../io/calendar-output.js';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { asOfDate, classifyData, dataFile, displayPath, loadPolicy, note, outputFormat, useColor, withDataOptions, withOutputOptions, withPolicyOptions, type DataOptions, type Io } from './context.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx', 'ics'] as const;

interface CalendarOptions extends DataOptions {
  term?: string;
  year?: boolean;
  school?: string;
  from?: string;
}

/** The config's terms, else the shipped 2026/27 dates. */
export function loadTerms(loaded: LoadedConfig): { cal: TermCalendar; source: string } {
  if (loaded.config.terms) return { cal: termCalendar(loaded.config.terms), source: loaded.display ?? 'the config' };
  const where = 'preset terms-2026-27';
  const parsed = TermsSchema.safeParse(parseYamlText(defaultTermsText, where).value.terms);
  if (!parsed.success) throw configError(issueLines(parsed.error, where));
  return { cal: termCalendar(parsed.data), source: 'the shipped 2026/27 default (set terms: in trust.config.yaml for your own)' };
}

function termsWanted(options: CalendarOptions, cal: TermCalendar, asOf: string): number[] {
  if (options.term !== undefined && options.year) throw usageError('--term and --year: give one (a term, or the whole year)');
  if (options.year) return [1, 2, 3, 4, 5, 6];
  if (options.term !== undefined) {
    if (!/^[1-6]$/.test(options.term.trim())) throw usageError(`--term ${options.term}: expected a term from 1 to 6 (1 = Autumn 1 ... 6 = Summer 2)`);
    return [Number(options.term)];
  }
  const term = currentTerm(cal, asOf);
  if (term === null) throw usageError(`as of ${asOf} the ${cal.yearName} terms are over: give --term N or --year, or put next year's dates under terms: in trust.config.yaml`);
  return [term];
}

const LIST_LIMIT = 10;

/** "100025 Zephyr Free School; ..." for the first few, then how many more. */
function someSchools(list: { urn: number; name: string }[]): string {
  const shown = list.slice(0, LIST_LIMIT).map((s) => `${s.urn} ${s.name}`).join('; ');
  return list.length > LIST_LIMIT ? `${shown}; and ${list.length - LIST_LIMIT} more` : shown;
}

const tierColumn = (school: SchoolsFile['schools'][number]) => {
  const key = Object.keys(school.extra).find((k) => fold(k) === 'tier');
  const value = key === undefined ? '' : school.extra[key].trim();
  return value === '' ? null : value;
};

export function calendarCommand(io: Io): Command {
  const cmd = new Command('calendar')
    .description('dated QA and SI activities for each school, for a term or the year (ics for Outlook and Google Calendar)')
    .argument('[file]', 'school data (CSV or YAML; - for standard input); default: schools: in trust.config.yaml')
    .option('--term <n>', 'the term, 1-6 (Autumn 1 ... Summer 2); default: the term --as-of falls in, or the next')
    .option('--year', 'the whole academic year')
    .option('--school <urn>', 'one school only')
    .option('--from <classified.csv>', 'use the tiers in a CSV written by sit classify (urn, name, tier) instead of classifying');
  withPolicyOptions(cmd);
  withDataOptions(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText('after', `
Term dates come from terms: in trust.config.yaml, else the shipped 2026/27 dates (see README).

Examples:
  sit calendar --term 3                          the term-3 plan for every school in schools:
  sit calendar schools.csv --year --format ics -o plan.ics
  sit calendar --from tiers.csv --school 100004 --year --format json`);
  cmd.action(async (file: string | undefined, options: CalendarOptions) => {
    const format = outputFormat(options, io, FORMATS);
    const loaded = loadPolicy(options, io);
    const calendar = loaded.policy.calendar;
    if (!calendar || calendar.activities.length === 0) {
      throw configError(`${loaded.policySource}: the policy "${loaded.policy.id}" has no calendar: activities, so there is nothing to plan; add a calendar: section to trust.config.yaml, or use a preset with one (rlt-categories, four-tier, equals-categories, ult-core-second-tier)`);
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
      if (!classified.table.headers.some((h) => fold(h) === 'tier')) problems.push(`${classified.file}:${classified.table.headerLine}: no "tier" column; give a CSV written by sit classify (urn, name, tier)`);
      for (const s of classified.schools) {
        const tier = tierColumn(s);
        if (tier !== null && !levelOf.has(tier)) problems.push(`${classified.file}:${s.line}: column "tier": expected one of ${[...levelOf.keys()].join(', ')} (the policy's tiers) or blank, got "${tier}"`);
      }
      if (problems.length) throw dataError(problems);
      // The cycles need review dates from the school data, when there is any.
      let data: SchoolsFile | null = null;
      if (file || loaded.config.schools) {
        const path = dataFile(file, loaded, io);
        data = await readSchools(path, io.stdin, displayPath(path, io));
      } else if (needsCycles) {
        notes.push('note: review cycles need last_peer_review / last_external_review from the school data: give FILE or set schools: in trust.config.yaml; cycles are left out');
      }
      const byUrn = new Map(data?.schools.map((s) => [s.urn, s]) ?? []);
      schools = classified.schools.map((s) => {
        const tier = tierColumn(s);
        const full = byUrn.get(s.urn);
        return { urn: s.urn, name: s.name, tier, level: tier === null ? null : levelOf.get(tier) ?? null, fields: full?.fields ?? s.fields, extra: { ...s.extra, ...full?.extra } };
      });
      if (!data && needsCycles) schools = schools.map((s) => ({ ...s, fields: { ...s.fields, last_peer_review: null, last_external_review: null } }));
    } else {
      const { placements } = await classifyData(file, options, io, loaded);
      schools = placements.map((p) => ({ urn: p.school.urn, name: p.school.name, tier: p.tier, level: p.level, fields: p.school.fields, extra: p.school.extra }));
    }
    if (options.school !== undefined) {
      const urn = Number(options.school.trim());
      if (!/^\d{6}$/.test(options.school.trim())) throw usageError(`--school ${options.school}: expected a 6-digit URN`);
      schools = schools.filter((s) => s.urn === urn);
      if (schools.length === 0) throw usageError(`--school ${urn}: no school with that URN in the data`);
    }

    const result = buildCalendar(schools, calendar, cal, { terms });
    const needing = schools.filter((s) => s.tier === null);
    if (needing.length) {
      notes.push(`note: ${needing.length} ${needing.length === 1 ? 'school needs' : 'schools need'} data and ${needing.length === 1 ? 'gets' : 'get'} only the activities for every school, none by tier: ${someSchools(needing)}`);
    }
    if (result.missingDates.length && !(options.from && needsCycles && !(file || loaded.config.schools))) {
      const byCycle = new Map<string, typeof result.missingDates>();
      for (const m of result.missingDates) byCycle.set(`${m.activity}|${m.field}`, [...(byCycle.get(`${m.activity}|${m.field}`) ?? []), m]);
      for (const [key, list] of byCycle) {
        const [activity, field] = key.split('|');
        notes.push(`note: ${activity} not planned for ${list.length} ${list.length === 1 ? 'school' : 'schools'}: ${field} is blank, so sit cannot tell when it is due: ${someSchools(list)}`);
      }
    }
    const short = shortfalls(result.events, calendar, schools, terms);
    for (const line of short.slice(0, LIST_LIMIT)) notes.push(`warning: ${line}`);
    if (short.length > LIST_LIMIT) notes.push(`warning: ... and ${short.length - LIST_LIMIT} more shortfalls against the policy's minimums`);

    const scope = scopeText(cal, terms);
    const content = format === 'json'
      ? toJson(result.events.map(eventJson))
      : format === 'ics'
        ? calendarIcs(result.events, { name: `${loaded.policy.name}: ${scope}`, stamp: asOf })
        : await renderTableOutput(calendarTable(result.events, {
            policyName: loaded.policy.name,
            policyId: loaded.policy.id,
            asOf,
            scope,
            levels: new Map(schools.map((s) => [s.urn, s.level])),
            maxLevel: Math.max(...loaded.policy.tiers.map((t) => t.level)),
            detail: format === 'table' ? 'terminal' : 'file',
          }), format, { color: useColor(options, io), width: io.stdout.columns });
    emit({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout, format }, content);
    for (const line of notes) note(options, io, line);
    if (format !== 'table' || options.output) note(options, io, `${countText(result.events)}, ${scope}; term dates from ${termsSource} (${loaded.policySource})`);
  });
  return cmd;
}
