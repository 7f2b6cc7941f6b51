// The board report: one self-contained HTML page (or Markdown, or JSON) with the tiers and their
// reasons, the budget against capacity, movements since last year, and inline SVG charts.
import type { BudgetResult } from '../core/budget.js';
import type { Placement } from '../core/classify.js';
import type { DiffResult } from '../core/diff.js';
import type { Policy } from '../core/policy.js';
import { maxLevel } from '../core/levels.js';
import { round2 } from '../core/display.js';
import { escapeHtml, fillHtmlPage, paragraphsHtml } from './formats/html.js';
import { fillPage, trusted } from './template.js';
import { joinedParts } from './output.js';
import { escapeMarkdown } from './formats/markdown.js';
import { eachMade, type RowsTable } from './formats/table-model.js';
import { JsonItems, type JsonMembers, jsonMembers } from './formats/json.js';
import {
  assumptionsTable,
  budgetJson,
  daysText,
  capacityTable,
  overLine,
  sectionHtml,
  sectionMarkdown,
  tiersTable,
  totalLine,
} from './budget-output.js';
import { diffJson, diffTable } from './diff-output.js';
import { placementJson } from './placements.js';
import { cardsTable, retieringTable } from './year-report.js';
import type { AcademyCard } from '../core/card.js';
import { barChartSvg, type BarChart } from './svg-charts.js';
import type { Delivered } from './delivery-input.js';
import { deliveryCharts, deliveryJson, deliveryTable } from './delivery-output.js';
import htmlTemplate from '../../templates/report.html';
import mdTemplate from '../../templates/report.md';

export interface ReportInput {
  policy: Policy;
  asOf: string;
  placements: Placement[];
  budget: BudgetResult;
  /** Movements since last year, with a line saying what was compared; null without --previous. */
  movements: { result: DiffResult; line: string; oldAsOf: string | null } | null;
  /** The trust the report is for (trust_name in the config, else the one trust in the data), or null. */
  trust?: string | null;
  /** The data the report was made from: file names (never a folder path) and their dates. */
  files?: { role: string; name: string; modified: string | null }[];
  /** Academy cards, when a targets file is given. */
  cards?: AcademyCard[];
  /** Delivered against plan, from the visit log (--log or log: in the config); null without one. */
  delivery?: Delivered | null;
}

export function tierTable(budget: BudgetResult, policy: Policy): RowsTable {
  return {
    title: 'Schools, tiers and reasons',
    columns: [
      { key: 'urn', header: 'URN' },
      { key: 'name', header: 'School' },
      { key: 'tier', header: 'Tier' },
      { key: 'days', header: 'Support days' },
      { key: 'reasons', header: 'Reasons', wide: true },
    ],
    // Made as they are written, not held: a row per school is 22,000 objects for England.
    rows: eachMade(budget.schools, (s) => ({
      urn: s.urn,
      name: s.name,
      tier: s.placement.label ?? 'needs data',
      days: daysText(s),
      reasons: s.placement.reasons.join('; '),
    })),
    levels: budget.schools.map((s) => s.placement.level),
    maxLevel: maxLevel(policy),
  };
}

