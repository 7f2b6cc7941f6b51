// sit calendar [FILE]: the QA and SI schedule (each event on a day, with a person), for a term or
// the year, a school or a person, as a table, CSV, Markdown, HTML, JSON, iCalendar or a rota grid.
import { Command } from 'commander';
import { usageError } from '../errors.js';
import { planCalendar, type CalendarOptions } from '../io/calendar-plan.js';
import { writeCalendar } from '../io/calendar-write.js';
import { outputFormat, type Io } from '../io/command-io.js';
import { withSchoolData, withLogOption, withOutputOptions } from './options.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx', 'ics'] as const;

export function calendarCommand(io: Io): Command {
  const cmd = new Command('calendar')
    .description(
      'the QA and SI schedule: each event on a day with a person, for a term or the year (ics for Outlook and Google Calendar)',
    )
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
  withSchoolData(cmd);
  withLogOption(cmd);
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
    await writeCalendar(await planCalendar(file, options, io), options, format, io);
  });
  return cmd;
}
