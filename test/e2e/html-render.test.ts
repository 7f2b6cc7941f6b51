// Issue 14: HTML as a reader sees it in Chromium. The tier colour is on the tier column, found by
// name (budget once coloured the trust name, calendar the term); diff colours a movement by what it
// means; calendar dates stay on one line; a printed heading is never left alone at a page foot.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { sharedChromium } from '../helpers/browser.js';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

const asOf = ['--as-of', '2026-09-01'];
let browser: Browser | undefined;
const dir = mkdtempSync(join(tmpdir(), 'sit-html-render-'));

beforeAll(async () => {
  browser = await sharedChromium();
});

async function open(args: string[]): Promise<Page> {
  const r = await runInProcess([...args, ...asOf, '--format', 'html'], { cwd: FIXTURES });
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
  const page = await browser!.newPage();
  await page.setContent(r.stdout);
  return page;
}

/** The background colour of every cell in the column headed `header` of the first table that has it. */
async function columnColours(page: Page, header: string, table = 0): Promise<string[]> {
  return page.evaluate(
    ([h, t]) => {
      const tables = [...document.querySelectorAll('table')].filter((x) =>
        [...x.querySelectorAll('thead th')].some((th) => th.textContent === h),
      );
      const el = tables[t as number];
      const index = [...el.querySelectorAll('thead th')].findIndex((th) => th.textContent === h);
      return [...el.querySelectorAll('tbody tr')].map((tr) => getComputedStyle(tr.children[index]).backgroundColor);
    },
    [header, table] as const,
  );
}

const NONE = 'rgba(0, 0, 0, 0)';
const GREEN = 'rgb(216, 240, 220)';
const AMBER = 'rgb(255, 217, 168)';

describe('tier colour on the tier column, by name', () => {
  it('budget: the tier is coloured, the trust name (third column) is not', async () => {
    const page = await open(['budget', 'schools.csv']);
    expect(new Set(await columnColours(page, 'trust'))).toEqual(new Set([NONE]));
    const tiers = await columnColours(page, 'tier');
    expect(tiers.filter((c) => c !== NONE).length).toBeGreaterThanOrEqual(26);
    await page.close();
  });
  it('calendar: the tier is coloured, the term (third column) is not', async () => {
    const page = await open(['calendar', '--term', '3']);
    expect(new Set(await columnColours(page, 'term'))).toEqual(new Set([NONE]));
    expect((await columnColours(page, 'tier')).every((c) => c !== NONE)).toBe(true);
    await page.close();
  });
  it('diff: "down" (less support) is green and "up" (more support) amber, whatever the new tier; the new tier has the tier colour', async () => {
    const page = await open(['diff', 'schools-2025.csv', 'schools.csv']);
    const words = await page.evaluate(() =>
      [...document.querySelectorAll('tbody tr')].map((tr) => tr.children[2].textContent),
    );
    const colours = await columnColours(page, 'movement');
    words.forEach((w, i) =>
      expect(colours[i], `${w}`).toBe(
        w === 'down' ? GREEN : w === 'up' ? AMBER : /needing data/.test(w ?? '') ? 'rgb(228, 228, 228)' : NONE,
      ),
    );
    expect(words).toContain('up');
    expect(words).toContain('down');
    expect((await columnColours(page, 'new tier')).some((c) => c !== NONE)).toBe(true);
    await page.close();
  });
});

describe('calendar dates', () => {
  it('a date is one line, never broken at its hyphens', async () => {
    const page = await open(['calendar', '--term', '3']);
    await page.setViewportSize({ width: 900, height: 800 });
    const wrapped = await page.evaluate(() => {
      const cells = [...document.querySelectorAll('tbody tr')].map((tr) => tr.children[0] as HTMLElement);
      return cells.filter((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      }).length;
    });
    expect(wrapped).toBe(0);
    await page.close();
  });
});

// The first six schools of the fixture: the budget's "Support days by tier" heading once fell at the foot of page 1.
const six = join(dir, 'six.csv');
writeFileSync(six, readFileSync(join(FIXTURES, 'schools.csv'), 'utf8').split('\n').slice(0, 7).join('\n'));

describe('printed on A4', () => {
  it.each([
    [
      'budget-6',
      ['budget', six],
      /^(Support days by school|Support days by tier|Support days by trust|Demand against capacity|Assumptions)$/,
    ],
    [
      'budget',
      ['budget', 'schools.csv'],
      /^(Support days by school|Support days by tier|Support days by trust|Demand against capacity|Assumptions)$/,
    ],
    [
      'report',
      ['report', 'schools.csv', '--previous', 'schools-2025.csv'],
      /^(Summary|Charts|Schools, tiers and reasons|Support days by tier|Demand against capacity|Tier movements.*|Assumptions)$/,
    ],
  ])('%s: no page ends with a heading', async (name, args, heading) => {
    const page = await open(args);
    const pdf = join(dir, `${name}.pdf`);
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    await page.close();
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, text] of pages.entries()) {
      const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines[lines.length - 1], `page ${i + 1} ends with a heading`).not.toMatch(heading);
    }
  });
});

describe('board report chart', () => {
  it("the capacity line's label overlaps no bar or label, and no value label sits on the line", async () => {
    const page = await open(['report', 'schools.csv']);
    const clashes = await page.evaluate(() => {
      const svg = document.querySelector('#chart-terms-title')!.closest('svg')!;
      const box = (e: Element) => e.getBoundingClientRect();
      const overlap = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const label = box(svg.querySelector('.limit-label')!);
      const line = box(svg.querySelector('.limit')!);
      const others = [...svg.querySelectorAll('rect.bar, text.value, text.axis')].map(box);
      const values = [...svg.querySelectorAll('text.value')].map(box);
      return {
        label: others.filter((o) => overlap(label, o)).length,
        values: values.filter((v) => v.top <= line.bottom && line.top <= v.bottom).length,
      };
    });
    expect(clashes).toEqual({ label: 0, values: 0 });
    await page.close();
  });
});
