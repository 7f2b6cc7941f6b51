// Issue 15, classes 14, 16 and 17: hostile text in the data never makes an output its reader
// refuses. Characters XML 1.0 forbids (U+FFFE, U+FFFF, C0 controls) never reach a docx or xlsx part,
// which a strict XML parser (saxes) must accept whole; raw control characters never reach an ICS
// text value (RFC 5545 3.3.11), which ical.js must read back; a cell over Excel's 32,767 characters
// is cut with a marker and one line on standard error.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { isHeaderRow } from '../../src/core/school.js';
import { MAX_EXCEL_CELL, readXlsxTable } from '../../src/io/xlsx.js';
import { runInProcess } from '../helpers/run-sit.js';

const AS_OF = ['--as-of', '2026-09-01'];
const HEADER =
  'urn,name,phase,trust,ofsted_overall,ofsted_date,previous_ofsted_overall,previous_ofsted_date,attendance_pct,leadership_capacity,headteacher_start';
const row = (urn: number, name: string) =>
  `${urn},${name},primary,North Trust,Requires improvement,10/03/2022,Good,12/05/2016,95.1,needs-support,2015-09-01`;

/** A name holding the non-characters U+FFFE and U+FFFF, C0 controls XML forbids, ESC and DEL. */
const HOSTILE_NAME = 'Ash\uFFFEgrove\uFFFF \u0001\u0008\u000b\u000c\u001b[2J\u007f Primary';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sit-hostile-out-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function sit(args: string[], cwd: string) {
  const result = await runInProcess([...args, ...AS_OF], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** Every XML part of an Office file parsed by a strict XML 1.0 parser; the first error is thrown. */
function parseEveryPart(bytes: Uint8Array): string {
  const entries = unzipSync(bytes);
  const parts = Object.keys(entries).filter((name) => /\.(xml|rels)$/.test(name));
  expect(parts.length).toBeGreaterThan(2);
  let text = '';
  for (const name of parts) {
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (error) => {
      throw new Error(`${name}: ${error.message}`);
    });
    parser.on('text', (t) => (text += t));
    parser.write(strFromU8(entries[name])).close();
  }
  return text;
}

describe('XML 1.0 forbidden characters in docx and xlsx (class 14)', () => {
  const dir = folderWith({
    'schools.csv': `${HEADER}\n${row(100001, HOSTILE_NAME)}\n${row(100002, 'Birch Academy')}\n`,
    // YAML escapes carry the same characters into a WFAP's own text.
    'answers.yaml':
      'school: 100001\nstrengths:\n  - "Reading\\uFFFE \\u0001 well \\uFFFF taught"\npriorities:\n  - title: "Attendance\\u000b first"\n    actions:\n      - action: "Call\\u0002 home \\uFFFE daily"\n',
  });

  it.each([
    ['classify xlsx', ['classify', 'schools.csv', '--preset', 'rlt-categories', '-o', 'tiers.xlsx'], 'tiers.xlsx'],
    ['calendar xlsx', ['calendar', 'schools.csv', '--preset', 'rlt-categories', '-o', 'plan.xlsx'], 'plan.xlsx'],
    ['board report docx', ['report', 'schools.csv', '--preset', 'rlt-categories', '-o', 'board.docx'], 'board.docx'],
    [
      'WFAP docx',
      [
        'wfap',
        'new',
        '--data',
        'schools.csv',
        '--preset',
        'rlt-categories',
        '--answers',
        'answers.yaml',
        '--yes',
        '-o',
        'wfap.docx',
      ],
      'wfap.docx',
    ],
  ])('%s: every XML part is well-formed, the forbidden characters replaced', async (_name, args, file) => {
    await sit(args, dir);
    const text = parseEveryPart(readFileSync(join(dir, file)));
    // The name is there, each forbidden character dropped or shown as a replacement mark.
    expect(text).toMatch(/Ash\uFFFD?grove\uFFFD? /);
    expect(text).not.toMatch(/[\uFFFE\uFFFF\u0001-\u0008\u000b\u000c\u000e-\u001f]/);
    if (file === 'wfap.docx') expect(text).toMatch(/Call\uFFFD? home \uFFFD? ?daily/);
  });

  it('a policy name with them still gives sheet names the filter and print titles point at', async () => {
    const dir = folderWith({
      'schools.csv': `${HEADER}\n${row(100001, 'Ashgrove Primary')}\n`,
      'trust.config.yaml': 'extends: rlt-categories\nname: "Our\\uFFFE \\u0001Review\\uFFFD \\U0001F3EB"\n',
    });
    await sit(['classify', 'schools.csv', '-o', 'tiers.xlsx'], dir);
    const entries = unzipSync(readFileSync(join(dir, 'tiers.xlsx')));
    parseEveryPart(readFileSync(join(dir, 'tiers.xlsx')));
    const workbook = strFromU8(entries['xl/workbook.xml']);
    const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(sheets).toEqual(['Support tiers Our Review \u{1F3EB}']);
    const referred = [...workbook.matchAll(/<definedName [^>]*>'((?:[^']|'')*)'!/g)].map((m) => m[1]);
    expect(referred).toHaveLength(2);
    for (const name of referred) expect(name).toBe(sheets[0]);
  });

  it('the parser used here does refuse a forbidden character (control)', () => {
    const parser = new SaxesParser();
    const errors: string[] = [];
    parser.on('error', (error) => errors.push(error.message));
    parser.write('<a>x\uFFFEy</a>').close();
    expect(errors.join()).toMatch(/disallowed character/);
  });
});

