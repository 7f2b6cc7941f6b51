// The WFAP HTML in headless Chromium: it renders, the action table's header repeats on every
// printed page, and no script from the answers or data runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { sharedChromium } from '../helpers/browser.js';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

const BASE = ['--as-of', '2026-09-01', '--config', `${FIXTURES}/trust.config.yaml`];
let browser: Browser | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sit-wfap-html-'));
  browser = await sharedChromium();
});

const EVIL = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';

async function planHtml(answers: string): Promise<string> {
  writeFileSync(join(dir, 'answers.yaml'), answers);
  const r = await runInProcess(
    ['wfap', 'new', '--school', '100004', '--answers', 'answers.yaml', '--yes', '--format', 'html', ...BASE],
    { cwd: dir },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('WFAP HTML in Chromium', () => {
  it('renders, escapes script in answers (nothing runs), and repeats the action table header across printed pages', async () => {
    // A long plan: one priority with 40 action rows, so the action table spans several A4 pages.
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `      - action: "Action ${i + 1} ${i === 0 ? EVIL.replace(/"/g, '\\"') : ''}"\n        rationale: "A long rationale so that the row takes some room on the page, number ${i + 1}"\n`,
    ).join('');
    const html = await planHtml(
      `strengths:\n  - "${EVIL.replace(/"/g, '\\"')}"\npriorities:\n  - title: "Long priority"\n    actions:\n${rows}`,
    );
    writeFileSync(join(dir, 'plan.html'), html);
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${join(dir, 'plan.html')}`);
    expect(await page.title()).toBe('Way Forward Action Plan 2026/27: Dunmore Primary School');
    expect(await page.locator('h1').textContent()).toBe('Way Forward Action Plan 2026/27');
    // The text from the answers is shown as text, and nothing from it ran.
    expect(await page.locator('li').first().textContent()).toBe(EVIL);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('main script, main img').count()).toBe(0);
    // Headers repeat: the action table's head is a table-header-group, and the print is A4 landscape, several pages.
    expect(
      await page
        .locator('table.actions thead')
        .first()
        .evaluate((el) => getComputedStyle(el).display),
    ).toBe('table-header-group');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(2);
    const media = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
    expect(Number(media![1])).toBeGreaterThan(Number(media![2]));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the action table header is a real thead (what Chromium repeats on each printed page), under a script-blocking CSP', async () => {
    const page = await browser!.newPage();
    await page.goto(`file://${join(dir, 'plan.html')}`);
    await page.emulateMedia({ media: 'print' });
    const text = readFileSync(join(dir, 'plan.html'), 'utf8');
    expect(text).toContain('Content-Security-Policy" content="default-src \'none\'');
    const headers = await page.locator('table.actions thead th').allTextContents();
    expect(headers.slice(0, 9)).toEqual([
      'Key actions',
      'Rationale',
      'Support required',
      'Lead',
      'When',
      'Monitoring: Who',
      'Monitoring: How',
      'Impact: Dissemination',
      'Next steps',
    ]);
    await page.close();
  });
});
