// Delivered against plan in the shapes people and scripts read: the status of each planned event
// (calendar columns, JSON fields, an ICS category and description line), the budget's days beside
// the log (a table and JSON), and the board report's charts.
import type { DeliveryBudget, DeliveryLine } from '../core/delivered.js';
import type { DeliveryMarks, DeliveryStatus, EventMark } from '../core/delivery.js';
import { ALL_SCHOOLS, DELIVERY_STATUSES, statusCounts } from '../core/delivery.js';
import type { CalendarEvent } from '../core/schedule.js';
import { r2 } from '../core/display.js';
import { eachMade, type Cell, type RowsTable, type TableModel } from './formats/table-model.js';
import type { BarChart } from './svg-charts.js';

/** The fields a calendar event gains from the log: status, and the entry that delivered it. */
export function markJson(mark: EventMark | undefined) {
  return {
    status: mark?.status ?? 'planned',
    delivered_on: mark?.entry?.date ?? null,
    delivered_by: mark?.entry?.person ?? null,
    delivered_days: mark?.entry?.days ?? null,
    status_note: mark?.why ?? null,
  };
}

export const MARK_KEYS = ['status', 'delivered_on', 'delivered_by', 'delivered_days', 'status_note'] as const;

/** "Delivered: moved: planned 2027-01-12, logged on 2027-01-19 instead by ...": a line of an ICS description. */
export const markLine = (mark: EventMark | undefined): string =>
  `Delivered: ${mark?.status ?? 'planned'}${mark ? ` (${mark.why})` : ''}`;

/** "12 done, 2 moved, 3 missed, 40 planned". */
export function statusText(events: Iterable<CalendarEvent>, marks: DeliveryMarks): string {
  const counts = statusCounts(events, marks);
  return DELIVERY_STATUSES.map((s) => `${counts[s]} ${s}`).join(', ');
}

/** A line's four figures, rounded: the table's cells and the JSON's fields alike. */
const lineCells = (l: DeliveryLine) => ({
  allocated: r2(l.allocated),
  scheduled: r2(l.scheduled),
  delivered: r2(l.delivered),
  remaining: r2(l.remaining),
});

/** "All schools: events for them all", "Northbridge Learning Trust: events for the whole trust". */
const trustWideName = (name: string) =>
  name === ALL_SCHOOLS ? `${name}: events for them all` : `${name}: events for the whole trust`;

/** One table: a row per school, events for a whole trust, person, tier and term, and the total. */
export function deliveryTable(d: DeliveryBudget, asOf: string, logName: string): TableModel {
  const rows: Record<string, Cell>[] = [
    ...d.schools.map((s) => ({ by: 'school', name: `${s.urn} ${s.name}`, ...lineCells(s) })),
    ...d.trustWide.map((t) => ({ by: 'trust-wide', name: trustWideName(t.name), ...lineCells(t) })),
    ...d.people.map((p) => ({
      by: 'person',
      name: p.role ? `${p.name} (${p.role})` : `${p.name} (not in capacity:)`,
      ...lineCells(p),
    })),
    ...d.tiers.map((t) => ({ by: 'tier', name: t.label, ...lineCells(t) })),
    ...d.terms.map((t) => ({ by: 'term', name: `Term ${t.term}`, ...lineCells(t) })),
    { by: 'total', name: 'All', ...lineCells(d.total) },
  ];
  return {
    title: 'Delivered against plan',
    subtitle: [`Days from the visit log ${logName}, as of ${asOf}.`],
    columns: [
      { key: 'by', header: 'By' },
      { key: 'name', header: 'Name', wide: true },
      { key: 'allocated', header: 'Allocated' },
      { key: 'scheduled', header: 'Scheduled' },
      { key: 'delivered', header: 'Delivered' },
      { key: 'remaining', header: 'Remaining' },
    ],
    rows,
    footer: [
      "Allocated: the budget's days (a person: their days in capacity:). Scheduled: the days of the events planned. Delivered: the days logged on or before the as-of date in this academic year. Remaining: allocated less delivered.",
      ...(d.notCounted.length
        ? [
            `${d.notCounted.length} log ${d.notCounted.length === 1 ? 'entry is' : 'entries are'} not counted: ${d.notCounted
              .slice(0, 5)
              .map((n) => `line ${n.entry.line} (${n.reason})`)
              .join('; ')}${d.notCounted.length > 5 ? '; ...' : ''}.`,
          ]
        : []),
    ],
  };
}