describe('control characters in ICS text values (class 16)', () => {
  it('none reaches the file raw, and ical.js reads every event back with the name', async () => {
    const dir = folderWith({ 'schools.csv': `${HEADER}\n${row(100001, HOSTILE_NAME)}\n` });
    await sit(['calendar', 'schools.csv', '--preset', 'rlt-categories', '--format', 'ics', '-o', 'plan.ics'], dir);
    const ics = readFileSync(join(dir, 'plan.ics'), 'utf8');
    // RFC 5545: content lines end in CRLF; TEXT holds no CONTROL (%x00-08, %x0A-1F, %x7F) but HTAB.
    const lines = ics.split('\r\n');
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    const named = events.filter((e) => String(e.getFirstPropertyValue('description')).includes('Ash'));
    expect(named.length).toBeGreaterThan(0);
    for (const event of named) {
      const description = String(event.getFirstPropertyValue('description'));
      expect(description).toMatch(/Ash.*grove.*Primary/);
      expect(description).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
  });
});

describe('a cell longer than Excel holds (class 17)', () => {
  it('is cut to 32,767 characters with a marker, and standard error says so in one line', async () => {
    const long = 'A'.repeat(40_000);
    const dir = folderWith({ 'schools.csv': `${HEADER}\n${row(100001, long)}\n${row(100002, 'Birch Academy')}\n` });
    const result = await sit(['classify', 'schools.csv', '--preset', 'rlt-categories', '-o', 'tiers.xlsx'], dir);
    const notes = result.stderr.split('\n').filter((l) => l.includes('32,767'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('column "name"');
    expect(notes[0]).toContain('cut');
    const table = await readXlsxTable(readFileSync(join(dir, 'tiers.xlsx')), 'tiers.xlsx', isHeaderRow);
    const nameAt = table.headers.indexOf('name');
    const cell = table.rows[0].cells[nameAt];
    expect(cell).toHaveLength(MAX_EXCEL_CELL);
    expect(cell).toMatch(/^A+ \[cut: longer than an Excel cell holds\]$/);
    expect(table.rows[1].cells[nameAt]).toBe('Birch Academy');
    // The CSV keeps the value whole.
    const csv = await sit(['classify', 'schools.csv', '--preset', 'rlt-categories', '--format', 'csv'], dir);
    expect(csv.stdout).toContain(long);
    expect(csv.stderr).not.toContain('32,767');
  });
});
