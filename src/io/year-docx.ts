// The academy card and the visit note as Word documents, from the WFAP's Word pieces (page, facts
// table, grid, headings, the same-bytes stamp). Loaded only when --format docx asks for it.
import { HeadingLevel, Packer, Paragraph, TextRun, type Table } from 'docx';
import type { AcademyCard } from '../core/card.js';
import type { VisitNote } from '../core/visit-note.js';
import { cardView } from './card-output.js';
import { visitNoteView } from './visit-note-output.js';
import { document, factsTable, gridTable, heading, stampDocx } from './wfap-docx.js';

const title = (text: string) => new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(text)] });
const blank = () => new Paragraph({ children: [] });

export async function cardDocx(card: AcademyCard): Promise<Uint8Array> {
  const view = cardView(card);
  const facts: [string, string][] = [
    ['School', view.school.name],
    ['URN', String(view.school.urn)],
    ['Trust', view.school.trust],
    ['Tier / category (in force)', view.tier.label],
  ];
  if (view.tier.retiered) facts.push(['Re-tiered', view.tier.retiered]);
  if (view.tier.computed) facts.push(['Computed placement', view.tier.computed]);
  facts.push(['As of', view.as_of]);
  const children: (Paragraph | Table)[] = [
    title(`Academy card ${view.academic_year}`),
    factsTable(facts),
    heading('Targets and the latest data', HeadingLevel.HEADING_2),
    gridTable(
      ['Indicator', 'Latest', 'Target', 'Status', 'Target from', 'Latest from'],
      view.kpis.map((k) => [k.label, k.value, k.target, k.status, k.target_source, k.value_source]),
    ),
    new Paragraph({ children: [new TextRun(view.summary)] }),
    new Paragraph({ children: [new TextRun({ text: view.close_rule, size: 16 })] }),
  ];
  const built = document(`Academy card ${view.academic_year}: ${view.school.name}`, children, false);
  return stampDocx(new Uint8Array(await Packer.toBuffer(built)), card.as_of);
}

export async function visitNoteDocx(note: VisitNote): Promise<Uint8Array> {
  const view = visitNoteView(note);
  const facts: [string, string][] = [
    ['School', `${view.school.name} (URN ${view.school.urn})`],
    ['Tier / category (in force)', view.tier.label],
  ];
  if (view.tier.retiered) facts.push(['Re-tiered', view.tier.retiered]);
  facts.push(['Activity', `${view.activity.name} (${view.activity.kind})`], ['Date', view.date], ['Lead', view.lead]);
  if (view.planned) facts.push(['In the plan', view.planned]);
  const priorities = view.priorities.length
    ? view.priorities.map(
        (p) =>
          new Paragraph({
            numbering: undefined,
            children: [
              new TextRun(
                `${p.number}. ${p.title}${p.milestone ? ` (by the end of the ${p.term}: ${p.milestone})` : ''}`,
              ),
            ],
          }),
      )
    : [new Paragraph({ children: [new TextRun({ text: 'No WFAP priorities given.', italics: true })] })];
  const children: (Paragraph | Table)[] = [
    title(`Visit note: ${view.school.name}`),
    factsTable(facts),
    heading('WFAP priorities', HeadingLevel.HEADING_2),
    ...priorities,
    heading('Findings', HeadingLevel.HEADING_2),
    gridTable(['Findings'], [['\n\n\n\n\n\n\n\n']]),
    heading('Agreed actions', HeadingLevel.HEADING_2),
    gridTable(
      ['Action', 'Who', 'By when'],
      [0, 1, 2, 3].map(() => ['\n', '', '']),
    ),
    blank(),
    new Paragraph({
      children: [new TextRun('Lead: ____________________   Headteacher: ____________________   Date: __________')],
    }),
  ];
  const built = document(`Visit note: ${view.school.name}, ${view.date}`, children, false);
  return stampDocx(new Uint8Array(await Packer.toBuffer(built)), note.as_of);
}