export function reportCharts(input: ReportInput): BarChart[] {
  const { budget, placements } = input;
  const needing = placements.filter((p) => p.tier === null).length;
  const tierBars = budget.byTier.map((t) => ({ label: t.tier, value: t.schools }));
  if (needing) tierBars.push({ label: 'needs data', value: needing });
  const charts: BarChart[] = [
    {
      id: 'chart-tiers',
      title: 'Schools per tier',
      description: `Bar chart of the number of schools in each tier: ${budget.byTier.map((t) => `${t.label} ${t.schools}`).join(', ')}${needing ? `, needing data ${needing}` : ''}.`,
      bars: tierBars,
      unit: 'schools',
    },
  ];
  const capacity = budget.capacity;
  const perTermCapacity = capacity?.terms[0]?.capacity;
  charts.push({
    id: 'chart-terms',
    title: capacity ? 'Support days per term against capacity' : 'Support days per term',
    description: `Bar chart of the support days asked for in terms 1 to 6: ${budget.total.perTerm.map((d, i) => `term ${i + 1} ${round2(d)}`).join(', ')}${
      capacity
        ? `; capacity ${round2(perTermCapacity ?? 0)} days a term${
            capacity.terms.some((t) => t.over)
              ? `; over capacity in ${capacity.terms
                  .filter((t) => t.over)
                  .map((t) => `term ${t.term}`)
                  .join(', ')}`
              : ''
          }`
        : ''
    }.`,
    bars: budget.total.perTerm.map((d, i) => {
      const over = capacity?.terms[i]?.over ?? false;
      return { label: `Term ${i + 1}`, value: d, alert: over, note: over ? 'over' : undefined };
    }),
    line:
      capacity && perTermCapacity !== undefined && capacity.terms.every((t) => t.capacity === perTermCapacity)
        ? { value: perTermCapacity, label: 'capacity' }
        : undefined,
    unit: 'days',
  });
  if (input.movements) {
    const counts = input.movements.result.counts;
    const kinds = (['up', 'down', 'same', 'joined', 'left', 'needs-data'] as const).filter(
      (k) => k !== 'same' || counts.same > 0,
    );
    charts.push({
      id: 'chart-movements',
      title: 'Movements since last year',
      description: `Bar chart of tier movements: ${input.movements.result.summary}.`,
      bars: kinds.map((k) => ({ label: k === 'needs-data' ? 'needs data' : k, value: counts[k] })),
      unit: 'schools',
    });
  }
  if (input.delivery) charts.push(...deliveryCharts(input.delivery.budget, input.delivery.counts));
  return charts;
}

export function summaryLines(input: ReportInput): string[] {
  const lines = [
    `${input.placements.length} schools: ${input.budget.byTier.map((t) => `${t.label} ${t.schools}`).join(', ')}${input.budget.total.needsData ? `, needing data ${input.budget.total.needsData}` : ''}.`,
    `${totalLine(input.budget)}.`,
  ];
  if (!input.budget.capacity)
    lines.push('No capacity is set in trust.config.yaml (capacity:), so demand is not compared with it.');
  else
    lines.push(
      overLine(input.budget) ??
        `Within capacity: ${round2(input.budget.capacity.year.demand)} of ${round2(input.budget.capacity.year.capacity)} days for the year, and within it in every term.`,
    );
  if (input.movements) lines.push(`Since last year: ${input.movements.result.summary}.`);
  const retiered = input.placements.filter((p) => p.retiering?.inForce);
  if (retiered.length)
    lines.push(
      `Re-tiered during the year: ${retiered.map((p) => `${p.school.name} (${p.retiering!.classified.tier ?? 'needs data'} to ${p.tier} from ${p.retiering!.inForce!.from})`).join(', ')}; see "Re-tierings during the year".`,
    );
  if (input.delivery) {
    const { budget: d, counts } = input.delivery;
    lines.push(
      `Delivered by ${input.asOf}: ${round2(d.total.delivered)} of ${round2(d.total.allocated ?? 0)} days allocated (${round2(d.total.remaining ?? 0)} remaining); planned events ${counts.done} done, ${counts.moved} moved, ${counts.missed} missed, ${counts.planned} still ahead.`,
    );
  }
  return lines;
}

export function sections(input: ReportInput): { table: RowsTable; className?: string }[] {
  const out: { table: RowsTable; className?: string }[] = [
    { table: tierTable(input.budget, input.policy), className: 'tiers' },
  ];
  out.push({ table: tiersTable(input.budget, input.policy) });
  const capacity = capacityTable(input.budget);
  if (capacity) out.push({ table: capacity });
  if (input.movements)
    out.push({ table: diffTable(input.movements.result, input.policy, [input.movements.line], 'file') });
  for (const table of [retieringTable(input.placements, input.asOf), cardsTable(input.cards ?? [])])
    if (table) out.push({ table });
  if (input.delivery) out.push({ table: deliveryTable(input.delivery.budget, input.asOf, input.delivery.log) });
  out.push({ table: assumptionsTable(input.budget) });
  return out;
}

