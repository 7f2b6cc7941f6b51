// sit report in headless Chromium: the board report renders from one file, its SVG charts are
// present and visible, it makes no network request, and it prints on A4.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { sharedChromium } from '../helpers/browser.js';
import { FIXTURES, runSit, runInProcess } from '../helpers/run-sit.js';

const asOf = ['--as-of', '2026-09-01'];
let browser: Browser | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sit-report-'));
  browser = await sharedChromium();
});

describe('sit report', () => {
  it('writes one HTML file with the tiers, budget, capacity, movements and three charts', async () => {
    const out = join(dir, 'board.html');
    // The under-staffed fixture team, so the report shows over-allocation.
    const r = await runInProcess(
      [
        'report',
        'schools.csv',
        '--previous',
        'schools-2025.csv',
        ...asOf,
        '--config',
        'understaffed.config.yaml',
        '-o',
        out,
      ],
      { cwd: FIXTURES },
    );
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import|url\(/i);
    expect(html).toContain('Since last year: 4 up, 1 down, 19 same, 1 joined, 1 left, 1 newly needing data.');
    expect(html).toContain('OVER-ALLOCATED: demand exceeds capacity in term 5 by 0.5 days, Sam Okafor: term 4 by 1');
    expect(html).toContain('<th scope="col">Reasons</th>');
  });

  it('writes Markdown too, and --strict fails on over-allocation', async () => {
    const r = await runInProcess([
      'report',
      `${FIXTURES}/schools.csv`,
      '--config',
      `${FIXTURES}/understaffed.config.yaml`,
      ...asOf,
      '--format',
      'md',
      '--strict',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^# School improvement: tiers and support/);
    expect(r.stdout).toContain('## Demand against capacity');
    expect(r.stdout).toContain('| term 5 | 105.5 | 105 | -0.5 | OVER-ALLOCATED by 0.5 days |');
  });
});

describe('the board report in Chromium', () => {
  it('renders its charts visibly, fetches nothing, and prints on A4 portrait', async () => {
    const out = join(dir, 'board-chromium.html');
    const r = runSit(
      [
        'report',
        'schools.csv',
        '--previous',
        'schools-2025.csv',
        ...asOf,
        '--config',
        'understaffed.config.yaml',
        '-o',
        out,
        '--quiet',
      ],
      {
        cwd: FIXTURES,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const page = await browser!.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`file://${out}`);
    await page.waitForLoadState('load');
    expect(await page.title()).toBe('School improvement: tiers and support, Trust Review Days - categories A to D');
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const chart = charts.nth(i);
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(50);
      // Accessible: a role, a title and a description.
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.locator('title').first().textContent()).toBeTruthy();
      // Its bars are drawn with a size.
      const bar = await chart.locator('rect.bar').first().boundingBox();
      expect(bar!.height).toBeGreaterThan(0);
    }
    expect(await charts.nth(0).locator('title').first().textContent()).toBe('Schools per tier');
    expect(await charts.nth(1).locator('rect.alert').count()).toBe(1); // term 5 over the under-staffed team's capacity
    // Real table headers.
    expect(await page.locator('thead th').count()).toBeGreaterThan(10);
    // Only the file itself was loaded: no network request of any kind.
    expect(requests).toEqual([`file://${out}`]);
    expect(errors).toEqual([]);
    // A4 portrait: 595 x 842 points.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const media = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
    expect(Math.round(Number(media![1]))).toBe(595);
    expect(Math.round(Number(media![2]))).toBe(842);
    await page.close();
  });
});
