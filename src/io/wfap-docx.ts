// WFAPs and support-deployment records as Word documents (plans go to governors as Word files),
// with the `docx` package. Loaded only when --format docx asks for it. The board report's Word
// version (report-docx.ts) is built from the same pieces: page, cells, tables, headings, stamp.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8 } from 'fflate';
import type { WfapPlan } from '../core/wfap.js';
import type { DeploymentRecord } from '../core/deployment.js';
import { wfapForm } from './wfap-form.js';
import { deploymentView, planView } from './wfap-render.js';
import { rezip } from './zip.js';

const A4 = { width: 11906, height: 16838 };
const MARGIN = 720;
const border = { style: BorderStyle.SINGLE, size: 4, color: '8A8A8A' };
const borders = { top: border, bottom: border, left: border, right: border };

/** Text with line breaks kept. */
export function lines(text: string, options: { bold?: boolean; color?: string; size?: number } = {}): Paragraph {
  const parts = text.split(/\r?\n/);
  return new Paragraph({
    children: parts.map((part, i) => new TextRun({ text: part, break: i > 0 ? 1 : undefined, ...options })),
  });
}

/** A bordered cell; a header cell is white on dark blue, and `fill` shades a body cell (a tier's colour). */
export function cell(text: string, header = false, width?: number, fill?: string): TableCell {
  return new TableCell({
    borders,
    width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
    shading: header || fill ? { type: ShadingType.CLEAR, color: 'auto', fill: header ? '1D3557' : fill } : undefined,
    children: [lines(text, header ? { bold: true, color: 'FFFFFF', size: 18 } : { size: 18 })],
  });
}

export function factsTable(rows: [string, string][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([k, v]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              borders,
              width: { size: 25, type: WidthType.PERCENTAGE },
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F7' },
              children: [lines(k, { bold: true, size: 18 })],
            }),
            cell(v, false, 75),
          ],
        }),
    ),
  });
}

/** A table whose first row repeats at the top of every page. */
export function gridTable(headers: string[], rows: string[][]): Table {
  const width = Math.floor(100 / headers.length);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h) => cell(h, true, width)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v, false, width)) })),
    ],
  });
}

export const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] });
const todo = () =>
  new Paragraph({ children: [new TextRun({ text: 'To be completed.', italics: true, color: '595959' })] });
const spacer = () => new Paragraph({ children: [] });

function bullets(items: string[]): Paragraph[] {
  return items.length
    ? items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }))
    : [todo()];
}

export function document(title: string, children: (Paragraph | Table)[], landscape: boolean): Document {
  return new Document({
    creator: 'sit',
    title,
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
}

export function planDocument(plan: WfapPlan): Document {
  const view = planView(plan);
  const facts: [string, string][] = [
    ['School', view.school.name],
    ['URN', String(view.school.urn)],
    ['Academic year', view.academic_year],
    ['Tier / category', view.tier.label],
    ['Level of support', view.tier.days_text],
  ];
  if (view.tier.description) facts.push(['Support', String(view.tier.description)]);
  if (view.tier.override) facts.push(['Tier set by hand', String(view.tier.override)]);
  for (const choice of view.tier.choices) facts.push(['Policy choice', choice]);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.LEFT,
      children: [new TextRun(`Way Forward Action Plan ${view.academic_year}`)],
    }),
    factsTable(facts),
    heading('Key performance indicators', HeadingLevel.HEADING_2),
    gridTable(
      ['Indicator', 'Latest', 'Target', 'Target from'],
      view.kpis.map((k) => [k.label, k.value, k.target, k.target_source]),
    ),
  ];
  for (const section of view.sections)
    children.push(heading(section.label, HeadingLevel.HEADING_2), ...bullets(section.items));
  const { milestones, action_columns: columns } = wfapForm();
  for (const p of view.priorities) {
    children.push(
      heading(`Key priority ${p.number}: ${p.title || 'to be completed'}`, HeadingLevel.HEADING_2),
      factsTable(milestones.map((m) => [m.label, p[m.key]])),
      spacer(),
      gridTable(
        columns.map((c) => c.header),
        p.actions.map((a) => columns.map((c) => a[c.key])),
      ),
    );
  }
  children.push(
    spacer(),
    new Paragraph({
      children: [
        new TextRun({ text: `Policy: ${plan.policy.name} (${plan.policy.id}). Placed as of ${plan.as_of}.`, size: 16 }),
      ],
    }),
  );
  return document(view.title, children, true);
}

export function deploymentDocument(record: DeploymentRecord): Document {
  const view = deploymentView(record);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(view.title)] }),
    factsTable([
      ['School supported', view.school.name],
      ['URN', String(view.school.urn)],
      ['System leader', view.leader],
      ['Role', view.role_label + (view.role_detail ? `: ${view.role_detail}` : '')],
      ['From', view.from_school],
      ['Days', String(view.days)],
      ['Key focus area', view.key_focus],
    ]),
  ];
  for (const section of view.sections)
    children.push(heading(section.label, HeadingLevel.HEADING_2), ...bullets(section.items));
  return document(view.title, children, false);
}

export async function toDocx(doc: WfapPlan | DeploymentRecord): Promise<Uint8Array> {
  const built = doc.kind === 'wfap' ? planDocument(doc) : deploymentDocument(doc);
  return stampDocx(new Uint8Array(await Packer.toBuffer(built)), doc.as_of);
}

/**
 * The docx package stamps the clock into docProps/core.xml and the zip entries. Dating the
 * document by the plan's as-of date instead makes the same plan give the same bytes (SPEC 5).
 */
export function stampDocx(docx: Uint8Array, asOf: string): Uint8Array {
  return rezip(docx, (entries) => {
    const core = entries['docProps/core.xml'];
    if (!core) return;
    const when = `${asOf}T00:00:00Z`;
    entries['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${when}$2`),
    );
  });
}
