// The academy card as Markdown and HTML (through the template engine and the shipped templates),
// Word (through the WFAP's Word pieces), CSV (one row per KPI) and JSON (the card as built).
import type { AcademyCard, CardKpi } from '../core/card.js';
import { formatKpiValue } from '../core/display.js';
import { toCsv } from './formats/csv.js';
import type { TableModel } from './formats/table-model.js';
import { toJson } from './render.js';
import { compileTemplate } from './template.js';
import { fill } from './wfap-render.js';
import cardMd from '../../templates/card.md';
import cardHtml from '../../templates/card.html';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function cardSummary(card: AcademyCard): string {
  const s = card.summary;
  return `${plural(card.kpis.length, 'KPI')}: ${s.met} met, ${s.close} close, ${s.not_met} not met, ${s.no_data} no data.`;
}

export function closeRule(card: AcademyCard): string {
  return `"Close" is sit's choice, set by card.close_within in trust.config.yaml (or --close-within): not met, but within ${card.close_within} of the target in the KPI's own units (percentage points for a percentage).`;
}

const kpiView = (k: CardKpi) => ({
  label: k.label,
  value: k.value === null ? 'no data' : formatKpiValue(k.value, k.unit),
  target: k.target === null ? 'no target' : `${k.lower_is_better ? 'at most ' : ''}${formatKpiValue(k.target, k.unit)}`,
  status: k.status,
  status_class: k.status.replace(' ', '-'),
  target_source: k.target_source,
  value_source: k.value_source,
});

/** What the card templates see. */
export function cardView(card: AcademyCard) {
  return {
    school: { ...card.school, trust: card.school.trust ?? '(no trust)' },
    academic_year: card.academic_year,
    as_of: card.as_of,
    policy: card.policy,
    tier: {
      label: card.tier.label ?? `needs data`,
      retiered: card.tier.retiered ?? '',
      computed: card.tier.computed ?? '',
    },
    kpis: card.kpis.map(kpiView),
    summary: cardSummary(card),
    close_rule: closeRule(card),
  };
}

const SAMPLE: AcademyCard = {
  kind: 'card',
  school: { urn: 100000, name: 's', phase: 'p', trust: 't' },
  academic_year: '2026/27',
  as_of: '2026-09-01',
  policy: { id: 'p', name: 'p' },
  tier: { id: 'A', label: 'A', days_text: '1', retiered: 'r', computed: 'c' },
  close_within: 2,
  kpis: [
    {
      name: 'k',
      label: 'k',
      unit: '%',
      field: 'f',
      value: 1,
      target: 1,
      target_source: 't',
      lower_is_better: false,
      status: 'met',
      margin: 0,
      value_source: 'v',
    },
  ],
  summary: { met: 1, close: 0, not_met: 0, no_data: 0 },
};

const TEMPLATES = {
  md: { text: cardMd, file: 'templates/card.md' },
  html: { text: cardHtml, file: 'templates/card.html' },
};

export function cardTable(cards: AcademyCard[]): TableModel {
  return {
    title: 'Academy cards',
    columns: [
      { key: 'urn', header: 'urn' },
      { key: 'school', header: 'school' },
      { key: 'tier', header: 'tier' },
      { key: 'kpi', header: 'kpi' },
      { key: 'label', header: 'label' },
      { key: 'value', header: 'value' },
      { key: 'target', header: 'target' },
      { key: 'status', header: 'status' },
      { key: 'margin', header: 'margin' },
      { key: 'target_source', header: 'target_source' },
      { key: 'value_source', header: 'value_source' },
    ],
    rows: cards.flatMap((c) =>
      c.kpis.map((k) => ({
        urn: c.school.urn,
        school: c.school.name,
        tier: c.tier.id,
        kpi: k.name,
        label: k.label,
        value: k.value,
        target: k.target,
        status: k.status,
        margin: k.margin,
        target_source: k.target_source,
        value_source: k.value_source,
      })),
    ),
  };
}

/** md, html, csv or json text (docx is cardDocx). */
export function renderCard(card: AcademyCard, format: string): string {
  if (format === 'json') return toJson(card);
  if (format === 'csv') return toCsv(cardTable([card]));
  if (format !== 'md' && format !== 'html') throw new Error(`renderCard: no writer for ${format}`);
  const shipped = TEMPLATES[format];
  return fill(compileTemplate(shipped.text, cardView(SAMPLE)), cardView(card), format, shipped.file);
}

/** Any format; Word is built by year-docx.ts, loaded only when asked for. */
export async function cardContent(card: AcademyCard, format: string): Promise<string | Uint8Array> {
  return format === 'docx' ? (await import('./year-docx.js')).cardDocx(card) : renderCard(card, format);
}
