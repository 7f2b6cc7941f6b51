// Simple bar charts as inline SVG for the board report: no scripts, no fonts or images fetched, a
// <title> and <desc> for screen readers, values written on the bars so the chart prints in black and white.
import { escapeHtml } from './formats/html.js';
import { showNumber as show } from '../core/display.js';

export interface Bar {
  label: string;
  value: number;
  /** Drawn in the warning colour and marked in words (e.g. over capacity). */
  alert?: boolean;
  note?: string;
}

export interface BarChart {
  id: string;
  title: string;
  /** What the chart shows, in a sentence, for people who cannot see it. */
  description: string;
  bars: Bar[];
  /** A horizontal line across the chart, e.g. the capacity per term. */
  line?: { value: number; label: string };
  unit: string;
}

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 34, right: 16, bottom: 48, left: 44 };
/** Room to the right of the plot for a line's label, so it never sits over the last bar. */
const LINE_LABEL_ROOM = 92;

/** A round step for the axis: 1, 2, 5, 10, 20, 50, ... */
function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough || 1));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
}

export function barChartSvg(chart: BarChart): string {
  const right = MARGIN.right + (chart.line ? LINE_LABEL_ROOM : 0);
  const plotW = WIDTH - MARGIN.left - right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = Math.max(1, ...chart.bars.map((b) => b.value), chart.line?.value ?? 0);
  const step = niceStep(top);
  const max = Math.ceil(top / step) * step;
  const y = (v: number) => MARGIN.top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(1, chart.bars.length);
  const barW = Math.min(70, slot * 0.6);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" aria-labelledby="${chart.id}-title ${chart.id}-desc">`,
  );
  parts.push(`<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>`);
  parts.push(`<desc id="${chart.id}-desc">${escapeHtml(chart.description)}</desc>`);
  parts.push(`<text x="${MARGIN.left}" y="18" class="chart-title">${escapeHtml(chart.title)}</text>`);
  for (let v = 0; v <= max + 1e-9; v += step) {
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - right}" y1="${y(v)}" y2="${y(v)}" class="grid"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end" class="axis">${show(v)}</text>`);
  }
  chart.bars.forEach((bar, i) => {
    const x = MARGIN.left + slot * i + (slot - barW) / 2;
    const h = Math.max(0, y(0) - y(bar.value));
    const label = `${bar.label}: ${show(bar.value)} ${chart.unit}${bar.note ? ` (${bar.note})` : ''}`;
    parts.push(`<g><title>${escapeHtml(label)}</title>`);
    parts.push(
      `<rect x="${x}" y="${y(bar.value)}" width="${barW}" height="${h}" class="${bar.alert ? 'bar alert' : 'bar'}"/>`,
    );
    // A value written where the line runs goes inside the top of its bar (or above the line if the bar is short).
    let valueY = y(bar.value) - 4;
    let inside = false;
    if (chart.line && Math.abs(valueY - 4 - y(chart.line.value)) < 9) {
      if (h >= 20) {
        valueY = y(bar.value) + 15;
        inside = true;
      } else valueY = y(chart.line.value) - 6;
    }
    parts.push(
      `<text x="${x + barW / 2}" y="${valueY}" text-anchor="middle" class="${inside ? 'value inside' : 'value'}">${escapeHtml(show(bar.value) + (bar.alert && bar.note ? ` ${bar.note}` : ''))}</text>`,
    );
    parts.push(
      `<text x="${x + barW / 2}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" class="axis">${escapeHtml(bar.label)}</text></g>`,
    );
  });
  if (chart.line) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - right}" y1="${y(chart.line.value)}" y2="${y(chart.line.value)}" class="limit"/>`,
    );
    parts.push(
      `<text x="${WIDTH - right + 6}" y="${y(chart.line.value) + 4}" text-anchor="start" class="limit-label">${escapeHtml(`${chart.line.label}: ${show(chart.line.value)}`)}</text>`,
    );
  }
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - right}" y1="${y(0)}" y2="${y(0)}" class="baseline"/>`);
  parts.push(`<text x="${MARGIN.left}" y="${HEIGHT - 8}" class="axis">${escapeHtml(chart.unit)}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
