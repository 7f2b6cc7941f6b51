// The board report as a Word document (sit report -o board.docx): the HTML report's sections,
// tables and charts (as pictures), on A4, editable. Built from the WFAP's Word pieces
// (wfap-docx.ts) and the HTML report's own content (report.ts), so the two say the same things.
import { HeadingLevel, ImageRun, Packer, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import { overLine } from './budget-output.js';
import { chartPng } from './chart-png.js';
import { levelClass } from './formats/html.js';
import { widest, withRowArray, type TableModel } from './formats/table-model.js';
import { FOOTER, reportCharts, sections, subtitleOf, summaryLines, titleOf, type ReportInput } from './report.js';
import { cell, document, lines, stampDocx } from './wfap-docx.js';

/** The tier colours of the HTML report (templates/report.html, `tr.level-*`). */
const LEVEL_FILL: Record<string, string> = {
  'level-low': 'D8F0DC',
  'level-mid': 'FFF4C2',
  'level-mid-high': 'FFD9A8',
  'level-high': 'F8C9C4',
  'needs-data': 'E4E4E4',
};
const RED = 'A4000F';

/** A level-2 heading kept with what follows it; `newPage` starts it on a new page, as the HTML prints. */
function heading(text: string, newPage = false): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    keepNext: true,
    pageBreakBefore: newPage || undefined,
    children: [new TextRun(text)],
  });
}

const small = (text: string, color = '333333') => new Paragraph({ children: [new TextRun({ text, size: 18, color })] });

/** The page width between the margins, in characters of the 9pt table text with room to spare. */
const LINE = 85;
/** A cell's left and right margins, in characters. */
const PAD = 3;

/**
 * Column widths in percent, much as a browser lays the HTML table out: no short column (URN,
 * tier, days) narrower than its longest word, so numbers and names never break mid-word; each
 * as wide as its longest value (up to a quarter of the page) where there is room; the wide text
 * columns (reasons) take what is left: at least 40% of the line, or 25% where the short columns need more.
 */
export function columnWidths(t: TableModel): number[] {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const longestWord = (v: string) => widest(v.split(/\s+/), (w) => w.length);
  const cap = LINE / 4;
  const values = t.columns.map((c) => t.rows.map((r) => text(r[c.key])));
  const least = t.columns.map((c, j) =>
    c.wide ? 0 : Math.min(cap, widest(values[j], longestWord, longestWord(c.header))) + PAD,
  );
  const natural = t.columns.map((c, j) =>
    c.wide
      ? 0
      : Math.max(
          least[j],
          Math.min(
            cap,
            widest(values[j], (v) => v.length),
          ) + PAD,
        ),
  );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const wide = t.columns.filter((c) => c.wide).length;
  const room = wide ? Math.min(Math.max(LINE * 0.4, LINE - sum(natural)), Math.max(LINE * 0.25, LINE - sum(least))) : 0;
  const left = LINE - room;
  // Between each column's least and natural width, in the same proportion for all.
  const spare = sum(natural) - sum(least);
  const f = spare > 0 ? Math.min(1, Math.max(0, (left - sum(least)) / spare)) : 1;
  const widths = t.columns.map((c, j) => (c.wide ? room / wide : least[j] + (natural[j] - least[j]) * f));
  const total = sum(widths);
  return widths.map((w) => Math.round((100 * w) / total));
}

/** A table model as a Word table: header row repeated on every page, the tier cell coloured as in the HTML. */
function modelTable(t: TableModel): Table {
  const widths = columnWidths(t);
  const tierColumn = t.columns.findIndex((c) => c.key === 'tier');
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map((c, j) => cell(c.header, true, widths[j])),
      }),
      ...t.rows.map(
        (row, i) =>
          new TableRow({
            cantSplit: true,
            children: t.columns.map((c, j) => {
              const fill = t.levels && j === tierColumn ? LEVEL_FILL[levelClass(t.levels[i], t.maxLevel)] : undefined;
              return cell(
                row[c.key] === null || row[c.key] === undefined ? '' : String(row[c.key]),
                false,
                widths[j],
                fill,
              );
            }),
          }),
      ),
    ],
  });
}

export async function reportDocx(input: ReportInput): Promise<Uint8Array> {
  const over = overLine(input.budget);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: titleOf(input), size: 34, bold: true })],
    }),
    ...subtitleOf(input).map((l) => lines(l)),
    heading('Summary'),
    ...summaryLines(input).map(
      (l) =>
        new Paragraph({
          bullet: { level: 0 },
          children: [new TextRun(over && l === over ? { text: l, bold: true, color: RED } : l)],
        }),
    ),
    heading('Charts'),
  ];
  // Each drawing's id given, 1, 2, 3: the docx package otherwise numbers them from one counter per
  // process, so a second report made in the same process had other ids and other bytes.
  for (const [index, chart] of reportCharts(input).entries()) {
    const { png, width, height } = await chartPng(chart);
    children.push(
      new Paragraph({
        keepNext: true,
        children: [
          new ImageRun({
            type: 'png',
            data: png,
            transformation: { width, height },
            altText: { id: String(index + 1), name: chart.title, title: chart.title, description: chart.description },
          }),
        ],
      }),
      small(chart.description),
    );
  }
  sections(input).forEach((s) => {
    children.push(
      heading(s.table.title, s.className === 'tiers'),
      ...(s.table.subtitle ?? []).map((l) => lines(l)),
      modelTable(withRowArray(s.table)),
    );
    children.push(...(s.table.footer ?? []).map((l) => lines(l)));
  });
  children.push(small(FOOTER));
  const bytes = new Uint8Array(await Packer.toBuffer(document(titleOf(input), children, false)));
  return stampDocx(bytes, input.asOf);
}
