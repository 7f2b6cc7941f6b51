// The writers that stream (CSV, Markdown, HTML, JSON, iCalendar) write the same bytes as the
// one-string writers did, and hand over their output in parts, so a large result is never one
// string. test/unit/streamed-writers/ holds what the writers wrote for the samples before they
// streamed (generated from main at 8a7ba32).
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvLines } from '../../src/io/formats/csv.js';
import { csvRow } from '../helpers/csv-row.js';
import { markdownLines } from '../../src/io/formats/markdown.js';
import { htmlPage } from '../../src/io/formats/html.js';
import type { Cell, RowsTable } from '../../src/io/formats/table-model.js';
import { jsonArray, toJson } from '../../src/io/render.js';
import { jsonArrayItem, jsonMember, jsonObjectStart } from '../../src/io/formats/json.js';
import { calendarIcsLines, calendarTable, eventUid, markedEventJson } from '../../src/io/calendar-output.js';
import { contentText, emit } from '../../src/io/output.js';
import { IcsReader, readIcs } from '../../src/io/ics.js';
import { sampleEvents, samplePrevious, sampleTable } from '../helpers/writer-samples.js';

const expected = (name: string) => readFileSync(new URL(`./streamed-writers/${name}`, import.meta.url), 'utf8');

const eventsTable = () =>
  calendarTable(sampleEvents, {
    policyName: 'P',
    policyId: 'p',
    asOf: '2026-09-01',
    scope: 'the year',
    levels: new Map([
      [100004, 4],
      [100005, null],
    ]),
    maxLevel: 4,
    detail: 'file',
  });

describe('streamed writers write the bytes the one-string writers wrote', () => {
  const cases: [string, () => Iterable<string>][] = [
    ['table.csv', () => csvLines(sampleTable)],
    ['table.md', () => markdownLines(sampleTable)],
    ['table.html', () => htmlPage(sampleTable)],
    ['events.csv', () => csvLines(eventsTable())],
    ['events.html', () => htmlPage(eventsTable())],
    ['events.json', () => jsonArray(sampleEvents.map((e) => markedEventJson(e)))],
    ['events.ics', () => calendarIcsLines(sampleEvents, { name: 'Plan: the year, 2026/27', stamp: '2026-09-01' })],
    [
      'events-previous.ics',
      () => calendarIcsLines(sampleEvents, { name: 'Plan', stamp: '2026-09-01', previous: samplePrevious(eventUid) }),
    ],
  ];
  for (const [name, write] of cases)
    it(name, () => {
      const parts = [...write()];
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.join('')).toBe(expected(name));
    });

  it('a flat object member by member is jsonArrayItem of it', () => {
    const objects = [
      { a: 'x\ny "q" \\ </b>', b: 1.5, c: null },
      { only: -0 },
      { 'key "quoted"': '\u2028\ud800', n: 1e21, t: '' },
    ];
    objects.forEach((object, i) => {
      const entries = Object.entries(object);
      const members = entries.map(([key, value], k) => jsonMember(key, value, k === entries.length - 1));
      expect(jsonObjectStart(i === 0) + members.join('')).toBe(jsonArrayItem(object, i === 0));
    });
  });

  it("a table's CSV is csvRow of each row, its repeated cells escaped once and its unrepeated ones each time", () => {
    const texts = ['plain', 'a, "quoted" text\nover lines', '=1+2', '-3', '', null, 0, -0, 2.5, Number.NaN];
    const columns = [
      { key: 'same', header: 'Same' },
      { key: 'each', header: '=each' },
      { key: 'missing', header: 'Missing' },
    ];
    const rows = Array.from({ length: 3000 }, (_, i) => ({ same: texts[i % texts.length], each: `${i}, "${i}"` }));
    const table: RowsTable = { title: 'T', columns, rows };
    const lines = [`Same,'=each,Missing\r\n`, ...rows.map((row) => csvRow(columns, row))];
    expect(contentText(csvLines(table))).toBe(lines.join(''));
  });

  it('a JSON array item by item is toJson of the array, empty or not', () => {
    const values = [[], [{ a: 1 }], [{ a: [1, { b: 'x\ny' }], c: null }, 'text', 3, [], {}]];
    for (const value of values) expect(contentText(jsonArray(value))).toBe(toJson(value));
  });
});

