// sit visit note --school URN: the one-page record of a visit (Markdown, HTML, Word).
import { Command } from 'commander';
import { schoolAnswers } from '../io/answers-file.js';
import { dateOption, documentFormat, type DataOptions, type Io, writeOutput } from '../io/command-io.js';
import { classifyData } from '../io/load-data.js';
import { visitNoteFor } from '../io/visit-note-input.js';
import { visitNoteContent } from '../io/visit-note-output.js';
import { withSchoolData, withOutputOptions } from './options.js';
import { findSchool } from '../io/find-school.js';
import { withSitErrors } from './sit-errors.js';

const FORMATS = ['md', 'html', 'docx', 'json'] as const;

interface NoteOptions extends DataOptions {
  school?: string;
  activity?: string;
  date?: string;
  lead?: string;
  answers?: string;
}

export function visitCommand(io: Io): Command {
  const visit = new Command('visit').description('records of visits: sit visit note');
  const note = withSitErrors(new Command('note'), io)
    .description(
      'the one-page record of a visit: school, tier, activity, date, lead, WFAP priorities, findings, actions',
    )
    .requiredOption('--school <urn>', 'the school: its URN, or its name (part of it will do)')
    .option('--activity <id>', "the activity: its id in the policy's calendar (or its name, or free text)")
    .option('--date <date>', "the visit's date (default: the school's next planned visit from --as-of)")
    .option('--lead <name>', "who leads the visit (default: the plan's lead)")
    .option('--answers <file>', "the school's WFAP answers file: its priorities and milestones");
  withSchoolData(note);
  withOutputOptions(note, FORMATS, { defaultFormat: 'md' });
  note.addHelpText(
    'after',
    `
The visit is found in the year's plan (the same schedule as sit calendar): on --date, of
--activity, else the school's next planned visit from --as-of. A visit not on the plan is
recorded as given, and the note says so.

Examples:
  sit visit note --school 100004 --answers wfap-answers.yaml -o visit.html
  sit visit note --school 100004 --activity review-day --date 2027-02-09 -o visit.docx`,
  );
  note.action(async (file: string | undefined, options: NoteOptions) => {
    const format = documentFormat(options, io, FORMATS, 'visit.docx');
    const date = options.date ? dateOption('--date', options.date) : undefined;
    const { loaded, asOf, data, placements } = await classifyData(file, options, io);
    const placement = findSchool(placements, options.school!, data.file);
    const answers = schoolAnswers(options.answers, placement.school.urn, io.cwd);
    const record = visitNoteFor(placement, placements, loaded, asOf, { ...options, date }, answers);
    const content = await visitNoteContent(record, format);
    await writeOutput(options, io, content, format);
  });
  visit.addCommand(note);
  return visit;
}
