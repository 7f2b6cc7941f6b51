// The board report's charts as PNG pictures for Word: the same SVG the HTML report shows
// (svg-charts.ts), drawn by resvg compiled to WebAssembly, so it runs wherever Node runs (the
// Windows executable too) with no native module, and gives the same bytes on every machine.
// The font is embedded (Arimo, metric-compatible with Arial, SIL Open Font Licence): the
// pictures never depend on the fonts a machine happens to have.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasm from '@resvg/resvg-wasm/index_bg.wasm';
import regular from '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf';
import bold from '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf';
import { barChartSvg, type BarChart } from './svg-charts.js';
import reportTemplate from '../../templates/report.html';

/** Pixels per SVG unit: 2 gives about 190 dots per inch at the width Word shows the chart, enough to print. */
const ZOOM = 2;

/**
 * The chart colours and type sizes are the report page's own `svg .x { ... }` rules, taken from
 * its template so the two cannot drift; the SVG is styled in the page, not by itself.
 */
export function chartStyle(template: string = reportTemplate): string {
  const rules = template
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('svg .'));
  if (!rules.some((r) => r.startsWith('svg .bar')))
    throw new Error('templates/report.html has no `svg .bar` rule for the charts');
  return `svg { font-family: Arimo; } ${rules.join(' ')}`;
}

let ready: Promise<void> | undefined;

export async function chartPng(chart: BarChart): Promise<{ png: Uint8Array; width: number; height: number }> {
  ready ??= initWasm(wasm);
  await ready;
  const svg = barChartSvg(chart).replace(/^(<svg[^>]*>)/, `$1<style>${chartStyle()}</style>`);
  const resvg = new Resvg(svg, {
    font: {
      fontBuffers: [regular, bold],
      loadSystemFonts: false,
      defaultFontFamily: 'Arimo',
      sansSerifFamily: 'Arimo',
    },
    fitTo: { mode: 'zoom', value: ZOOM },
    background: '#ffffff',
  });
  try {
    const image = resvg.render();
    const out = { png: image.asPng(), width: resvg.width, height: resvg.height };
    image.free();
    return out;
  } finally {
    resvg.free();
  }
}