/** The delivery figures for `--format json`. */
export function deliveryJson(d: DeliveryBudget) {
  return {
    trust_wide: d.trustWide.map((t) => ({ name: t.name, ...lineCells(t) })),
    by_person: d.people.map((p) => ({ name: p.name, role: p.role, ...lineCells(p) })),
    by_tier: d.tiers.map((t) => ({ tier: t.tier, label: t.label, ...lineCells(t) })),
    by_term: d.terms.map((t) => ({ term: t.term, ...lineCells(t) })),
    total: lineCells(d.total),
    entries_counted: d.counted,
    not_counted: d.notCounted.map((n) => ({ line: n.entry.line, date: n.entry.date, reason: n.reason })),
  };
}

/** The board report's charts: planned events by status, and days delivered per term. */
export function deliveryCharts(d: DeliveryBudget, counts: Record<DeliveryStatus, number>): BarChart[] {
  return [
    {
      id: 'chart-delivery-status',
      title: 'Planned events: delivered against plan',
      description: `Bar chart of the planned events by what the visit log shows: ${DELIVERY_STATUSES.map((s) => `${s} ${counts[s]}`).join(', ')}.`,
      bars: DELIVERY_STATUSES.map((s) => ({
        label: s,
        value: counts[s],
        alert: s === 'missed' && counts.missed > 0,
      })),
      unit: 'events',
    },
    {
      id: 'chart-delivery-terms',
      title: 'Days delivered per term',
      description: `Bar chart of the days delivered in terms 1 to 6, each against the days scheduled: ${d.terms
        .map((t) => `term ${t.term} ${r2(t.delivered)} of ${r2(t.scheduled)}`)
        .join(', ')}.`,
      bars: d.terms.map((t) => ({
        label: `Term ${t.term}`,
        value: t.delivered,
        note: `of ${r2(t.scheduled)} scheduled`,
      })),
      unit: 'days',
    },
  ];
}

/** A schools table (budget-output.ts) with the days delivered and remaining beside its days. */
export function withDeliveredColumns(table: RowsTable, d: DeliveryBudget): RowsTable {
  const bySchool = new Map(d.schools.map((s) => [s.urn, s]));
  const at = table.columns.findIndex((c) => c.key === 'days' || c.key === 'days_text');
  if (at < 0 || !table.columns.some((c) => c.key === 'urn')) return table;
  const terminal = table.columns[at].key === 'days_text';
  const added = [
    { key: 'delivered', header: terminal ? 'Delivered' : 'delivered' },
    { key: 'remaining', header: terminal ? 'Remaining' : 'remaining' },
  ];
  return {
    ...table,
    columns: [...table.columns.slice(0, at + 1), ...added, ...table.columns.slice(at + 1)],
    rows: eachMade(table.rows, (row) => {
      const s = typeof row.urn === 'number' ? bySchool.get(row.urn) : undefined;
      return { ...row, delivered: s ? r2(s.delivered) : null, remaining: s ? r2(s.remaining) : null };
    }),
  };
}

/** A school's budget JSON with its `delivered` and `remaining` beside its `days` (budgetJson, with a visit log). */
export function deliveredSchoolJson(d: DeliveryBudget): (school: Record<string, unknown>) => Record<string, unknown> {
  const bySchool = new Map(d.schools.map((s) => [s.urn, s]));
  return (school) => {
    const s = bySchool.get(school.urn as number);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(school)) {
      out[key] = value;
      if (key === 'days') {
        out.delivered = s ? r2(s.delivered) : 0;
        out.remaining = s ? r2(s.remaining) : null;
      }
    }
    return out;
  };
}