export const titleOf = (input: ReportInput) =>
  `${input.trust ? `${input.trust}: s` : 'S'}chool improvement: tiers and support, ${input.policy.name}`;
export const subtitleOf = (input: ReportInput) => [
  `Policy: ${input.policy.id}${input.policy.source ? ` (${input.policy.source})` : ''}. As of ${input.asOf}.`,
  ...(input.files?.length
    ? [
        `Data: ${input.files.map((f) => `${f.role} ${f.name}${f.modified ? ` (saved ${f.modified})` : ''}`).join('; ')}.`,
      ]
    : []),
];
export const FOOTER =
  'Made with sit from the trust\'s own files; nothing was sent anywhere. "Up to" days are counted at their upper bound; days the policy does not set are shown as not stated, never 0.';

/** The report's sections one after another, each a part at a time (22,000 schools' rows as they are written). */
const sectionParts = (input: ReportInput, section: (s: ReturnType<typeof sections>[number]) => Iterable<string>) =>
  joinedParts(sections(input).map(section), '\n');

/** The HTML report, a part at a time. */
export function reportHtml(input: ReportInput): Iterable<string> {
  const over = overLine(input.budget);
  const summary = `<ul>\n${summaryLines(input)
    .map((l) => `<li${over && l === over ? ' class="alert-text"' : ''}>${escapeHtml(l)}</li>`)
    .join('\n')}\n</ul>`;
  const charts = reportCharts(input)
    .map((c) => `<figure>\n${barChartSvg(c)}\n<figcaption>${escapeHtml(c.description)}</figcaption>\n</figure>`)
    .join('\n');
  return fillHtmlPage(htmlTemplate, {
    title: titleOf(input),
    subtitle: trusted(paragraphsHtml(subtitleOf(input)).join('\n')),
    summary: trusted(summary),
    charts: trusted(charts),
    sections: trusted(sectionParts(input, (s) => sectionHtml(s.table, s.className))),
    footer: trusted(paragraphsHtml([FOOTER]).join('\n')),
  });
}

/** The Markdown report, a part at a time. */
export function reportMarkdown(input: ReportInput): Iterable<string> {
  // Text in {{name}} slots is escaped for Markdown by the engine; the built parts are trusted().
  // The template ends in one line break after the footer, a fixed text: nothing to trim.
  return fillPage(
    mdTemplate,
    {
      title: titleOf(input),
      subtitle: trusted(subtitleOf(input).map(escapeMarkdown).join('\n\n')),
      summary: trusted(
        summaryLines(input)
          .map((l) => `- ${escapeMarkdown(l)}`)
          .join('\n'),
      ),
      sections: trusted(
        joinedParts(
          [
            sectionParts(input, (s) => sectionMarkdown(s.table)),
            ['\n_The charts are in the HTML version of this report._'],
          ],
          '',
        ),
      ),
      footer: FOOTER,
    },
    escapeMarkdown,
  );
}

/** The report's JSON, written a school at a time (jsonParts). */
export function reportJson(input: ReportInput): JsonMembers {
  // Asked once, not for each school (22,000 schools asked it of every other).
  const retiered = input.placements.some((x) => x.retiering);
  return jsonMembers({
    policy: input.policy.id,
    as_of: input.asOf,
    schools: new JsonItems(eachMade(input.placements, (p) => placementJson(p, retiered))),
    budget: budgetJson(input.budget, input.policy, input.asOf),
    movements: input.movements
      ? diffJson(input.movements.result, input.policy, { old: input.movements.oldAsOf, now: input.asOf })
      : null,
    ...(input.cards ? { cards: input.cards } : {}),
    ...(input.delivery ? { delivery: { ...deliveryJson(input.delivery.budget), events: input.delivery.counts } } : {}),
  });
}