/** A table of `n` rows made as they are read, as the calendar's are. */
function bigTable(n: number): RowsTable {
  return {
    title: 'Big',
    columns: [
      { key: 'urn', header: 'urn' },
      { key: 'name', header: 'name' },
      { key: 'date', header: 'date' },
    ],
    rows: {
      *[Symbol.iterator]() {
        for (let i = 0; i < n; i++)
          yield { urn: 100000 + i, name: `School ${i}, "quoted"`, date: '2027-01-26' } as Record<string, Cell>;
      },
    },
  };
}

describe('a large output is written in parts, never as one string', () => {
  for (const [format, write] of [
    ['csv', csvLines],
    ['md', markdownLines],
    ['html', htmlPage],
  ] as const)
    it(`${format} to standard output: many writes of bounded size, the same bytes as one`, async () => {
      const writes: string[] = [];
      const stdout = { write: (chunk: string | Uint8Array) => writes.push(String(chunk)) };
      await emit({ cwd: tmpdir(), stdout, format }, write(bigTable(20000)));
      const whole = writes.join('');
      expect(whole.length).toBeGreaterThan(500_000);
      expect(writes.length).toBeGreaterThan(5);
      // Each write is a piece of about 64K characters (a row more at most), not the whole output.
      expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(70_000);
      expect(whole).toBe(contentText(write(bigTable(20000))));
    });

  it('parts to an -o file: the file holds them all, with the CSV byte-order mark, and no temporary file is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-stream-'));
    const stdout = { write: () => expect.unreachable('nothing on standard output') };
    await emit({ cwd: dir, output: 'big.csv', stdout, format: 'csv' }, csvLines(bigTable(20000)));
    expect(readFileSync(join(dir, 'big.csv'), 'utf8')).toBe(`\uFEFF${contentText(csvLines(bigTable(20000)))}`);
    expect(readdirSync(dir)).toEqual(['big.csv']);
  });

  it('a writer that fails part way leaves no file and no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-stream-'));
    function* failing() {
      yield 'a,b\r\n'.repeat(50_000);
      throw new Error('the writer failed');
    }
    await expect(emit({ cwd: dir, output: 'out.csv', stdout: { write: () => 0 } }, failing())).rejects.toThrow(
      'the writer failed',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('calendar rows are made as they are written, not held in the table', () => {
    const table = eventsTable();
    expect(Array.isArray(table.rows)).toBe(false);
    expect([...table.rows]).toHaveLength(sampleEvents.length);
  });
});

describe('the previous plan is read a piece at a time', () => {
  it('reads the same events wherever the pieces split the text (inside a folded line, between CR and LF)', () => {
    const text = expected('events-previous.ics');
    const whole = readIcs(text);
    expect(whole.map((e) => e.uid)).toHaveLength(sampleEvents.length + 2);
    expect(whole.some((e) => e.description.includes('\n') && e.summary.length > 60)).toBe(true);
    for (let at = 0; at <= text.length; at++) {
      const reader = new IcsReader();
      reader.push(text.slice(0, at));
      reader.push(text.slice(at));
      expect(reader.end()).toEqual(whole);
    }
  });

  it('names the line of a problem as reading it whole did', () => {
    expect(() => readIcs('not a calendar')).toThrow('line 1: expected BEGIN:VCALENDAR');
    const reader = new IcsReader();
    for (const piece of ['BEGIN:VCALENDAR\r\nBEGIN:VEV', 'ENT\r\nSUMMARY:x\r\n', ' folded\r\nEND:VEVENT\r\n'])
      reader.push(piece);
    expect(() => reader.end()).toThrow('line 4: an event without UID or DTSTART');
  });
});
