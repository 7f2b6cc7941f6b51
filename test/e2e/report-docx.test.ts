// sit report -o board.docx: the board report in Word. Checked in its XML (A4, the HTML report's
// sections as headings and tables, its three charts as PNG pictures with alt text), read back by
// mammoth (a Word reader), and byte-identical when made twice from the same input.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { FIXTURES, runInProcess, runSit } from '../helpers/run-sit.js';

// The under-staffed fixture team, so the report has its over-allocation line.
const args = [
  'report',
  'schools.csv',
  '--previous',
  'schools-2025.csv',
  '--as-of',
  '2026-09-01',
  '--config',
  'understaffed.config.yaml',
  '--quiet',
];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
let dir: string;
let docx: Buffer;
let entries: Record<string, Uint8Array>;
let xml: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sit-report-docx-'));
  const r = runSit([...args, '-o', join(dir, 'board.docx')], { cwd: FIXTURES });
  expect(r.code, r.stderr).toBe(0);
  docx = readFileSync(join(dir, 'board.docx'));
  entries = unzipSync(docx);
  xml = strFromU8(entries['word/document.xml']);
});

const paragraphs = (x: string) =>
  [...x.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
const headings = (x: string, style: string) =>
  [...x.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .filter((m) => m[0].includes(`<w:pStyle w:val="${style}"/>`))
    .map((m) => paragraphs(m[0])[0]);

describe('sit report -o board.docx', () => {
  it('is an A4 portrait Word document', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(strFromU8(entries['[Content_Types].xml'])).toContain('wordprocessingml.document.main+xml');
  });

  it('has the HTML report’s title, summary and sections, each with its table', async () => {
    expect(headings(xml, 'Title')).toEqual([
      'School improvement: tiers and support, Trust Review Days - categories A to D',
    ]);
    const html = await runInProcess([...args, '--format', 'html'], { cwd: FIXTURES });
    expect(html.code, html.stderr).toBe(0);
    const sections = [...html.stdout.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) =>
      m[1]
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"'),
    );
    expect(sections).toContain('Demand against capacity');
    expect(headings(xml, 'Heading2')).toEqual(sections);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(5);
    const text = paragraphs(xml);
    expect(text).toContain('Since last year: 4 up, 1 down, 19 same, 1 joined, 1 left, 1 newly needing data.');
    expect(text.some((t) => t.startsWith('OVER-ALLOCATED: demand exceeds capacity in term 5 by 0.5 days'))).toBe(true);
    // The tiers table starts a page, as the HTML report does when printed.
    expect(xml).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,200}Schools, tiers and reasons/);
  });

  it('has the three charts as PNG pictures, each with its description as alt text', () => {
    const media = Object.keys(entries)
      .filter((name) => name.startsWith('word/media/'))
      .sort();
    expect(media).toEqual(['word/media/image1.png', 'word/media/image2.png', 'word/media/image3.png']);
    for (const name of media) expect([...entries[name].slice(0, 8)]).toEqual(PNG);
    expect(xml.match(/<pic:pic /g)).toHaveLength(3);
    expect(xml).toContain('title="Schools per tier"');
    expect(xml).toContain('descr="Bar chart of the support days asked for in terms 1 to 6: term 1 87.5');
    expect(xml).toContain('title="Movements since last year"');
  });

  it('opens in a Word reader (mammoth) with its tables and pictures', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    expect(html.match(/<table>/g)).toHaveLength(5);
    expect(html.match(/<img [^>]*src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(html).toContain('Dunmore Primary School');
  });

  it('is byte-identical when made again from the same input, in the same process too', async () => {
    // Twice in this process: the docx package's drawing ids once ran on from one report to the next.
    for (const name of ['again.docx', 'third.docx']) {
      const r = await runInProcess([...args, '-o', join(dir, name)], { cwd: FIXTURES });
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, name)).equals(docx)).toBe(true);
    }
  });

  it('refuses to write a Word document to a terminal', async () => {
    const r = await runInProcess(
      [
        'report',
        `${FIXTURES}/schools.csv`,
        '--config',
        `${FIXTURES}/trust.config.yaml`,
        '--format',
        'docx',
        '--as-of',
        '2026-09-01',
      ],
      { tty: true },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a Word document cannot be shown in the terminal; add -o board-report.docx');
  });
});
